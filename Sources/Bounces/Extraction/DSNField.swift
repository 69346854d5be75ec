/// One RFC 3464 (RFC 1894) delivery-status field parsed from a line.
struct DSNField: Sendable {
    /// The fields recognisers care about.
    enum Name: String, Sendable, CaseIterable {
        case reportingMTA = "reporting-mta"
        case receivedFromMTA = "received-from-mta"
        case arrivalDate = "arrival-date"
        case originalEnvelopeID = "original-envelope-id"
        case finalRecipient = "final-recipient"
        case originalRecipient = "original-recipient"
        case actualRecipient = "x-actual-recipient"
        case action, status
        case remoteMTA = "remote-mta"
        case diagnosticCode = "diagnostic-code"
        case lastAttemptDate = "last-attempt-date"
        case willRetryUntil = "will-retry-until"
        case finalLogID = "final-log-id"

        /// True for fields describing the whole report rather than one recipient.
        var isPerMessage: Bool {
            switch self {
            case .reportingMTA, .receivedFromMTA, .arrivalDate, .originalEnvelopeID: return true
            default: return false
            }
        }
        /// True for fields holding an address.
        var isAddress: Bool { self == .finalRecipient || self == .originalRecipient || self == .actualRecipient }
    }

    let name: Name
    /// The type before ";" (`rfc822`, `dns`, `smtp`) upper-cased, or "".
    let type: String
    /// The value: a cleaned address, a host, the diagnostic text, a status code, an action word.
    let value: String
    /// A parenthesised comment after a status code ("permanent failure"), or "".
    let comment: String

    private static let prefixes: [(Name, [UInt8])] = Name.allCases.map { ($0, Array(($0.rawValue + ":").utf8)) }

    /// The prefixes by the lower-case letter they start with (index = letter - "a").
    private static let prefixesByLetter: [[(Name, [UInt8])]] = (0..<26).map { letter in
        prefixes.filter { $0.1[0] == UInt8(ascii: "a") + UInt8(letter) }
    }

    /// Which field a line starts (case-insensitive), if any.
    static func name(of line: [UInt8]) -> Name? {
        guard line.count > 6, ASCII.isAlpha(line[0]) else { return nil }
        for (name, prefix) in prefixesByLetter[Int(ASCII.lower(line[0]) - UInt8(ascii: "a"))]
        where line.hasPrefixCI(prefix) {
            return name
        }
        return nil
    }

    /// Parses a field line; nil when the line is not a usable delivery-status field.
    static func parse(_ line: [UInt8]) -> DSNField? {
        guard let name = name(of: line) else { return nil }
        var start = name.rawValue.utf8.count + 1
        var end = line.count
        while start < end, isBlank(line[start]) { start += 1 }
        while end > start, isBlank(line[end - 1]) { end -= 1 }
        var body = String(decoding: line[start..<end], as: UTF8.self)
        var type = ""
        switch name {
        case .finalRecipient, .originalRecipient, .actualRecipient, .reportingMTA, .receivedFromMTA, .remoteMTA,
            .diagnosticCode:
            if let semicolon = body.utf8.firstIndex(of: ASCII.semicolon) {
                let head = body[..<semicolon].trimmingCharactersBlank()
                if !head.isEmpty, !head.contains(" "), !head.contains("@") || name == .diagnosticCode && head.count < 12
                {
                    type = head.asciiUppercased
                    body = String(body[body.index(after: semicolon)...]).trimmingCharactersBlank()
                }
            }
        default: break
        }
        switch name {
        case .finalRecipient, .originalRecipient, .actualRecipient:
            let address = AddressText.clean(body)
            return DSNField(name: name, type: type.isEmpty ? "RFC822" : type, value: address, comment: "")
        case .reportingMTA, .receivedFromMTA, .remoteMTA:
            var host = body
            if let space = host.utf8.firstIndex(of: ASCII.space) { host = String(host[..<space]) }
            host = host.trimming("[]()<>")
            return DSNField(name: name, type: type, value: host, comment: "")
        case .status:
            let (code, comment) = statusValue(body)
            return DSNField(name: name, type: "", value: code, comment: comment)
        case .action:
            let word = body.split(separator: " ").first.map { String($0).asciiLowercased } ?? ""
            return DSNField(name: name, type: "", value: word.trimming("().;,"), comment: "")
        default:
            return DSNField(name: name, type: type, value: body, comment: "")
        }
    }

    /// The bytes `trimmingCharactersBlank()` removes: space, tab, LF, CR.
    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == ASCII.space || byte == ASCII.tab || byte == ASCII.lf || byte == ASCII.cr
    }

    /// Splits "5.1.1 (bad address)" into the code and the comment; drops anything that is not a code.
    private static func statusValue(_ body: String) -> (String, String) {
        var code = body
        var comment = ""
        if let paren = body.utf8.firstIndex(of: UInt8(ascii: "(")) {
            code = body[..<paren].trimmingCharactersBlank()
            comment = body[body.index(after: paren)...].trimming(") ")
        }
        if let space = code.utf8.firstIndex(of: UInt8(ascii: " ")) { code = String(code[..<space]) }
        if StatusCode.isValid(code) { return (code, comment) }
        // "5.1.1" hidden in a longer value.
        let found = StatusCode.find(body)
        return (found, comment)
    }
}
