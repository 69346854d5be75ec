/// SMTP command names: validation and finding the last command named in an error message.
enum SMTPCommand {
    static let available = [
        "HELO", "EHLO", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP", "VRFY", "ETRN", "EXPN", "HELP",
        "AUTH", "STARTTLS", "XFORWARD", "CONN",
    ]
    /// Commands sent before DATA (content filters cannot have acted yet).
    static let beforeData: Set<String> = ["CONN", "EHLO", "HELO", "MAIL", "RCPT"]
    private static let detectable = [
        "HELO", "EHLO", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-", "AUTH DIGEST-", "MAIL F",
        "RCPT", "RCPT T", "DATA", "QUIT", "XFORWARD",
    ]

    /// True when the argument contains a known command name.
    static func isValid(_ command: String) -> Bool {
        guard command.utf8.count >= 4 else { return false }
        return available.contains { command.contains($0) }
    }

    /// The last SMTP command named in `text` (upper case as written), or "".
    static func find(_ text: String) -> String {
        guard isValid(text) else { return "" }
        let bytes = Array(text.utf8)
        let padded = [ASCII.space] + bytes + [ASCII.space]
        var found = [String]()
        for word in detectable {
            let needle = Array(word.utf8)
            guard let hit = ByteSearch.find(needle, in: bytes) else { continue }
            if !word.contains(" ") {
                // Skip names inside words or addresses (DATABASE@EXAMPLE.JP).
                let before = padded[hit]
                let after = hit + needle.count + 1 < padded.count ? padded[hit + needle.count + 1] : ASCII.space
                if ASCII.isAlnum(before) || before == ASCII.at || ASCII.isAlnum(after) || after == ASCII.at { continue }
            }
            var name = String(word.prefix(4))
            if found.contains(where: { $0.hasPrefix(name) }) { continue }
            if name == "STAR" { name = "STARTTLS" }
            if name == "XFOR" { name = "XFORWARD" }
            found.append(name)
        }
        return found.last ?? ""
    }
}
