/// String helpers shared by the recognisers (whitespace sweeping, ordered matching, selection).
package enum TextTools {
    /// Collapses runs of blanks to one space, drops leading/trailing blanks and a trailing
    /// "--" boundary remnant.
    package static func sweep(_ text: String) -> String {
        guard !text.isEmpty else { return "" }
        var input = text
        // Unsafe: the bytes are read only inside the closure, while `input` is alive.
        return input.withUTF8 { source in
            // Most texts reach here already swept (recognisers sweep, then the fact builder): keep them as they are.
            if isSwept(source) { return text }
            // Unsafe: sweeping never lengthens the text, so `source.count` bytes of room suffice.
            var output = [UInt8](unsafeUninitializedCapacity: source.count) { target, written in
                var out = 0
                var lastBlank = true
                for byte in source {
                    if byte == ASCII.space || byte == ASCII.tab || byte == ASCII.lf || byte == ASCII.cr {
                        if !lastBlank {
                            target[out] = ASCII.space
                            out += 1
                        }
                        lastBlank = true
                    } else {
                        target[out] = byte
                        out += 1
                        lastBlank = false
                    }
                }
                if out > 0, target[out - 1] == ASCII.space { out -= 1 }
                written = out
            }
            // Cut a " --boundary…" remnant and everything after it.
            var from = 0
            while let index = spaceHyphens(in: output, from: from), index + 4 < output.count {
                var look = index + 3
                while look < output.count, output[look] == ASCII.hyphen { look += 1 }
                if look < output.count, output[look] != ASCII.space || look > index + 3, look + 1 < output.count {
                    output.removeSubrange(index...)
                    break
                }
                from = index + 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// True when `sweep` would return these bytes unchanged: no tab or line break, no leading, trailing or
    /// doubled space, and no "--" that could start a boundary remnant.
    private static func isSwept(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != ASCII.space, last != ASCII.space else {
            return false
        }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == ASCII.tab || byte == ASCII.lf || byte == ASCII.cr { return false }
            if byte == previous && (byte == ASCII.space || byte == ASCII.hyphen) { return false }
            previous = byte
        }
        return true
    }

    /// Offset of the first " --" at or after `from`: found by its "--" (spaces are everywhere, "--" is rare).
    private static func spaceHyphens(in bytes: [UInt8], from: Int) -> Int? {
        var position = from + 1
        while let hyphens = ByteSearch.find(doubleHyphen, in: bytes, from: position) {
            if bytes[hyphens - 1] == ASCII.space { return hyphens - 1 }
            position = hyphens + 1
        }
        return nil
    }

    private static let doubleHyphen: [UInt8] = [ASCII.hyphen, ASCII.hyphen]

    /// True when the pieces occur in order in `text` (case-sensitive).
    package static func aligned(_ text: String, _ pieces: [String]) -> Bool {
        ByteSearch.withBytes(text) { haystack in
            var position = 0
            for piece in pieces {
                let hit = ByteSearch.withBytes(piece) { needle in
                    ByteSearch.offset(needle, in: haystack, from: position)
                }
                guard let hit else { return false }
                position = hit + piece.utf8.count
            }
            return true
        }
    }

    /// The text between the first `from` and the following `to` ("" when `to` is empty means "to the end").
    package static func select(_ text: String, from: String, to: String) -> String {
        guard let start = text.rangeOfBytes(from) else { return "" }
        let rest = text[start.upperBound...]
        if to.isEmpty { return String(rest) }
        guard let end = rest.rangeOfBytes(to) else { return "" }
        return String(rest[..<end.lowerBound])
    }

    /// True when the string is made of digits only (and is not empty).
    package static func isNumeric(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ASCII.isDigit($0) }
    }

    /// True when `text` contains any of the needles (case-sensitive).
    package static func containsAny(_ text: String, _ needles: [String]) -> Bool {
        needles.contains { text.containsBytes($0) }
    }
}
