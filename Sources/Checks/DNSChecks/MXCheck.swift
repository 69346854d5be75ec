import Localization
import MailModel

/// `mx`: where mail for the domain is delivered, and whether those hosts can receive it.
struct MXCheck: DNSCheck {
    let id = CheckID.mx

    /// One MX target with its addresses.
    struct Host: Sendable {
        var preference: Int
        var name: String
        var addresses: [String] = []
        var isAlias = false
        var lookupFailure: DNSOutcome?
    }

    func run(_ context: CheckContext) async -> CheckResult {
        let domain = context.domain
        var list = FindingList()
        let answer = await context.resolver.resolve(domain, .mx)
        if let ended = list.endingResult(
            answer, of: domain, check: id,
            nxdomain: (.mxNXDomain, L("\(domain) does not exist in DNS, so no mail can be delivered to it.")),
            dnsError: .mxDNSError, lookupFailed: L("could not look up the MX records"))
        {
            return ended
        }
        if answer.outcome == .noData { return await implicitMX(context, list: list) }

        let all = answer.records.compactMap { record -> (Int, String)? in
            if case .mx(let preference, let exchange) = record { return (preference, exchange) }
            return nil
        }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        // A domain may publish thousands of MX records; the most preferred ones are examined, the rest counted.
        let total = all.count
        let records = Array(all.prefix(CheckLimits.mxHosts))
        let shown: LocalizedText =
            total > records.count ? L(" (showing \(records.count) of \(total.grouped) MX hosts)") : ""
        list.data["mx"] = .array(records.map { ["preference": .int($0.0), "exchange": .string($0.1)] })
        if total > records.count {
            list.data["mx_count"] = .int(total)
            list.add(
                .mxManyHosts, .info,
                L(
                    "\(domain) publishes \(total.grouped) MX records; MailDoctor examined the \(records.count) most preferred (showing \(records.count) of \(total.grouped) MX hosts)."
                )
            )
        }

        if records.contains(where: { $0.1.isEmpty }) {
            if records.count == 1 {
                list.add(
                    .mxNull, .info,
                    L(
                        "\(domain) publishes a null MX (RFC 7505): it declares that it accepts no e-mail at all. Mail sent to it bounces immediately — intended for domains that never receive mail."
                    )
                )
                return list.result(id, summary: L("\(domain) accepts no mail (null MX)"))
            }
            list.add(
                .mxNullMixed, .fail,
                L(
                    "\(domain) mixes a null MX (\"0 .\", meaning \"no mail\") with real mail servers; RFC 7505 forbids this and senders may refuse to deliver."
                )
            )
        }

        let hosts = await resolveHosts(records.filter { !$0.1.isEmpty }, context: context)
        list.data["hosts"] = .array(
            hosts.map { host in
                [
                    "preference": .int(host.preference), "name": .string(host.name),
                    "addresses": .strings(host.addresses),
                ]
            })
        assess(hosts, domain: domain, context: context, list: &list)
        if let provider = context.options.provider, !provider.mxHosts.isEmpty {
            checkProvider(provider, hosts: hosts, domain: domain, list: &list)
        }
        let listing = hosts.map { "\($0.preference) \($0.name)" }.joined(separator: ", ")
        if !list.findings.contains(where: { $0.severity.rank >= CheckStatus.warn.rank }) {
            let lines = hosts.map { host -> LocalizedText in
                host.addresses.isEmpty
                    ? L("\(host.preference) \(host.name) (no address)")
                    : .verbatim("\(host.preference) \(host.name) (\(host.addresses.joined(separator: ", ")))")
            }
            list.add(
                .mxOK, .pass,
                L(
                    "Mail for \(domain) goes to, in order of preference: \(LocalizedText.joined(lines, separator: "; "))."
                ))
        }
        return list.result(id, summary: hosts.isEmpty ? L("no usable MX host") : L("\(listing)\(shown)"))
    }

    /// No MX records: senders fall back to the domain's own A/AAAA address (RFC 5321 §5.1).
    private func implicitMX(_ context: CheckContext, list: FindingList) async -> CheckResult {
        var list = list
        let domain = context.domain
        async let v4 = context.resolver.resolve(domain, .a)
        async let v6 = context.resolver.resolve(domain, .aaaa)
        let (a, aaaa) = await (v4, v6)
        let addresses = a.addresses + aaaa.addresses
        list.data["mx"] = []
        list.data["implicit_addresses"] = .strings(addresses)
        if !addresses.isEmpty {
            list.add(
                .mxImplicit, .warn,
                L(
                    "\(domain) has no MX records, so senders deliver to its web address instead (\(addresses.joined(separator: ", "))). If that server does not accept mail, mail to \(domain) fails; publish MX records pointing to your mail provider."
                )
            )
            return list.result(id, summary: L("no MX records; falls back to \(addresses.joined(separator: ", "))"))
        }
        for answer in [a, aaaa] where !answer.outcome.isDefinitive {
            list.add(.mxDNSError, .error, answer.failureMessage())
            return list.result(id, summary: L("no MX records, and the fallback address could not be looked up"))
        }
        list.add(
            .mxNone, .fail,
            L(
                "\(domain) has no MX records and no address, so nobody can send e-mail to it. Publish MX records pointing to your mail provider."
            )
        )
        return list.result(id, summary: L("no MX records: \(domain) cannot receive mail"))
    }

