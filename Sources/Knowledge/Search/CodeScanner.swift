import ByteText

/// An SMTP code found in text: a reply code, an enhanced status code, or both side by side
/// (`550 5.7.1`, `550-5.7.26`).
public struct FoundCode: Sendable, Hashable, Codable {
    /// The three-digit reply code, such as `550`.
    public var reply: String?
    /// The RFC 3463 enhanced status code, such as `5.7.26`.
    public var enhanced: String?

    /// Creates a found code.
    public init(reply: String? = nil, enhanced: String? = nil) {
        self.reply = reply
        self.enhanced = enhanced
    }

    /// The codes as they would appear in an article's `codes` list.
    public var parts: [String] { [reply, enhanced].compactMap { $0 } }
}

/// Finds SMTP reply codes (4xx, 5xx) and enhanced status codes (2.x.x, 4.x.x, 5.x.x) in text, with
/// ByteText's scanner (`SMTPCodes`, the message-analysis rules).
public enum CodeScanner {
    /// Returns the codes in order of appearance; a reply code directly followed by an enhanced
    /// code becomes one pair.
    public static func codes(in text: String) -> [FoundCode] {
        SMTPCodes.codes(in: text).map { FoundCode(reply: $0.reply, enhanced: $0.enhanced) }
    }
}
