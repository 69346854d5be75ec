import Localization
import MailModel

/// `domain`: does the domain exist, and is it a zone with an SOA and name servers?
struct DomainCheck: DNSCheck {
    let id = CheckID.domain

    func run(_ context: CheckContext) async -> CheckResult {
        let domain = context.domain
        var list = FindingList()
        if domain.hasPrefix("xn--") || domain.contains(".xn--") {
            list.add(.domainIDN, .info, L("\(Punycode.toUnicode(domain)) is written \(domain) in DNS (punycode)."))
        }
        async let soaQuery = context.resolver.resolve(domain, .soa)
        async let nsQuery = context.resolver.resolve(domain, .ns)
        let (soa, ns) = await (soaQuery, nsQuery)

        if soa.outcome == .nxdomain || ns.outcome == .nxdomain {
            list.add(
                .domainNXDomain, .fail,
                L(
                    "\(domain) does not exist in DNS (NXDOMAIN). If it is your domain, it may have expired or not been renewed — check with your registrar; otherwise check the spelling."
                )
            )
            return list.result(id, summary: L("\(domain) does not exist"))
        }
        guard soa.outcome.isDefinitive else {
            list.add(.domainDNSError, .error, soa.failureMessage("SOA"))
            return list.result(id, summary: L("could not determine whether \(domain) exists"))
        }
        guard ns.outcome.isDefinitive else {
            list.add(.domainDNSError, .error, ns.failureMessage("NS"))
            return list.result(id, summary: L("could not determine the name servers of \(domain)"))
        }

        if case .soa(let record)? = soa.records.first {
            list.data["soa"] = [
                "mname": .string(record.mname), "rname": .string(record.rname), "serial": .int(Int(record.serial)),
            ]
        }
        let servers = ns.records.compactMap(\.target).sorted()
        list.data["ns"] = .strings(servers)

        if soa.outcome == .noData && ns.outcome == .noData {
            list.add(
                .domainNotZoneApex, .info,
                L(
                    "\(domain) exists, but as a name inside a larger zone rather than a zone of its own (no SOA or NS records here); its parent zone's name servers answer for it."
                )
            )
            return list.result(id, summary: L("\(domain) exists (inside a parent zone)"))
        }
        if soa.outcome == .noData {
            list.add(
                .domainNoSOA, .warn,
                L("\(domain) has name servers but no SOA record; the zone may be misconfigured."))
        }
        if servers.isEmpty {
            list.add(
                .domainNoNS, .fail,
                L("\(domain) has an SOA record but no NS records; other servers cannot find who answers for it."))
        } else if servers.count == 1 {
            list.add(
                .domainSingleNS, .warn,
                L(
                    "\(domain) has only one name server (\(servers[0])); if it goes down the whole domain, including mail, disappears. Two or more are recommended."
                )
            )
        }

        let unresolvable = await withTaskGroup(of: (String, DNSOutcome, Bool).self) { group in
            for server in servers {
                group.addTask {
                    async let v4 = context.resolver.resolve(server, .a)
                    async let v6 = context.resolver.resolve(server, .aaaa)
                    let (a, aaaa) = await (v4, v6)
                    let worst = a.outcome.isDefinitive ? aaaa.outcome : a.outcome
                    return (server, worst, !a.records.isEmpty || !aaaa.records.isEmpty)
                }
            }
            var missing: [(String, DNSOutcome)] = []
            for await (server, outcome, hasAddress) in group where !hasAddress { missing.append((server, outcome)) }
            return missing.sorted { $0.0 < $1.0 }
        }
        for (server, outcome) in unresolvable {
            if outcome.isDefinitive {
                list.add(
                    .domainNSUnresolvable, .warn,
                    L("The name server \(server) has no IP address in DNS, so it cannot answer for \(domain)."))
            } else {
                list.add(
                    .domainDNSError, .error,
                    L("Could not look up the address of the name server \(server): \(outcome.explanationText)."))
            }
        }
        if list.findings.allSatisfy({ $0.severity == .info }) {
            list.add(
                .domainExists, .pass,
                L(
                    "\(domain) exists and is served by \(plural: servers.count, one: "# name server", other: "# name servers"): \(servers.joined(separator: ", "))."
                )
            )
        }
        let summary: LocalizedText =
            list.status == .pass || list.status == .info
            ? L("\(domain) exists, \(plural: servers.count, one: "# name server", other: "# name servers")")
            : L("\(domain) exists, but its name servers need attention")
        return list.result(id, summary: summary)
    }
}
