import Dispatch
import Synchronization

/// Standard base64 (RFC 4648 alphabet, `=` padding), the form the knowledge-base blob is carried in by
/// the generated source.
@usableFromInline package enum Base64 {
    /// Why a text was refused by ``decode(_:)``.
    @usableFromInline package enum Refusal: Error, Equatable {
        /// The length is no multiple of four.
        case length(Int)
        /// A character outside the alphabet, or padding anywhere but at the end.
        case character
    }

    @usableFromInline static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The base64 text of `bytes`.
    @inlinable
    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index + 3 <= bytes.count {
            let value = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(alphabet[Int((value >> UInt32(shift)) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let value = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(alphabet[Int((value >> 18) & 63)])
            out.append(alphabet[Int((value >> 12) & 63)])
            out.append(rest == 2 ? alphabet[Int((value >> 6) & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes ``encode(_:)``'s output; any other character, padding before the end, or a length that is
    /// no multiple of four is refused.
    @inlinable
    package static func decode(_ text: ByteView) throws(Refusal) -> [UInt8] {
        guard text.count % 4 == 0 else { throw .length(text.count) }
        var padding = 0
        if text.count >= 4 {
            if text[text.count - 1] == UInt8(ascii: "=") { padding += 1 }
            if text[text.count - 2] == UInt8(ascii: "=") { padding += 1 }
        }
        let count = text.count / 4 * 3 - padding
        var invalid = false
        let bytes = text.withBuffer { text in
            [UInt8](unsafeUninitializedCapacity: count) { out, initialized in
                // Unsafe: the hot loop of every start (megabytes of text), in `decodeGroups`; the two
                // halves write disjoint ranges of `out`. A bad character sets the high bit of `bad`.
                decodeTable.withUnsafeBufferPointer { table in
                    let groups = text.count / 4
                    let body = max(groups - 1, 0)
                    // Large texts (the knowledge base at every start) are decoded in two halves at once.
                    let parts = body >= Self.groupsPerPart ? 2 : 1
                    let bad = Atomic<UInt8>(0)
                    let buffers = SharedBuffers(text: text, table: table, out: out)
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        let range = (body * part / parts)..<(body * (part + 1) / parts)
                        let found = decodeGroups(range, of: buffers.text, table: buffers.table, into: buffers.out)
                        bad.bitwiseOr(found, ordering: .relaxed)
                    }
                    invalid = bad.load(ordering: .relaxed) & 0x80 != 0
                    if groups > 0, !invalid {
                        invalid = !decodeLastGroup(text, table: table, padding: padding, into: out, count: count)
                    }
                    if invalid { out.initialize(repeating: 0) }
                }
                initialized = count
            }
        }
        if invalid { throw .character }
        return bytes
    }

    /// The buffers both halves of a decoding read and write.
    @usableFromInline struct SharedBuffers: @unchecked Sendable {
        // Unsafe: shared by the two halves, which only read `text` and `table` and write disjoint ranges of `out`.
        @usableFromInline let text: UnsafeBufferPointer<UInt8>
        @usableFromInline let table: UnsafeBufferPointer<UInt8>
        @usableFromInline let out: UnsafeMutableBufferPointer<UInt8>

        @usableFromInline init(
            text: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>, out: UnsafeMutableBufferPointer<UInt8>
        ) {
            self.text = text
            self.table = table
            self.out = out
        }
    }

    /// Texts of at least this many groups of four characters are decoded in two halves at once.
    @usableFromInline package static let groupsPerPart = 1 << 18

    /// Decodes the groups of four characters in `groups` (none of them the last group of the text) into
    /// three bytes each; returns the OR of their characters' table values, whose high bit marks a bad one.
    @inlinable
    static func decodeGroups(
        _ groups: Range<Int>, of text: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>,
        into out: UnsafeMutableBufferPointer<UInt8>
    ) -> UInt8 {
        // Unsafe: every group but the last has `index + 3 < text.count` and `group * 3 + 2 < out.count`.
        var bad: UInt8 = 0
        for group in groups {
            let index = group * 4
            let a = table[Int(text[index])]
            let b = table[Int(text[index + 1])]
            let c = table[Int(text[index + 2])]
            let d = table[Int(text[index + 3])]
            bad |= a | b | c | d
            let value = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
            out[group * 3] = UInt8(truncatingIfNeeded: value >> 16)
            out[group * 3 + 1] = UInt8(truncatingIfNeeded: value >> 8)
            out[group * 3 + 2] = UInt8(truncatingIfNeeded: value)
        }
        return bad
    }

    /// Decodes the final group of four characters, the only one that may hold padding, into the last one
    /// to three bytes of `out`; false when it is malformed.
    @inlinable
    static func decodeLastGroup(
        _ text: UnsafeBufferPointer<UInt8>, table: UnsafeBufferPointer<UInt8>, padding: Int,
        into out: UnsafeMutableBufferPointer<UInt8>, count: Int
    ) -> Bool {
        // Unsafe: `text.count >= 4` (one group at least), lookups by a UInt8, writes below `count`.
        let index = text.count - 4
        let a = table[Int(text[index])]
        let b = table[Int(text[index + 1])]
        let c = table[Int(text[index + 2])]
        let d = table[Int(text[index + 3])]
        if (a | b | c | d) & 0x80 != 0 {
            // Padding decodes as 0xC0; anything else with the high bit is no base64 character.
            guard (a | b) & 0xC0 == 0, d == 0xC0, padding == 2 ? c == 0xC0 : c & 0xC0 == 0 else { return false }
        }
        let value = UInt32(a & 63) << 18 | UInt32(b & 63) << 12 | UInt32(c & 63) << 6 | UInt32(d & 63)
        let first = index / 4 * 3
        for (offset, shift) in [(0, 16), (1, 8), (2, 0)] where first + offset < count {
            out[first + offset] = UInt8(truncatingIfNeeded: value >> UInt32(shift))
        }
        return true
    }

    /// Six-bit value of each base64 character; 0xC0 for `=`, 0xFF for anything else.
    @usableFromInline static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        table[Int(UInt8(ascii: "="))] = 0xC0
        return table
    }()
}
