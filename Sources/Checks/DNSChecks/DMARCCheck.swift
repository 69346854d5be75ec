import Localization
import MailModel

/// `dmarc`: the domain's DMARC policy (or its organisational domain's), its tags, strength and report destinations.
struct DMARCCheck: DNSCheck {
    let id = CheckID.dmarc

    /// The outcome of looking for a DMARC record at one name.
    enum Lookup {
        case found([String])
        case absent
        case failed(DNSAnswer)
    }

    func run(_ context: CheckContext) async -> CheckResult {
        let domain = context.domain
        var list = FindingList()
        var policyDomain = domain
        var records: [String]
        // Ask for the organisational domain's record at the same time, in case the domain has none.
        let org = PublicSuffixList.shared.organizationalDomain(of: domain)
        async let orgLookup = speculativeLookup(org == domain ? nil : org, context)
        switch await lookup(domain, context) {
        case .failed(let answer):
            list.add(
                .dmarcDNSError, .error,
                L("\(answer.failureMessage("TXT")) Whether a DMARC policy exists is unknown."))
            return list.result(id, summary: L("could not look up the DMARC record"))
        case .found(let found):
            records = found
        case .absent:
            guard let org, org != domain, let orgResult = await orgLookup else {
                return missing(domain, list: list)
            }
            switch orgResult {
            case .failed(let answer):
                list.add(
                    .dmarcDNSError, .error,
                    L(
                        "\(domain) has no DMARC record of its own, and the record of its organisational domain could not be looked up: \(answer.outcome.explanationText)."
                    )
                )
                return list.result(id, summary: L("could not look up the DMARC record"))
            case .absent:
                return missing(domain, list: list)
            case .found(let found):
                records = found
                policyDomain = org
                list.add(
                    .dmarcInherited, .info,
                    L(
                        "\(domain) has no DMARC record of its own; the policy of its organisational domain \(org) applies (its sp= tag, else p=)."
                    )
                )
            }
        }
        list.data["domain"] = .string(policyDomain)
        list.data["records"] = .strings(records)
        guard records.count == 1 else {
            list.add(
                .dmarcMultipleRecords, .fail,
                L(
                    "_dmarc.\(policyDomain) has \(records.count) DMARC records; with more than one, receivers ignore DMARC entirely. Keep exactly one."
                )
            )
            return list.result(id, summary: L("\(records.count) DMARC records (only one is allowed)"))
        }
        let record = DMARCRecord(records[0])
        list.data["record"] = .string(records[0])
        for issue in record.issues {
            list.add(
                FindingCode(.dmarc, issue.kind), issue.severity, L("DMARC record of \(policyDomain): \(issue.message).")
            )
        }
        let inherited = policyDomain != domain
        let effective = inherited ? (record.subdomainPolicy ?? record.policy) : record.policy
        if let effective {
            list.data["policy"] = .string(effective.rawValue)
            assessPolicy(effective, record: record, domain: domain, list: &list)
        }
        await assessReports(record, policyDomain: policyDomain, context: context, list: &list)
        if record.strictDKIM || record.strictSPF {
            let which = [record.strictSPF ? "SPF" : nil, record.strictDKIM ? "DKIM" : nil].compactMap { $0 }
            list.add(
                .dmarcStrictAlignment, .info,
                L(
                    "Strict alignment for \(which.joined(separator: ", ")): the domains must match exactly, subdomains do not count."
                )
            )
        }
        let summary: LocalizedText =
            effective.map {
                .verbatim(
                    "p=\($0.rawValue)\(record.percent < 100 ? " pct=\(record.percent)" : "")\(inherited ? " (from \(policyDomain))" : "")"
                )
            }
            ?? L("invalid DMARC record")
        return list.result(id, summary: summary)
    }

    private func missing(_ domain: String, list: FindingList) -> CheckResult {
        var list = list
        list.add(
            .dmarcMissing, .fail,
            L(
                "\(domain) has no DMARC record, so anyone can send mail pretending to be \(domain) and big providers (Gmail, Yahoo, Microsoft) may reject or junk bulk mail from it. Publish a TXT record at _dmarc.\(domain), starting with \"v=DMARC1; p=none; rua=mailto:…\" and tightening to quarantine or reject."
            )
        )
        return list.result(id, summary: L("no DMARC record"))
    }

    private func speculativeLookup(_ domain: String?, _ context: CheckContext) async -> Lookup? {
        guard let domain else { return nil }
        return await lookup(domain, context)
    }

