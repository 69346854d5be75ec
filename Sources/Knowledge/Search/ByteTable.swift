/// A read-only hash table from short byte strings to values, looked up straight from a byte buffer:
/// no `String` is made and no SipHash is run for a word of the text being analysed.
struct ByteTable<Value: Sendable>: Sendable {
    private var slots: [Int32]
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    private var arena: [UInt8] = []
    private var values: [Value] = []
    private let mask: Int

    /// Builds the table from keys and values.
    init(_ entries: [String: Value]) {
        var size = 16
        while size < entries.count * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            let index = Int32(values.count)
            let bytes = Array(key.utf8)
            let hash = Self.hash(bytes)
            starts.append(Int32(arena.count))
            lengths.append(Int32(bytes.count))
            hashes.append(hash)
            arena.append(contentsOf: bytes)
            values.append(value)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = index
        }
    }

    /// The value for the key spelt by `key`, if any.
    func value(for key: UnsafeBufferPointer<UInt8>) -> Value? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let index = Int(slots[slot])
                if index < 0 { return nil }
                if hashes[index] == hash, Int(lengths[index]) == key.count {
                    let start = Int(starts[index])
                    var same = true
                    for offset in 0..<key.count where arena[start + offset] != key[offset] {
                        same = false
                        break
                    }
                    if same { return values[index] }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// FNV-1a, 64 bits.
    private static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash ^ (hash >> 29)
    }
}
