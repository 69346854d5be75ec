import MailModel

/// Turns a host name into the addresses a probe may connect to: A and AAAA lookups through the
/// injected resolver, then the target policy applied to each exact address.
struct HostResolver: Sendable {
    let resolver: any DNSResolving
    let policy: TargetPolicy

    struct Resolution: Sendable {
        /// Addresses the probe may connect to, IPv4 first.
        var addresses: [IPAddress] = []
        /// Addresses the policy refused.
        var refused: [PolicyRefusal] = []
        /// Why no address is usable.
        var problem: ResolveProblem?
    }

    /// Resolves `host` (or takes it as an address) and filters by the policy for `port`.
    func resolve(_ host: String, port: Int, applyPolicy: Bool = true) async -> Resolution {
        var resolution = Resolution()
        var found: [IPAddress] = []
        if let literal = IPAddress(host) {
            found = [literal]
        } else {
            async let v4 = resolver.resolve(host, .a)
            async let v6 = resolver.resolve(host, .aaaa)
            let (a, aaaa) = await (v4, v6)
            for text in a.addresses + aaaa.addresses {
                if let address = IPAddress(text), !found.contains(address) { found.append(address) }
            }
            if found.isEmpty {
                if a.outcome == .nxdomain {
                    resolution.problem = .noSuchName
                } else if let failed = [a, aaaa].first(where: { !$0.outcome.isDefinitive }) {
                    resolution.problem = .dnsFailure(failed.outcome.explanationText)
                } else {
                    resolution.problem = .noAddress
                }
                return resolution
            }
        }
        for address in found {
            if !applyPolicy {
                resolution.addresses.append(address)
                continue
            }
            switch policy.check(address: address, port: port, host: IPAddress(host) == nil ? host : nil) {
            case .allowed: resolution.addresses.append(address)
            case .refused(let refusal): resolution.refused.append(refusal)
            }
        }
        if resolution.addresses.isEmpty { resolution.problem = .refusedByPolicy }
        return resolution
    }
}
