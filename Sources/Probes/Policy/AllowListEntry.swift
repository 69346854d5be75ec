import MailModel

/// One entry of ``TargetPolicy/allowedHosts``: a network, a single address, a host name or a wildcard.
enum AllowListEntry: Sendable, Hashable {
    case network(IPAddress, prefix: Int)
    case host(String)
    case subdomains(of: String)

    /// Parses `10.0.0.0/8`, `fd00::/8`, `192.0.2.7`, `[::1]`, `mail.internal` or `*.corp.example`.
    init?(_ text: String) {
        var entry = Substring(text.lowercased())
        while let first = entry.first, first.isWhitespace { entry = entry.dropFirst() }
        while let last = entry.last, last.isWhitespace { entry = entry.dropLast() }
        if entry.hasPrefix("[") && entry.hasSuffix("]") { entry = entry.dropFirst().dropLast() }
        if let slash = entry.firstIndex(of: "/") {
            guard let address = IPAddress(String(entry[..<slash])),
                let prefix = Int(entry[entry.index(after: slash)...]),
                (0...(address.isV4 ? 32 : 128)).contains(prefix)
            else { return nil }
            self = .network(address, prefix: prefix)
            return
        }
        if let address = IPAddress(String(entry)) {
            self = .network(address, prefix: address.isV4 ? 32 : 128)
            return
        }
        let name = DNSName.normalize(String(entry))
        if name.hasPrefix("*.") {
            let parent = String(name.dropFirst(2))
            guard AllowListEntry.isHostName(parent) else { return nil }
            self = .subdomains(of: parent)
            return
        }
        guard AllowListEntry.isHostName(name) else { return nil }
        self = .host(name)
    }

    /// Letters, digits, hyphens and underscores in non-empty labels; single-label names allowed.
    private static func isHostName(_ name: String) -> Bool {
        guard DNSName.wireProblem(name) == nil else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty
                && label.utf8.allSatisfy { byte in
                    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
                }
        }
    }

    /// Whether the entry admits a connection to `address`, reached through the name `host`.
    func admits(address: IPAddress, host: String?) -> Bool {
        switch self {
        case .network(let network, let prefix):
            // Mapped forms (::ffff:10.0.0.1) compare as the IPv4 address they carry.
            let plain = address.unmapped
            let net = network.unmapped
            let bits = network.isV4 || !net.isV4 ? prefix : max(0, prefix - 96)
            return plain.isV4 == net.isV4 && plain.isIn(net, prefix: bits)
        case .host(let name):
            guard let host else { return false }
            return DNSName.normalize(host) == name
        case .subdomains(let parent):
            guard let host else { return false }
            let name = DNSName.normalize(host)
            return name != parent && DNSName.isSubdomain(name, of: parent)
        }
    }
}
