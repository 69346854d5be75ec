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
                // Unsafe: the hot loop of every start (a megabyte of text); `index + 3 < end` by the
                // length check above, `written + k < count` checked per byte, table lookups by a UInt8.
                decodeTable.withUnsafeBufferPointer { table in
                    var written = 0
                    var index = 0
                    let end = text.count
                    while index < end {
                        let a = table[Int(text[index])]
                        let b = table[Int(text[index + 1])]
                        let c = table[Int(text[index + 2])]
                        let d = table[Int(text[index + 3])]
                        index += 4
                        if (a | b | c | d) & 0x80 != 0 {
                            // Only the final group may hold padding (decoded as 0x40).
                            guard index == end, (a | b) & 0xC0 == 0, d == 0xC0,
                                padding == 2 ? c == 0xC0 : c & 0xC0 == 0
                            else {
                                invalid = true
                                break
                            }
                        }
                        let value =
                            UInt32(a & 63) << 18 | UInt32(b & 63) << 12 | UInt32(c & 63) << 6 | UInt32(d & 63)
                        if written < count { out[written] = UInt8(truncatingIfNeeded: value >> 16) }
                        if written + 1 < count { out[written + 1] = UInt8(truncatingIfNeeded: value >> 8) }
                        if written + 2 < count { out[written + 2] = UInt8(truncatingIfNeeded: value) }
                        written += 3
                    }
                    if invalid { out.initialize(repeating: 0) }
                }
                initialized = count
            }
        }
        if invalid { throw .character }
        return bytes
    }

    /// Six-bit value of each base64 character; 0xC0 for `=`, 0xFF for anything else.
    @usableFromInline static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        table[Int(UInt8(ascii: "="))] = 0xC0
        return table
    }()
}
