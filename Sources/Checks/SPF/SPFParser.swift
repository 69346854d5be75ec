import ByteText
import Localization
import MailModel

/// Parses SPF records strictly, following the RFC 7208 ABNF; the whole record is checked before evaluation.
public enum SPFParser {
    /// Parses a record that starts with `v=spf1`.
    ///
    /// - Throws: ``SPFSyntaxError`` with the 1-based position of the first problem.
    public static func parse(_ text: String) throws(SPFSyntaxError) -> SPFRecord {
        let bytes = Array(text.utf8)
        if let bad = bytes.firstIndex(where: { $0 >= 0x80 }) {
            throw SPFSyntaxError(position: bad + 1, message: "SPF records may only contain plain ASCII characters")
        }
        guard SPFRecord.isSPF(text) else {
            throw SPFSyntaxError(position: 1, message: "the record must start with \"v=spf1\"")
        }
        var record = SPFRecord(text: text, mechanisms: [], redirect: nil, explanation: nil, modifiers: [])
        var index = 6
        while index < bytes.count {
            if bytes[index] == 0x20 {
                index += 1
                continue
            }
            var end = index
            while end < bytes.count && bytes[end] != 0x20 { end += 1 }
            let term = String(decoding: bytes[index..<end], as: UTF8.self)
            try parseTerm(Substring(term), position: index + 1, into: &record)
            index = end
        }
        return record
    }

    /// Stores a modifier that may appear only once (`redirect=`, `exp=`): its value must end in a domain.
    private static func setOnce(
        _ field: WritableKeyPath<SPFRecord, SPFMacroString?>, named name: String, to value: SPFMacroString,
        at position: Int, valueAt valuePosition: Int, in record: inout SPFRecord
    ) throws(SPFSyntaxError) {
        try value.validateDomainEnd(offset: valuePosition)
        guard record[keyPath: field] == nil else {
            throw SPFSyntaxError(position: position, message: "\"\(name)=\" may appear only once")
        }
        record[keyPath: field] = value
    }

    private static func parseTerm(_ term: Substring, position: Int, into record: inout SPFRecord)
        throws(SPFSyntaxError)
    {
        if let modifierName = modifierName(term) {
            let valueText = term.dropFirst(modifierName.count + 1)
            let valuePosition = position + modifierName.count + 1
            let value = try SPFMacroString.parse(valueText, offset: valuePosition)
            let kind: SPFModifier.Kind
            switch modifierName.lowercased() {
            case "redirect":
                try setOnce(\.redirect, named: "redirect", to: value, at: position, valueAt: valuePosition, in: &record)
                kind = .redirect(value)
            case "exp":
                try setOnce(\.explanation, named: "exp", to: value, at: position, valueAt: valuePosition, in: &record)
                kind = .exp(value)
            default:
                kind = .unknown(name: String(modifierName), value: value)
            }
            record.modifiers.append(SPFModifier(kind: kind, text: String(term), position: position))
            return
        }
        var body = term
        var qualifier = SPFQualifier.pass
        if let first = body.first, let explicit = SPFQualifier(rawValue: String(first)) {
            qualifier = explicit
            body = body.dropFirst()
        }
        let bodyPosition = position + (term.count - body.count)
        let nameEnd = body.firstIndex { $0 == ":" || $0 == "/" } ?? body.endIndex
        let name = body[..<nameEnd].lowercased()
        let rest = body[nameEnd...]
        let restPosition = bodyPosition + name.count
        let kind: SPFMechanism.Kind
        switch name {
        case "all":
            guard rest.isEmpty else {
                throw SPFSyntaxError(position: restPosition, message: "\"all\" takes no argument")
            }
            kind = .all
        case "include":
            kind = .include(try requiredDomain(rest, mechanism: "include", position: restPosition))
        case "exists":
            kind = .exists(try requiredDomain(rest, mechanism: "exists", position: restPosition))
        case "ptr":
            if rest.isEmpty {
                kind = .ptr(nil)
            } else {
                kind = .ptr(try requiredDomain(rest, mechanism: "ptr", position: restPosition))
            }
        case "a", "mx":
            let (domainPart, cidr4, cidr6) = try splitDualCIDR(rest, position: restPosition)
            var domain: SPFMacroString?
            if !domainPart.isEmpty {
                domain = try requiredDomain(domainPart, mechanism: name, position: restPosition)
            }
            kind =
                name == "a"
                ? .a(domain: domain, cidr4: cidr4, cidr6: cidr6) : .mx(domain: domain, cidr4: cidr4, cidr6: cidr6)
        case "ip4":
            kind = try parseIP(rest, version: 4, position: restPosition)
        case "ip6":
            kind = try parseIP(rest, version: 6, position: restPosition)
        default:
            let hint =
                name.hasPrefix("redirect") || name.hasPrefix("exp")
                ? " (modifiers are written with \"=\", like redirect=example.com)" : ""
            throw SPFSyntaxError(position: bodyPosition, message: "unknown mechanism \"\(body)\"\(hint)")
        }
        record.mechanisms.append(SPFMechanism(qualifier: qualifier, kind: kind, text: String(term), position: position))
    }

