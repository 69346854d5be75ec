import ByteText

/// A read-only hash table from short byte strings to values, looked up straight from a byte buffer:
/// no `String` is made and no SipHash is run for a word of the text being analysed.
struct ByteTable<Value: Sendable>: Sendable {
    private var slots: [Int32]
    private var starts: [Int32] = []
    private(set) var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    /// The keys' bytes one after the other, in insertion order (sorted by key).
    private(set) var arena: [UInt8] = []
    /// The values, in insertion order.
    private(set) var values: [Value] = []
    private let mask: Int

    /// Builds the table from keys and values.
    init(_ entries: [String: Value]) {
        var arena: [UInt8] = []
        var lengths: [Int32] = []
        var values: [Value] = []
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            arena.append(contentsOf: key.utf8)
            lengths.append(Int32(key.utf8.count))
            values.append(value)
        }
        self.init(checkedArena: arena, lengths: lengths, values: values)
    }

    /// Builds the table from keys spelt one after the other in `arena` (each `lengths[i]` bytes long)
    /// and their values, inserted in that order: the same order gives the same table, so a table is
    /// stored as its keys and values alone. Nil when the lengths do not match the arena or the values.
    init?(arena: [UInt8], lengths: [Int32], values: [Value]) {
        guard lengths.count == values.count, lengths.allSatisfy({ $0 >= 0 }),
            lengths.reduce(0, { $0 + Int($1) }) == arena.count
        else { return nil }
        self.init(checkedArena: arena, lengths: lengths, values: values)
    }

    private init(checkedArena arena: [UInt8], lengths: [Int32], values: [Value]) {
        var size = 16
        while size < values.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        let mask = size - 1
        var starts: [Int32] = []
        var hashes: [UInt64] = []
        starts.reserveCapacity(values.count)
        hashes.reserveCapacity(values.count)
        arena.withByteView { arena in
            var start = 0
            for index in lengths.indices {
                let hash = Self.hash(arena[start..<(start + Int(lengths[index]))])
                starts.append(Int32(start))
                hashes.append(hash)
                start += Int(lengths[index])
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index)
            }
        }
        self.slots = slots
        self.mask = mask
        self.starts = starts
        self.lengths = lengths
        self.hashes = hashes
        self.arena = arena
        self.values = values
    }

    /// The value for the key spelt by `key`, if any.
    func value(for key: ByteView) -> Value? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withByteView { arena in
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