    private func lookup(_ domain: String, _ context: CheckContext) async -> Lookup {
        let answer = await context.resolver.resolve("_dmarc." + domain, .txt)
        switch answer.outcome {
        case .answer:
            let records = answer.texts.filter(DMARCRecord.isDMARC)
            return records.isEmpty ? .absent : .found(records)
        case .noData, .nxdomain:
            return .absent
        case .servfail, .refused, .timeout, .failure:
            return .failed(answer)
        }
    }

    private func assessPolicy(
        _ policy: DMARCRecord.Policy, record: DMARCRecord, domain: String, list: inout FindingList
    ) {
        switch policy {
        case .none:
            list.add(
                .dmarcPolicyNone, .warn,
                L(
                    "The policy is p=none: receivers only report, and mail forged as \(domain) is still delivered. Once the reports show your own mail passes, move to p=quarantine, then p=reject."
                )
            )
        case .quarantine:
            list.add(
                .dmarcPolicyQuarantine, .pass, L("The policy is p=quarantine: mail failing DMARC goes to spam."))
        case .reject:
            list.add(.dmarcPolicyReject, .pass, L("The policy is p=reject: mail failing DMARC is refused."))
        }
        if let sub = record.subdomainPolicy, let main = record.policy, sub < main {
            list.add(
                .dmarcSubdomainPolicyWeaker, .warn,
                L(
                    "Subdomains get a weaker policy (sp=\(sub.rawValue)) than the domain (p=\(main.rawValue)), so forged mail from made-up subdomains is treated more leniently."
                )
            )
        }
        if record.percent < 100 && policy != .none {
            list.add(
                .dmarcPctPartial, .warn,
                L(
                    "pct=\(record.percent): the policy applies to only \(record.percent)% of failing mail; the rest is treated one step more leniently."
                )
            )
        }
    }

    private func assessReports(
        _ record: DMARCRecord, policyDomain: String, context: CheckContext, list: inout FindingList
    ) async {
        if record.aggregateURIs.isEmpty {
            list.add(
                .dmarcNoReports, .info,
                L("No aggregate reports are requested (no rua=), so you will not see who sends mail as your domain."))
        }
        var external: [(uri: String, destination: String)] = []
        for uri in record.aggregateURIs + record.failureURIs {
            guard let destination = DMARCRecord.mailtoDomain(uri) else {
                list.add(
                    .dmarcReportURIInvalid, .warn,
                    L(
                        "The report address \"\(uri)\" is not a valid mailto: URI (like mailto:dmarc@\(policyDomain)); reports will not arrive."
                    )
                )
                continue
            }
            if DNSName.isSubdomain(destination, of: policyDomain) { continue }
            let psl = PublicSuffixList.shared
            let own = psl.organizationalDomain(of: policyDomain) ?? policyDomain
            if (psl.organizationalDomain(of: destination) ?? destination) != own {
                external.append((uri, destination))
            }
        }
        var seen: Set<String> = []
        let unique = external.filter { seen.insert($0.destination).inserted }
        let answers = await withTaskGroup(of: (Int, DNSAnswer).self) { group in
            for (index, entry) in unique.enumerated() {
                group.addTask {
                    (index, await context.resolver.resolve("\(policyDomain)._report._dmarc.\(entry.destination)", .txt))
                }
            }
            var answers: [(Int, DNSAnswer)] = []
            for await answer in group { answers.append(answer) }
            return answers.sorted { $0.0 < $1.0 }.map(\.1)
        }
        for ((uri, destination), answer) in zip(unique, answers) {
            let name = answer.question.name
            switch answer.outcome {
            case .answer where answer.texts.contains(where: DMARCRecord.isDMARC):
                list.add(
                    .dmarcExternalAuthorized, .pass,
                    L("\(destination) has agreed to receive DMARC reports for \(policyDomain) (\(name))."))
            case .answer, .noData, .nxdomain:
                list.add(
                    .dmarcExternalUnauthorized, .warn,
                    L(
                        "Reports go to another domain (\(uri)), but \(destination) has not published \(name) TXT \"v=DMARC1\" to accept them, so receivers will not send those reports."
                    )
                )
            case .servfail, .refused, .timeout, .failure:
                list.add(
                    .dmarcExternalDNSError, .error,
                    L(
                        "Could not check whether \(destination) accepts reports for \(policyDomain): \(answer.outcome.explanationText)."
                    )
                )
            }
        }
    }
}
