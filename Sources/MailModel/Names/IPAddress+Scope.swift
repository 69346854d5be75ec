import Localization

/// Where an address is routable: the internet, or some special-purpose range.
public enum IPScope: String, Sendable, Hashable {
    case global
    case loopback
    case privateNetwork = "private"
    case sharedAddressSpace = "shared"
    case linkLocal = "link-local"
    case uniqueLocal = "unique-local"
    case unspecified
    case multicast
    case documentation
    case reserved

    /// Whether mail could be delivered to such an address from the public internet.
    public var isPublic: Bool { self == .global }

    /// A phrase for messages: "a private (RFC 1918) address".
    public var phrase: String { phraseText.english }

    /// The phrase, to be shown in the reader's language.
    public var phraseText: LocalizedText {
        switch self {
        case .global: L("a public address")
        case .loopback: L("a loopback address (the machine itself)")
        case .privateNetwork: L("a private (RFC 1918) address")
        case .sharedAddressSpace: L("a carrier-grade NAT address (100.64.0.0/10)")
        case .linkLocal: L("a link-local address")
        case .uniqueLocal: L("a private IPv6 (unique local) address")
        case .unspecified: L("the unspecified address")
        case .multicast: L("a multicast address")
        case .documentation: L("a documentation/example address")
        case .reserved: L("a reserved address")
        }
    }
}

extension IPAddress {
    /// The special-purpose range this address belongs to, if any (IPv4-mapped addresses as IPv4).
    public var scope: IPScope {
        let address = unmapped
        for (network, prefix, scope) in IPAddress.specialRanges {
            if address.isIn(network, prefix: prefix) { return scope }
        }
        return .global
    }

    private static let specialRanges: [(IPAddress, Int, IPScope)] = {
        let table: [(String, Int, IPScope)] = [
            ("0.0.0.0", 8, .unspecified),
            ("10.0.0.0", 8, .privateNetwork),
            ("100.64.0.0", 10, .sharedAddressSpace),
            ("127.0.0.0", 8, .loopback),
            ("169.254.0.0", 16, .linkLocal),
            ("172.16.0.0", 12, .privateNetwork),
            ("192.0.0.0", 24, .reserved),
            ("192.0.2.0", 24, .documentation),
            ("192.168.0.0", 16, .privateNetwork),
            ("198.18.0.0", 15, .reserved),
            ("198.51.100.0", 24, .documentation),
            ("203.0.113.0", 24, .documentation),
            ("224.0.0.0", 4, .multicast),
            ("240.0.0.0", 4, .reserved),
            ("::", 128, .unspecified),
            ("::1", 128, .loopback),
            ("fc00::", 7, .uniqueLocal),
            ("fe80::", 10, .linkLocal),
            ("ff00::", 8, .multicast),
            ("2001:db8::", 32, .documentation),
            ("100::", 64, .reserved),
        ]
        return table.compactMap { text, prefix, scope in
            IPAddress(text).map { ($0, prefix, scope) }
        }
    }()
}
