import Localization
import MailModel

/// What every check receives: the resolver (shared, caching), the options and the target.
struct CheckContext: Sendable {
    /// The resolver for this request (answers are shared between checks).
    var resolver: any DNSResolving
    /// The request's options.
    var options: CheckOptions
    /// The domain under test (for domain and address targets).
    var domain: String
    /// The address under test (for IP targets, or from `--ip`).
    var ip: IPAddress?
    /// The mailbox's local part for address targets.
    var localPart: String?
}

/// Collects findings and builds the result; the status is the worst finding's severity.
struct FindingList {
    private(set) var findings: [Finding] = []
    var data: [String: JSONValue] = [:]

    mutating func add(_ code: FindingCode, _ severity: CheckStatus, _ message: LocalizedText) {
        findings.append(Finding(code: code, severity: severity, message: message))
    }

    func has(_ code: FindingCode) -> Bool {
        findings.contains { $0.code == code }
    }

    var status: CheckStatus {
        CheckStatus.overall(of: findings)
    }

    /// The result, with findings ordered most severe first (stable within a severity).
    func result(_ id: CheckID, summary: LocalizedText) -> CheckResult {
        let ordered = findings.enumerated().sorted { left, right in
            left.element.severity.rank != right.element.severity.rank
                ? left.element.severity.rank > right.element.severity.rank : left.offset < right.offset
        }.map(\.element)
        return CheckResult(id: id, status: status, summary: summary, findings: ordered, data: data)
    }
}

extension FindingList {
    /// The result when the first lookup of `domain` ends the check: the domain does not exist (`nxdomain`, a
    /// `fail`) or the lookup failed (`dnsError`, an `error`, summed up as `lookupFailed`); nil when the DNS
    /// answered, with records or without.
    mutating func endingResult(
        _ answer: DNSAnswer, of domain: String, check id: CheckID,
        nxdomain: (code: FindingCode, message: LocalizedText), dnsError: FindingCode, lookupFailed: LocalizedText
    ) -> CheckResult? {
        switch answer.outcome {
        case .nxdomain:
            add(nxdomain.code, .fail, nxdomain.message)
            return result(id, summary: L("\(domain) does not exist"))
        case .servfail, .refused, .timeout, .failure:
            add(dnsError, .error, answer.failureMessage())
            return result(id, summary: lookupFailed)
        case .answer, .noData:
            return nil
        }
    }
}

/// One DNS check.
protocol DNSCheck: Sendable {
    /// The check's id.
    var id: CheckID { get }
    /// Runs the check; never throws — DNS failures become `error` findings.
    func run(_ context: CheckContext) async -> CheckResult
}

/// A check of an IP address (`dnsbl`, `ptr`): it starts by making sure there is a public address to look at.
protocol IPCheck: DNSCheck {
    /// The finding when no address was given.
    var missingAddress: (code: FindingCode, message: LocalizedText) { get }
    /// The finding for a private or local address (unless the options allow them).
    func notPublic(_ address: IPAddress) -> (code: FindingCode, message: LocalizedText)
    /// The check proper, for a usable address (IPv4-mapped ones unmapped), already in `list.data["ip"]`.
    func run(_ context: CheckContext, address: IPAddress, list: inout FindingList) async -> CheckResult
}

extension IPCheck {
    func run(_ context: CheckContext) async -> CheckResult {
        var list = FindingList()
        guard let address = context.ip?.unmapped else {
            list.add(missingAddress.code, .error, missingAddress.message)
            return list.result(id, summary: L("no IP address to check"))
        }
        list.data["ip"] = .string(address.description)
        if address.scope.isPrivateOrLocal && !context.options.allowPrivate {
            let finding = notPublic(address)
            list.add(finding.code, .info, finding.message)
            return list.result(id, summary: L("\(address) is not a public address"))
        }
        return await run(context, address: address, list: &list)
    }
}

extension DNSAnswer {
    /// The sentence for a failed lookup: "the MX lookup for x failed: …".
    func failureMessage(_ what: String? = nil) -> LocalizedText {
        L(
            "Could not look up the \(what ?? question.type.description) records of \(question.name): \(outcome.explanationText)."
        )
    }
}
