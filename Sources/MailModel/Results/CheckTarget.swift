import ByteText
import Localization

/// What the user asked to check: a domain, an e-mail address or an IP address.
public enum CheckTarget: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    /// A domain in ASCII form (IDNs converted to `xn--`), lower case, without the trailing dot.
    case domain(String)
    /// An e-mail address; the checks look at its domain.
    case address(local: String, domain: String)
    /// An IPv4 or IPv6 address in canonical text form.
    case ip(String)

    /// The target as text: the domain, `local@domain` or the address.
    public var description: String {
        switch self {
        case .domain(let domain): domain
        case .address(let local, let domain): "\(local)@\(domain)"
        case .ip(let address): address
        }
    }

    /// The domain the DNS checks look at, if any.
    public var domain: String? {
        switch self {
        case .domain(let domain), .address(_, let domain): domain
        case .ip: nil
        }
    }

    /// Parses what a user typed: `example.com`, `Bücher.example.`, `user@example.com`, `<user@example.com>`,
    /// `mailto:user@example.com`, `https://example.com/`, `192.0.2.1`, `2001:db8::1` or `[2001:db8::1]`.
    ///
    /// Domains are lower-cased, lose a trailing dot and IDNs become punycode.
    /// - Throws: ``TargetError`` with a sentence saying what is wrong and what would work.
    public static func parse(_ text: String) throws(TargetError) -> CheckTarget {
        var input = Substring(text.trimmingWhitespace())
        guard !input.isEmpty else {
            throw TargetError(
                L(
                    "Nothing to check: give a domain (example.com), an e-mail address (user@example.com) or an IP address (192.0.2.1)."
                )
            )
        }
        if input.hasPrefix("<") && input.hasSuffix(">") { input = input.dropFirst().dropLast() }
        if input.lowercased().hasPrefix("mailto:") { input = input.dropFirst(7) }
        for scheme in ["http://", "https://"] where input.lowercased().hasPrefix(scheme) {
            input = input.dropFirst(scheme.count)
            if let slash = input.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { input = input[..<slash] }
        }
        let trimmed = String(input)
        if let address = parseAddressLiteral(trimmed) { return .ip(address.description) }
        if let at = trimmed.lastIndex(of: "@") {
            let local = String(trimmed[..<at])
            let domainText = String(trimmed[trimmed.index(after: at)...])
            guard !domainText.isEmpty else {
                throw TargetError(
                    L(
                        "\"\(trimmed)\" has nothing after the @ — an e-mail address needs a domain, like \(local.isEmpty ? "user" : local)@example.com."
                    )
                )
            }
            guard !local.isEmpty else {
                throw TargetError(
                    L(
                        "\"\(trimmed)\" has nothing before the @ — give the whole address (user@\(domainText)) or just the domain (\(domainText))."
                    )
                )
            }
            guard local.utf8.count <= 64 else {
                throw TargetError(
                    L(
                        "The part before the @ in \"\(trimmed)\" is longer than 64 characters, which e-mail addresses do not allow."
                    )
                )
            }
            guard
                !local.contains(where: { $0 == " " || $0 == "\t" }) || (local.hasPrefix("\"") && local.hasSuffix("\""))
            else {
                throw TargetError(
                    L("\"\(trimmed)\" contains a space before the @; e-mail addresses cannot contain spaces."))
            }
            if domainText.hasPrefix("[") {
                throw TargetError(
                    L(
                        "\"\(trimmed)\" uses an address literal after the @; give the domain the mailbox belongs to, or check the IP address on its own."
                    )
                )
            }
            return .address(local: local, domain: try parseDomainName(domainText, original: trimmed))
        }
        return .domain(try parseDomainName(trimmed, original: trimmed))
    }

    /// Parses a domain where only a domain makes sense; an IP address gets a message saying so.
    public static func parseDomain(_ text: String) throws(TargetError) -> String {
        let input = text.trimmingWhitespace()
        if parseAddressLiteral(input) != nil {
            throw TargetError(
                L(
                    "\"\(input)\" is an IP address, but a domain is needed here (like example.com). To check an IP address, give it as the target instead."
                )
            )
        }
        if input.contains("@") {
            throw TargetError(
                L("\"\(input)\" is an e-mail address, but a domain is needed here — use the part after the @."))
        }
        return try parseDomainName(input, original: input)
    }

    /// Parses an IP address where only an address makes sense; a domain gets a message saying so.
    public static func parseIP(_ text: String) throws(TargetError) -> IPAddress {
        let input = text.trimmingWhitespace()
        if let address = parseAddressLiteral(input) { return address }
        if input.contains(where: \.isLetter) && !input.contains(":") {
            throw TargetError(
                L(
                    "\"\(input)\" looks like a domain, but an IP address is needed here (like 192.0.2.1 or 2001:db8::1). The sending server's IP is in the Received: headers of a message it sent."
                )
            )
        }
        throw TargetError(
            L(
                "\"\(input)\" is not a valid IP address; write IPv4 as four numbers 0–255 without leading zeros (192.0.2.1) or IPv6 like 2001:db8::1."
            )
        )
    }

    /// An IP address, optionally in brackets.
    private static func parseAddressLiteral(_ text: String) -> IPAddress? {
        var inner = Substring(text)
        if inner.hasPrefix("[") && inner.hasSuffix("]") { inner = inner.dropFirst().dropLast() }
        if inner.lowercased().hasPrefix("ipv6:") { inner = inner.dropFirst(5) }
        return IPAddress(String(inner))
    }

    private static func parseDomainName(_ text: String, original: String) throws(TargetError) -> String {
        var name = text
        if name.hasSuffix(".") { name.removeLast() }
        guard !name.isEmpty else { throw TargetError(L("\"\(original)\" is not a domain name.")) }
        if name.contains(":") {
            throw TargetError(
                L("\"\(original)\" contains \":\" — give the bare domain (like example.com), without a port or scheme.")
            )
        }
        if name.contains(where: { $0 == " " || $0 == "\t" }) {
            throw TargetError(L("\"\(original)\" contains a space; domain names cannot contain spaces."))
        }
        if !name.isASCII {
            guard let ascii = Punycode.toASCII(name) else {
                throw TargetError(
                    L("\"\(original)\" contains characters that cannot be written as an internationalised domain name.")
                )
            }
            name = ascii
        }
        name = DNSName.normalize(name)
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 4, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            throw TargetError(
                L(
                    "\"\(original)\" looks like an IPv4 address but is not valid: each of the four numbers must be 0–255, without leading zeros."
                )
            )
        }
        if name.utf8.count > 253 {
            throw TargetError(
                L("\"\(original)\" is \(name.utf8.count) characters long; domain names are limited to 253."))
        }
        if let long = labels.first(where: { $0.utf8.count > 63 }) {
            throw TargetError(
                L(
                    "The part \"\(long.prefix(24))…\" of \"\(original)\" is \(long.utf8.count) characters long; each part of a domain name (between dots) is limited to 63."
                )
            )
        }
        if labels.contains(where: \.isEmpty) {
            throw TargetError(L("\"\(original)\" has an empty part (two dots in a row or a leading dot)."))
        }
        if let problem = DNSName.hostnameProblem(name) {
            throw TargetError(L("\"\(original)\" is not a valid domain name: \(problem)."))
        }
        return name
    }
}