    /// `name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." )` immediately followed by "=".
    private static func modifierName(_ term: Substring) -> Substring? {
        guard let first = term.first, first.isASCII, first.isLetter else { return nil }
        var end = term.startIndex
        while end < term.endIndex {
            let character = term[end]
            if character == "=" { return term[..<end] }
            guard character.isASCII, character.isLetter || character.isNumber || "-_.".contains(character) else {
                return nil
            }
            end = term.index(after: end)
        }
        return nil
    }

    private static func requiredDomain(_ rest: Substring, mechanism: String, position: Int) throws(SPFSyntaxError)
        -> SPFMacroString
    {
        guard rest.hasPrefix(":") else {
            throw SPFSyntaxError(
                position: position, message: "\"\(mechanism)\" needs a domain, like \(mechanism):example.com")
        }
        let text = rest.dropFirst()
        guard !text.isEmpty else {
            throw SPFSyntaxError(position: position + 1, message: "\"\(mechanism):\" has an empty domain")
        }
        let value = try SPFMacroString.parse(text, offset: position + 1)
        try value.validateDomainEnd(offset: position + 1)
        return value
    }

    /// Splits `[":" domain] ["/" ip4-cidr] ["//" ip6-cidr]` from the end.
    private static func splitDualCIDR(_ rest: Substring, position: Int) throws(SPFSyntaxError)
        -> (domain: Substring, cidr4: Int?, cidr6: Int?)
    {
        var remaining = rest
        var cidr4: Int?
        var cidr6: Int?
        if let (value, before) = try trailingCIDR(remaining, slashes: 2, maximum: 128, position: position) {
            cidr6 = value
            remaining = before
        }
        if let (value, before) = try trailingCIDR(remaining, slashes: 1, maximum: 32, position: position) {
            cidr4 = value
            remaining = before
        }
        guard remaining.isEmpty || remaining.hasPrefix(":") else {
            throw SPFSyntaxError(position: position, message: "malformed CIDR length \"\(rest)\"")
        }
        return (remaining, cidr4, cidr6)
    }

    /// Matches "/digits" (or "//digits") at the end of `text`.
    private static func trailingCIDR(_ text: Substring, slashes: Int, maximum: Int, position: Int)
        throws(SPFSyntaxError) -> (Int, Substring)?
    {
        guard let lastSlash = text.lastIndex(of: "/") else { return nil }
        let digits = text[text.index(after: lastSlash)...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var before = text[..<lastSlash]
        if slashes == 2 {
            guard before.hasSuffix("/") else { return nil }
            before = before.dropLast()
        } else if before.hasSuffix("/") {
            return nil
        }
        let digitPosition = position + text.distance(from: text.startIndex, to: lastSlash) + 1
        guard digits == "0" || !digits.hasPrefix("0") else {
            throw SPFSyntaxError(position: digitPosition, message: "CIDR length \"/\(digits)\" has a leading zero")
        }
        guard let value = Int(digits.prefix(4)), digits.count <= 3, value <= maximum else {
            throw SPFSyntaxError(
                position: digitPosition, message: "CIDR length /\(digits) is too large (at most /\(maximum))")
        }
        return (value, before)
    }

    private static func parseIP(_ rest: Substring, version: Int, position: Int) throws(SPFSyntaxError)
        -> SPFMechanism.Kind
    {
        let name = "ip\(version)"
        guard rest.hasPrefix(":"), rest.count > 1 else {
            throw SPFSyntaxError(
                position: position,
                message: "\"\(name)\" needs an address, like \(name):\(version == 4 ? "192.0.2.1" : "2001:db8::1")")
        }
        var network = rest.dropFirst()
        let maximum = version == 4 ? 32 : 128
        var prefix = maximum
        if let slash = network.firstIndex(of: "/") {
            let digits = network[network.index(after: slash)...]
            let digitPosition = position + 1 + network.distance(from: network.startIndex, to: slash) + 1
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw SPFSyntaxError(position: digitPosition, message: "malformed CIDR length \"/\(digits)\"")
            }
            guard digits == "0" || !digits.hasPrefix("0") else {
                throw SPFSyntaxError(position: digitPosition, message: "CIDR length \"/\(digits)\" has a leading zero")
            }
            guard digits.count <= 3, let value = Int(digits), value <= maximum else {
                throw SPFSyntaxError(
                    position: digitPosition,
                    message: "CIDR length /\(digits) is too large for \(name) (at most /\(maximum))")
            }
            prefix = value
            network = network[..<slash]
        }
        if version == 4 {
            guard let bytes = IPAddress.parseV4(network) else {
                throw SPFSyntaxError(position: position + 1, message: "\"\(network)\" is not a complete IPv4 address")
            }
            return .ip4(.v4(bytes), prefix: prefix)
        }
        guard let bytes = IPAddress.parseV6(String(network)) else {
            throw SPFSyntaxError(position: position + 1, message: "\"\(network)\" is not a valid IPv6 address")
        }
        return .ip6(.v6(bytes), prefix: prefix)
    }
}
