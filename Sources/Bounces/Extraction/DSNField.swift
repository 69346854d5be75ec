import ByteText

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
        return line.withByteView { bytes in
            // The value: blanks trimmed, then "type;" split off for the typed fields.
            var (start, end) = trimmed(bytes, name.rawValue.utf8.count + 1, bytes.count)
            var type = ""
            switch name {
            case .finalRecipient, .originalRecipient, .actualRecipient, .reportingMTA, .receivedFromMTA, .remoteMTA,
                .diagnosticCode:
                guard let semicolon = offset(of: ASCII.semicolon, in: bytes, start, end) else { break }
                let (headStart, headEnd) = trimmed(bytes, start, semicolon)
                let head = bytes[headStart..<headEnd]
                guard !head.isEmpty, offset(of: ASCII.space, in: bytes, headStart, headEnd) == nil else { break }
                if offset(of: ASCII.at, in: bytes, headStart, headEnd) != nil {
                    // An address before ";" is a value, except in a short diagnostic type.
                    guard name == .diagnosticCode, head.string.count < 12 else { break }
                }
                type = String(decoding: head.map(ASCII.upper), as: UTF8.self)
                (start, end) = trimmed(bytes, semicolon + 1, end)
            default: break
            }
            let body = bytes[start..<end]
            switch name {
            case .finalRecipient, .originalRecipient, .actualRecipient:
                let address = AddressText.clean(body.string)
                return DSNField(name: name, type: type.isEmpty ? "RFC822" : type, value: address, comment: "")
            case .reportingMTA, .receivedFromMTA, .remoteMTA:
                let token = body.firstIndex(of: ASCII.space).map { body[0..<$0] } ?? body
                let host = token.string.trimming("[]()<>")
                return DSNField(name: name, type: type, value: host, comment: "")
            case .status:
                let (code, comment) = statusValue(body.string)
                return DSNField(name: name, type: "", value: code, comment: comment)
            case .action:
                // The first word (words are separated by spaces), lower-cased.
                var wordStart = 0
                while wordStart < body.count, body[wordStart] == ASCII.space { wordStart += 1 }
                var wordEnd = wordStart
                while wordEnd < body.count, body[wordEnd] != ASCII.space { wordEnd += 1 }
                let word = String(decoding: body[wordStart..<wordEnd].map(ASCII.lower), as: UTF8.self)
                return DSNField(name: name, type: "", value: word.trimming("().;,"), comment: "")
            default:
                return DSNField(name: name, type: type, value: body.string, comment: "")
            }
        }
    }

    /// The range `start..<end` of `bytes` without leading and trailing blanks.
    @inline(__always)
    private static func trimmed(_ bytes: ByteView, _ start: Int, _ end: Int) -> (Int, Int) {
        var start = start
        var end = end
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return (start, end)
    }

    /// The offset of the first `byte` in `bytes[start..<end]` (a plain loop: the generic searches cost
    /// more than the parsing in a debug build, and a bounce may have 20,000 recipients).
    private static func offset(of byte: UInt8, in bytes: ByteView, _ start: Int, _ end: Int) -> Int? {
        var index = start
        while index < end {
            if bytes[index] == byte { return index }
            index += 1
        }
        return nil
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
