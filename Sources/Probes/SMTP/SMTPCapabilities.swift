/// The extensions a server lists in its EHLO reply (one keyword and its parameters per line).
struct SMTPCapabilities: Sendable, Equatable {
    /// The lines after the greeting line, made safe: "SIZE 10240000", "AUTH PLAIN LOGIN".
    var lines: [String]

    /// The keywords a mail-delivery diagnosis cares about, in the order they are reported.
    static let notable = [
        "STARTTLS", "SIZE", "8BITMIME", "PIPELINING", "SMTPUTF8", "AUTH", "CHUNKING", "ENHANCEDSTATUSCODES",
    ]

    init(reply: SMTPReply) {
        lines = Array(reply.lines.dropFirst())
    }

    init(lines: [String]) {
        self.lines = lines
    }

    /// Whether the keyword is listed (case-insensitive; `AUTH=PLAIN` counts as AUTH).
    func has(_ keyword: String) -> Bool {
        parameters(keyword) != nil
    }

    /// The parameters of a keyword ("AUTH PLAIN LOGIN" → ["PLAIN", "LOGIN"]); nil when not listed.
    func parameters(_ keyword: String) -> [String]? {
        let wanted = keyword.uppercased()
        var found: [String]?
        for line in lines {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let first = words.first, first.uppercased() == wanted else { continue }
            found = (found ?? []) + words.dropFirst().map { $0.uppercased() }
        }
        return found
    }

    /// The SASL mechanisms offered by AUTH (also the old `AUTH=` form), without duplicates.
    var authMechanisms: [String] {
        var seen: [String] = []
        for mechanism in parameters("AUTH") ?? [] where !seen.contains(mechanism) { seen.append(mechanism) }
        return seen
    }

    /// The message size limit in bytes from SIZE, when given and non-zero.
    var sizeLimit: Int? {
        guard let value = parameters("SIZE")?.first, let size = Int(value), size > 0 else { return nil }
        return size
    }

    /// Which of the ``notable`` keywords are present.
    var notablePresent: [String] {
        SMTPCapabilities.notable.filter(has)
    }
}
