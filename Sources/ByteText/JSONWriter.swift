/// Appends compact JSON to a UTF-8 byte buffer: the one JSON writer and escaper of the package.
///
/// Two styles of writing objects: ``key(_:)`` writes `"name":` only (the caller writes the commas), and
/// ``openObject()`` / ``member(_:)`` / ``closeObject()`` put the commas in themselves.
package struct JSONWriter {
    /// How control characters other than `\n`, `\r` and `\t` are escaped.
    package enum ControlEscapes: Sendable {
        /// `\b` and `\f` for backspace and form feed, `\u00XX` for the rest (the `serve` frames).
        case short
        /// `\u00XX` for all of them (the bounce JSON of `explain --json`).
        case unicode
    }

    /// The bytes written so far.
    package var bytes: [UInt8] = []
    /// Set once a member has been written to the object opened last by ``openObject()``.
    private var hasMember = false

    /// An empty writer with room for `capacity` bytes.
    package init(capacity: Int = 512) { bytes.reserveCapacity(capacity) }

    /// Appends bytes as they are (JSON syntax, or JSON produced elsewhere).
    package mutating func raw(_ text: StaticString) {
        // Unsafe: a literal's UTF-8 bytes live for the whole process; copied at once.
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends already-encoded JSON.
    package mutating func raw(_ data: some Sequence<UInt8>) { bytes.append(contentsOf: data) }

    /// Appends already-encoded JSON held in a string.
    package mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Appends `"key":` (no comma).
    package mutating func key(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        raw(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts an object: `{`, with no member yet.
    package mutating func openObject() {
        bytes.append(UInt8(ascii: "{"))
        hasMember = false
    }

    /// Appends `"name":` (the name is not escaped), preceded by a comma after the first member.
    package mutating func member(_ name: String) {
        if hasMember { bytes.append(UInt8(ascii: ",")) }
        hasMember = true
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    /// Ends an object: `}`.
    package mutating func closeObject() { bytes.append(UInt8(ascii: "}")) }

    /// Appends `true` or `false`.
    package mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    /// Appends a JSON string, escaping quotes, backslashes and control characters.
    package mutating func string(_ value: String, controls: ControlEscapes = .short) {
        var value = value
        // Unsafe: the bytes are read only inside the closure, while `value` is alive.
        value.withUTF8 { utf8 in escaped(utf8, controls: controls) }
    }

    /// Appends a JSON string or `null`.
    package mutating func string(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// Appends a JSON array of strings.
    package mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends a number; non-finite values become `null`.
    package mutating func number(_ value: Double) {
        guard value.isFinite else { return raw("null") }
        if value == value.rounded(), abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    /// Appends an integer.
    package mutating func number(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends UTF-8 bytes as a JSON string literal: quotes, `\` and control bytes escaped, the rest as is
    /// (`/` is not escaped; invalid UTF-8 is copied unchanged).
    package mutating func escaped(_ utf8: UnsafeBufferPointer<UInt8>, controls: ControlEscapes = .short) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            // Unsafe: start ≤ index < utf8.count, so the copied run lies inside the buffer.
            if start < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index])) }
            start = index + 1
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08 where controls == .short: bytes.append(UInt8(ascii: "b"))
            case 0x0C where controls == .short: bytes.append(UInt8(ascii: "f"))
            default:
                bytes.append(contentsOf: [
                    UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hex[Int(byte >> 4)],
                    Self.hex[Int(byte & 0xF)],
                ])
            }
        }
        // Unsafe: start ≤ utf8.count, so the copied tail lies inside the buffer.
        if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count])) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// True when some byte must be escaped in a JSON string: a control byte, `"` or `\`.
    ///
    /// Reads 8 bytes at a time: a word has such a byte when one of its bytes is below 0x20 or, XORed
    /// with the quote or the backslash, becomes zero (the usual "has a byte less than n" word tricks).
    package static func needsEscape(_ source: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasLess(_ word: UInt64, _ limit: UInt64) -> Bool {
            (word &- ones &* limit) & ~word & highs != 0
        }
        var index = 0
        if let base = source.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= source.count {
                // Unsafe: index + 8 ≤ count, so the unaligned 8-byte load stays inside the buffer.
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if hasLess(word, 0x20) || hasLess(word ^ (ones &* 0x22), 1) || hasLess(word ^ (ones &* 0x5C), 1) {
                    return true
                }
                index &+= 8
            }
        }
        while index < source.count {
            let byte = source[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }
}
