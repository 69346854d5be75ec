import Localization
import MailModel

/// What to probe: a domain (its MX hosts for smtp), a host, an IP address, optionally with a port.
public struct ProbeTarget: Sendable, Hashable, CustomStringConvertible {
    /// A domain or host name in ASCII (lower case, no trailing dot), or an IP address in canonical text.
    public var host: String
    /// The port, when the target named one.
    public var port: Int?
    /// The address, when the target is an IP literal.
    public var address: IPAddress?

    /// Creates a target.
    public init(host: String, port: Int? = nil) {
        self.host = host
        self.port = port
        self.address = IPAddress(host)
    }

    /// `host`, `host:port`, or `[v6]:port`.
    public var description: String {
        guard let port else { return host }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Parses `example.com`, `mail.example.com:587`, `192.0.2.1`, `192.0.2.1:25`, `[2001:db8::1]:25`,
    /// `2001:db8::1`, `user@example.com` or `mailto:user@example.com` (its domain).
    ///
    /// - Throws: ``TargetError`` with a sentence saying what is wrong.
    public static func parse(_ text: String) throws(TargetError) -> ProbeTarget {
        try TargetProblem.inEnglish { () throws(TargetProblem) in try parseTarget(text) }
    }

    /// Parses a target as ``parse(_:)`` does; the error keeps its sentence translatable.
    static func parseTarget(_ text: String) throws(TargetProblem) -> ProbeTarget {
        var input = trimmed(text)
        // `mailto:bob@example.com` is the address (its colon is not a port separator).
        if input.lowercased().hasPrefix("mailto:") { input = input.dropFirst(7) }
        guard !input.isEmpty else {
            throw TargetProblem(
                L(
                    "Nothing to probe: give a domain (example.com), a host with a port (mail.example.com:587) or an IP address."
                ))
        }
        var hostPart = input
        var portPart: Substring?
        if input.hasPrefix("[") {
            guard let close = input.firstIndex(of: "]") else {
                throw TargetProblem(L("\"\(text)\" opens a bracket for an IPv6 address but does not close it."))
            }
            hostPart = input[input.index(after: input.startIndex)..<close]
            let rest = input[input.index(after: close)...]
            if !rest.isEmpty {
                guard rest.hasPrefix(":") else { throw TargetProblem(L("\"\(text)\" has text after the address.")) }
                portPart = rest.dropFirst()
            }
        } else if input.filter({ $0 == ":" }).count == 1, let colon = input.firstIndex(of: ":") {
            hostPart = input[..<colon]
            portPart = input[input.index(after: colon)...]
        }
        var port: Int?
        if let portPart {
            guard let value = Int(portPart), (1...65535).contains(value), portPart.allSatisfy(\.isNumber) else {
                throw TargetProblem(
                    L("\"\(portPart)\" is not a port number; ports are 1–65535 (for example 25 or 587)."))
            }
            port = value
        }
        let parsed: CheckTarget
        do {
            parsed = try CheckTarget.parse(String(hostPart))
        } catch {
            // MailModel's own sentence, in English.
            throw TargetProblem(.verbatim(error.message))
        }
        switch parsed {
        case .domain(let domain):
            return ProbeTarget(host: domain, port: port)
        case .ip(let address):
            return ProbeTarget(host: address, port: port)
        case .address(_, let domain):
            if port != nil {
                throw TargetProblem(L("\"\(text)\" is an e-mail address with a port; give the domain or a host:port."))
            }
            return ProbeTarget(host: domain, port: nil)
        }
    }

    /// Checks an address for RCPT TO: `local@domain`, no spaces, brackets or line breaks, at most 254 bytes.
    ///
    /// - Throws: ``TargetError`` saying what is wrong.
    public static func validateRecipient(_ text: String) throws(TargetError) -> String {
        try TargetProblem.inEnglish { () throws(TargetProblem) in try checkedRecipient(text) }
    }

    /// Checks a recipient as ``validateRecipient(_:)`` does; the error keeps its sentence translatable.
    static func checkedRecipient(_ text: String) throws(TargetProblem) -> String {
        var address = trimmed(text)
        if address.hasPrefix("<") && address.hasSuffix(">") { address = address.dropFirst().dropLast() }
        let value = String(address)
        guard value.utf8.count <= 254, value.contains("@"), !value.hasPrefix("@"), !value.hasSuffix("@") else {
            throw TargetProblem(L("\"\(text)\" is not an e-mail address (like user@example.com)."))
        }
        guard value.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "<" && $0 != ">" })
        else {
            throw TargetProblem(
                L("\"\(SafeText.clean(text, limit: 80))\" contains spaces, brackets or control characters."))
        }
        return value
    }

    /// The text without white space at either end.
    private static func trimmed(_ text: String) -> Substring {
        var text = Substring(text)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}

/// Why a target or a recipient cannot be probed, as a sentence shown in the reader's language.
struct TargetProblem: Error, Sendable {
    /// What is wrong.
    var text: LocalizedText

    init(_ text: LocalizedText) {
        self.text = text
    }

    /// The problem as the public API reports it: its sentence in English.
    var targetError: TargetError { TargetError(text) }

    /// Runs `body`, turning its problem into the public API's English ``TargetError``.
    static func inEnglish<Value>(_ body: () throws(TargetProblem) -> Value) throws(TargetError) -> Value {
        do {
            return try body()
        } catch {
            throw error.targetError
        }
    }
}
