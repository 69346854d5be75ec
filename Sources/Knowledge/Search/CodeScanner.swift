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

/// Finds SMTP reply codes (4xx, 5xx) and enhanced status codes (2.x.x, 4.x.x, 5.x.x) in text.
public enum CodeScanner {
    /// Returns the codes in order of appearance; a reply code directly followed by an enhanced
    /// code becomes one pair.
    public static func codes(in text: String) -> [FoundCode] {
        var text = text
        return text.withUTF8 { codes(in: UnsafeBufferPointer(rebasing: $0.prefix(1 << 20))) }
    }

    private static func codes(in bytes: UnsafeBufferPointer<UInt8>) -> [FoundCode] {
        var found: [FoundCode] = []
        var index = 0
        var lastReplyEnd = -10
        while index < bytes.count {
            let byte = bytes[index]
            guard isDigit(byte), index == 0 || !isWordOrDot(bytes[index - 1]) else {
                index += 1
                continue
            }
            if let (code, end) = enhanced(bytes, at: index) {
                if lastReplyEnd >= 0, separatorOnly(bytes, from: lastReplyEnd, to: index), var last = found.last,
                    last.enhanced == nil, last.reply?.first == code.first
                {
                    last.enhanced = code
                    found[found.count - 1] = last
                } else {
                    found.append(FoundCode(enhanced: code))
                }
                lastReplyEnd = -10
                index = end
            } else if let (code, end) = reply(bytes, at: index) {
                found.append(FoundCode(reply: code))
                lastReplyEnd = end
                index = end
            } else {
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            }
        }
        return found
    }

    private static func reply(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        guard start + 3 <= bytes.count else { return nil }
        let a = bytes[start]
        let b = bytes[start + 1]
        let c = bytes[start + 2]
        guard a == UInt8(ascii: "4") || a == UInt8(ascii: "5"), isDigit(b), isDigit(c), b <= UInt8(ascii: "5")
        else { return nil }
        let end = start + 3
        if end < bytes.count {
            let next = bytes[end]
            if isDigit(next) || isLetter(next) { return nil }
            if next == UInt8(ascii: "."), end + 1 < bytes.count, isDigit(bytes[end + 1]) { return nil }
            if next == UInt8(ascii: ":"), end + 1 < bytes.count, isDigit(bytes[end + 1]) { return nil }
            // "500 people", "450 emails", "400 per hour": a count, not a reply code.
            if next == UInt8(ascii: " "), countNouns.contains(word(bytes, from: end + 1)) { return nil }
        }
        return (String(decoding: bytes[start..<end], as: UTF8.self), end)
    }

    /// Words that make a three-digit number before them a quantity.
    static let countNouns: Set<String> = [
        "people", "persons", "users", "emails", "mails", "messages", "recipients", "contacts", "customers",
        "clients", "subscribers", "members", "addresses", "accounts", "times", "per", "mb", "gb", "kb", "ms",
        "personnes", "utilisateurs", "destinataires", "courriels", "par", "personen", "nachrichten", "kunden",
        "pro", "personas", "usuarios", "correos", "mensajes", "destinatarios", "persone", "utenti", "messaggi",
        "destinatari", "pessoas", "mensagens", "e-mails",
    ]

    /// The ASCII word (lower-cased, letters and hyphens, at most 16 bytes) starting at `start`.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var index = start
        var out: [UInt8] = []
        while index < bytes.count, out.count < 16, isLetter(bytes[index]) || bytes[index] == UInt8(ascii: "-") {
            out.append(bytes[index] | 0x20)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func enhanced(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        let first = bytes[start]
        guard first == UInt8(ascii: "2") || first == UInt8(ascii: "4") || first == UInt8(ascii: "5") else {
            return nil
        }
        var index = start + 1
        for _ in 0..<2 {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            let digitsStart = index
            while index < bytes.count, isDigit(bytes[index]), index - digitsStart < 4 { index += 1 }
            let length = index - digitsStart
            guard length >= 1, length <= 3 else { return nil }
        }
        if index < bytes.count {
            let next = bytes[index]
            if isDigit(next) || isLetter(next) { return nil }
            if next == UInt8(ascii: "."), index + 1 < bytes.count, isDigit(bytes[index + 1]) { return nil }
        }
        return (String(decoding: bytes[start..<index], as: UTF8.self), index)
    }

    private static func separatorOnly(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard end - start <= 3 else { return false }
        for byte in bytes[start..<end] where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") {
            return false
        }
        return true
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isWordOrDot(_ byte: UInt8) -> Bool {
        isDigit(byte) || isLetter(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
    }
}