    private func resolveHosts(_ records: [(Int, String)], context: CheckContext) async -> [Host] {
        await withTaskGroup(of: (Int, Host).self) { group in
            for (index, (preference, name)) in records.enumerated() {
                group.addTask {
                    var host = Host(preference: preference, name: name)
                    if IPAddress(name) != nil { return (index, host) }
                    async let v4 = context.resolver.resolve(name, .a)
                    async let v6 = context.resolver.resolve(name, .aaaa)
                    let (a, aaaa) = await (v4, v6)
                    host.addresses = a.addresses + aaaa.addresses
                    host.isAlias = !a.cnameChain.isEmpty || !aaaa.cnameChain.isEmpty
                    if host.addresses.isEmpty {
                        host.lookupFailure =
                            !a.outcome.isDefinitive ? a.outcome : (!aaaa.outcome.isDefinitive ? aaaa.outcome : nil)
                    }
                    return (index, host)
                }
            }
            var hosts: [(Int, Host)] = []
            for await entry in group { hosts.append(entry) }
            return hosts.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private func assess(_ hosts: [Host], domain: String, context: CheckContext, list: inout FindingList) {
        var unusable = 0
        for host in hosts {
            if IPAddress(host.name) != nil {
                list.add(
                    .mxIPLiteral, .fail,
                    L(
                        "The MX record \"\(host.preference) \(host.name)\" names an IP address; MX records must name a host (like mail.\(domain)) that has an A record."
                    )
                )
                unusable += 1
                continue
            }
            if host.isAlias {
                list.add(
                    .mxCNAME, .warn,
                    L(
                        "The MX host \(host.name) is an alias (CNAME); RFC 2181 forbids this and some senders refuse to deliver. Point the MX record at the real host name."
                    )
                )
            }
            if let failure = host.lookupFailure {
                list.add(
                    .mxDNSError, .error,
                    L("Could not look up the address of the MX host \(host.name): \(failure.explanationText)."))
                continue
            }
            if host.addresses.isEmpty {
                list.add(
                    .mxNoAddress, .fail,
                    L(
                        "The MX host \(host.name) has no IP address (no A or AAAA record), so mail cannot be delivered to it."
                    )
                )
                unusable += 1
                continue
            }
            let local = host.addresses.compactMap(IPAddress.init).filter(\.scope.isPrivateOrLocal)
            if !local.isEmpty {
                let phrase = LocalizedText.joined(
                    local.map { L("\($0) (\($0.scope.phraseText))") }, separator: ", ")
                if context.options.allowPrivate {
                    list.add(
                        .mxPrivateAddress, .info,
                        L("The MX host \(host.name) resolves to \(phrase); that is fine only inside a private network.")
                    )
                } else {
                    list.add(
                        .mxPrivateAddress, .fail,
                        L("The MX host \(host.name) resolves to \(phrase), which senders on the internet cannot reach.")
                    )
                    if local.count == host.addresses.count { unusable += 1 }
                }
            }
        }
        if !hosts.isEmpty && unusable == hosts.count {
            list.add(
                .mxUnreachable, .fail,
                L("None of the MX hosts of \(domain) can receive mail from the internet, so incoming mail fails."))
        }
    }

    private func checkProvider(_ provider: ProviderExpectations, hosts: [Host], domain: String, list: inout FindingList)
    {
        let matching = hosts.filter { host in
            provider.mxHosts.contains { expected in
                let pattern = DNSName.normalize(expected.hasPrefix("*.") ? String(expected.dropFirst(2)) : expected)
                return host.name == pattern || DNSName.isSubdomain(host.name, of: pattern)
            }
        }
        if matching.isEmpty {
            list.add(
                .mxProviderMismatch, .warn,
                L(
                    "The MX records of \(domain) do not point to \(provider.name) (expected \(provider.mxHosts.joined(separator: ", "))), so mail for \(domain) is not delivered to \(provider.name)."
                )
            )
        } else if matching.count < hosts.count {
            let others = hosts.filter { host in !matching.contains { $0.name == host.name } }.map(\.name)
            list.add(
                .mxProviderPartial, .warn,
                L(
                    "Some MX records of \(domain) point elsewhere than \(provider.name): \(others.joined(separator: ", ")). Mail may end up on those servers."
                )
            )
        } else {
            list.add(.mxProviderMatch, .pass, L("All MX records point to \(provider.name)."))
        }
    }
}

extension IPScope {
    /// Loopback, private, shared (CGNAT), link-local, unique-local or unspecified: unreachable from the internet.
    var isPrivateOrLocal: Bool {
        switch self {
        case .loopback, .privateNetwork, .sharedAddressSpace, .linkLocal, .uniqueLocal, .unspecified: true
        case .global, .multicast, .documentation, .reserved: false
        }
    }
}
