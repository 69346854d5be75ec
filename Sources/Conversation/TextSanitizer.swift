/// Makes untrusted text safe to print: control characters and ANSI escape sequences from user
/// text or remote servers are neutralised, overlong lines cut.
public enum TextSanitizer {
    /// Replaces escape sequences and control characters (except newline and tab) with visible
    /// placeholders, and cuts lines longer than `maxLine` characters.
    public static func neutralize(_ text: String, maxLine: Int = 2_000) -> String {
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
}
