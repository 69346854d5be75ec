/// One SMTP reply: a three-digit code and its text lines (made safe to show).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    /// 2xx or 3xx.
    var isPositive: Bool { (200..<400).contains(code) }

    /// The code and first line: "550 5.1.1 User unknown".
    var summary: String {
        "\(code) \(lines.first ?? "")".trimmingSpaces()
    }

    /// The code and every line joined: "250 mail.test / PIPELINING / SIZE 10240000".
    var fullText: String {
        "\(code) " + lines.joined(separator: " / ")
    }
}

/// One line of an SMTP reply: `ddd-text` (more lines follow) or `ddd text` / `ddd` (last line).
struct SMTPReplyLine: Sendable, Equatable {
    var code: Int
    var isLast: Bool
    var text: String

    /// Parses raw bytes; nil when the line does not start with a reply code (RFC 5321 §4.2).
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 3, (0x32...0x35).contains(bytes[0]), (0x30...0x39).contains(bytes[1]),
            (0x30...0x39).contains(bytes[2])
        else { return nil }
        code = Int(bytes[0] - 0x30) * 100 + Int(bytes[1] - 0x30) * 10 + Int(bytes[2] - 0x30)
        if bytes.count == 3 {
            isLast = true
            text = ""
            return
        }
        switch bytes[3] {
        case 0x20: isLast = true
        case 0x2D: isLast = false
        default: return nil
        }
        text = SafeText.clean(bytes[4...])
    }
}

extension String {
    /// The text without leading and trailing spaces.
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
