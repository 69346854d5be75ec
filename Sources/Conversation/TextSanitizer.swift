/// Makes untrusted text safe to print: control characters and ANSI escape sequences from user
/// text or remote servers are neutralised, overlong lines cut.
public enum TextSanitizer {
    /// Replaces escape sequences and control characters (except newline and tab) with visible
    /// placeholders, and cuts lines longer than `maxLine` characters.
    public static func neutralize(_ text: String, maxLine: Int = 2_000) -> String {
        if isPlain(text, maxLine: maxLine) { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var lineLength = 0
        var cut = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                output.unicodeScalars.append(scalar)
                lineLength = 0
                cut = false
                continue
            }
            if cut { continue }
            if lineLength >= maxLine {
                output += "…"
                cut = true
                continue
            }
            lineLength += 1
            switch scalar.value {
            case 0x09: output.unicodeScalars.append(scalar)
            case 0x1B: output += "␛"
            case 0x00..<0x20: output.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F: output += "␡"
            case 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069: output += "�"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Whether the text needs no change: no control characters, no C1 controls or bidirectional
    /// overrides, no line longer than `maxLine` bytes (most replies, which are returned as they are).
    static func isPlain(_ text: String, maxLine: Int) -> Bool {
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var lineLength = 0
            var index = 0
            let raw = UnsafeRawBufferPointer(bytes)
            while index < bytes.count {
                // Eight printable ASCII bytes (0x20…0x7E) at a time: neither test below fires.
                if index + 8 <= bytes.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let below = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    let above = ((word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
                    if below == 0 && above == 0 {
                        lineLength += 8
                        if lineLength >= maxLine { return false }
                        index += 8
                        continue
                    }
                }
                let byte = bytes[index]
                if byte == 0x0A {
                    lineLength = 0
                } else {
                    if byte < 0x20 && byte != 0x09 || byte == 0x7F { return false }
                    // U+0080…U+009F (C1 controls) are C2 80…C2 9F.
                    if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] < 0xA0 { return false }
                    // U+202A…U+202E and U+2066…U+2069 (bidirectional controls) are E2 80 AA…AE, E2 81 A6…A9.
                    if byte == 0xE2, index + 2 < bytes.count {
                        let second = bytes[index + 1]
                        let third = bytes[index + 2]
                        if second == 0x80 && (0xAA...0xAE).contains(third) { return false }
                        if second == 0x81 && (0xA6...0xA9).contains(third) { return false }
                    }
                    lineLength += 1
                    if lineLength >= maxLine { return false }
                }
                index += 1
            }
            return true
        }
        return result ?? false
    }
}
