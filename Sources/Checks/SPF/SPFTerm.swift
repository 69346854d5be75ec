import MailModel

/// The qualifier in front of an SPF mechanism.
public enum SPFQualifier: String, Sendable, Hashable {
    case pass = "+"
    case fail = "-"
    case softfail = "~"
    case neutral = "?"

    /// The check_host() result when a mechanism with this qualifier matches.
    public var result: SPFResult {
        switch self {
        case .pass: .pass
        case .fail: .fail
        case .softfail: .softfail
        case .neutral: .neutral
        }
    }
}

/// One SPF mechanism with its qualifier.
public struct SPFMechanism: Sendable, Hashable, CustomStringConvertible {
    /// What the mechanism matches.
    public enum Kind: Sendable, Hashable {
        case all
        case include(SPFMacroString)
        case a(domain: SPFMacroString?, cidr4: Int?, cidr6: Int?)
        case mx(domain: SPFMacroString?, cidr4: Int?, cidr6: Int?)
        case ptr(SPFMacroString?)
        case ip4(IPAddress, prefix: Int)
        case ip6(IPAddress, prefix: Int)
        case exists(SPFMacroString)
    }

    /// The qualifier (default `+`).
    public var qualifier: SPFQualifier
    /// The mechanism.
    public var kind: Kind
    /// The term as written in the record.
    public var text: String
    /// 1-based position of the term in the record.
    public var position: Int

    /// The value as text, for logs and messages.
    public var description: String { text }

    /// Whether evaluating this mechanism costs one of the ten DNS lookups (RFC 7208 §4.6.4).
    public var countsAsLookup: Bool {
        switch kind {
        case .include, .a, .mx, .ptr, .exists: true
        case .all, .ip4, .ip6: false
        }
    }
}

/// One SPF modifier.
public struct SPFModifier: Sendable, Hashable {
    /// The modifier's meaning.
    public enum Kind: Sendable, Hashable {
        case redirect(SPFMacroString)
        case exp(SPFMacroString)
        case unknown(name: String, value: SPFMacroString)
    }

    /// The modifier.
    public var kind: Kind
    /// The term as written in the record.
    public var text: String
    /// 1-based position of the term in the record.
    public var position: Int
}

/// A parsed SPF record.
public struct SPFRecord: Sendable, Hashable {
    /// The record text.
    public var text: String
    /// Mechanisms in evaluation order.
    public var mechanisms: [SPFMechanism]
    /// The `redirect=` target, if any.
    public var redirect: SPFMacroString?
    /// The `exp=` domain, if any.
    public var explanation: SPFMacroString?
    /// Every modifier in order, including unknown ones.
    public var modifiers: [SPFModifier]

    /// Whether a TXT string is an SPF version 1 record (`v=spf1` then a space or the end, any case).
    public static func isSPF(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(7))
        guard bytes.count >= 6 else { return false }
        let version = String(decoding: bytes[0..<6], as: UTF8.self).lowercased()
        return version == "v=spf1" && (bytes.count == 6 || bytes[6] == 0x20)
    }

    /// The `all` mechanism, if the record has one.
    public var allMechanism: SPFMechanism? {
        mechanisms.first { $0.kind == .all }
    }
}
