import Localization
import MailModel

/// Which addresses and ports the probes may connect to: the guard that stops MailDoctor from being
/// used to reach internal services (server-side request forgery).
///
/// The policy is applied *after* DNS resolution, to the exact addresses the probe then connects to,
/// so a name that resolves to 127.0.0.1 (or changes its answer between two lookups) gains nothing.
/// By default only public unicast addresses and the mail ports are allowed. `allowPrivate` lifts both
/// restrictions (an operator testing their own network); `allowedHosts` and `allowedPorts` open
/// particular holes.
public struct TargetPolicy: Sendable, Hashable {
    /// Permit every address and every port (loopback, private networks, lab ports).
    public var allowPrivate: Bool
    /// Host names (`mail.internal`, `*.corp.example` for subdomains), addresses (`10.1.2.3`) or networks
    /// (`10.0.0.0/8`, `fd00::/8`) that are allowed even though they are not public.
    public var allowedHosts: [String]
    /// Ports allowed in addition to ``mailPorts``.
    public var allowedPorts: Set<Int>

    /// SMTP (25, 2525), submission (587, 465), POP3 (110, 995) and IMAP (143, 993).
    public static let mailPorts: Set<Int> = [25, 465, 587, 110, 995, 143, 993, 2525]

    /// Public addresses and mail ports only.
    public static let strict = TargetPolicy()

    /// Everything allowed: for an operator testing servers on their own network.
    public static let permissive = TargetPolicy(allowPrivate: true)

    /// Creates a policy; the default is ``strict``.
    public init(allowPrivate: Bool = false, allowedHosts: [String] = [], allowedPorts: Set<Int> = []) {
        self.allowPrivate = allowPrivate
        self.allowedHosts = allowedHosts
        self.allowedPorts = allowedPorts
    }

    /// Decides whether the probe may connect to `address` on `port`.
    public func check(address: IPAddress, port: Int) -> PolicyDecision {
        check(address: address, port: port, host: nil)
    }

    /// Decides whether the probe may connect to `address` on `port`, where `host` is the name that
    /// resolved to the address (a host name on the allow-list admits its addresses).
    public func check(address: IPAddress, port: Int, host: String?) -> PolicyDecision {
        if allowPrivate { return .allowed }
        if !(1...65535).contains(port) || !(TargetPolicy.mailPorts.contains(port) || allowedPorts.contains(port)) {
            return .refused(PolicyRefusal(reason: .port(port), address: address, port: port))
        }
        guard let kind = TargetPolicy.nonPublicKind(of: address) else { return .allowed }
        if entries.contains(where: { $0.admits(address: address, host: host) }) { return .allowed }
        return .refused(PolicyRefusal(reason: .nonPublicAddress(kind), address: address, port: port))
    }

    /// Checks that every allow-list entry is a host name, an address or a network.
    ///
    /// - Throws: ``TargetError`` naming the first entry that is none of these.
    public static func validate(allowedHosts: [String]) throws(TargetError) {
        for text in allowedHosts where AllowListEntry(text) == nil {
            throw TargetError(
                L(
                    "\"\(text)\" is not a host name (mail.example.com, *.example.com), an address (10.1.2.3) or a network (10.0.0.0/8)."
                )
            )
        }
    }

    /// For an address that is not a public unicast internet address, what kind it is, in English
    /// ("a loopback address (the machine itself)"); nil for a public address.
    ///
    /// IPv4-mapped (`::ffff:127.0.0.1`), IPv4-compatible, NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`)
    /// forms are judged by the IPv4 address they carry.
    public static func nonPublicKind(of address: IPAddress) -> String? {
        nonPublicKindText(of: address)?.english
    }

    /// What kind of address a non-public one is, as ``nonPublicKind(of:)`` says it, to be shown in the
    /// reader's language; nil for a public address.
    public static func nonPublicKindText(of address: IPAddress) -> LocalizedText? {
        let plain = address.unmapped
        let scope = plain.scope
        if scope != .global { return scope.phraseText }
        guard case .v6(let bytes) = plain else { return nil }
        if bytes[0..<12].allSatisfy({ $0 == 0 }) {
            return L("an IPv4-compatible IPv6 address (deprecated, never routed)")
        }
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            let inner = IPAddress.v4(Array(bytes[12..<16]))
            return nonPublicKindText(of: inner).map { L("a NAT64 address for \(inner), \($0)") }
        }
        if bytes[0..<6] == [0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01] { return L("a local-use NAT64 address") }
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            let inner = IPAddress.v4(Array(bytes[2..<6]))
            return nonPublicKindText(of: inner).map { L("a 6to4 address for \(inner), \($0)") }
        }
        if bytes[0..<4] == [0x20, 0x01, 0x00, 0x00] { return L("a Teredo tunnel address") }
        if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x00 && bytes[3] & 0xF0 == 0x10 {
            return L("a reserved (ORCHID) address")
        }
        if bytes[0] & 0xE0 != 0x20 { return L("not a global unicast IPv6 address") }
        return nil
    }

    private var entries: [AllowListEntry] {
        allowedHosts.compactMap(AllowListEntry.init)
    }
}
