import Localization
import MailModel

/// `mta-sts`: the `_mta-sts` TXT record (RFC 8461 §3.1): `v=STSv1; id=…`, and that the policy host exists.
/// The HTTPS policy file itself is not fetched.
struct MTASTSCheck: DNSCheck {
    let id = CheckID.mtaSTS

    func run(_ context: CheckContext) async -> CheckResult {
        let domain = context.domain
        let name = "_mta-sts." + domain
        var list = FindingList()
        switch await PolicyRecordLookup.fetch(name, version: "v=STSv1", resolver: context.resolver) {
        case .failed(let answer):
            list.add(.mtaSTSDNSError, .error, answer.failureMessage("TXT"))
            return list.result(id, summary: L("could not look up the MTA-STS record"))
        case .absent:
            list.add(
                .mtaSTSMissing, .info,
                L(
                    "\(domain) does not publish MTA-STS (no v=STSv1 record at \(name)). It is optional: it makes other servers insist on encrypted (TLS) delivery to your MX hosts."
                )
            )
            return list.result(id, summary: L("not published (optional)"))
        case .records(let records):
            list.data["records"] = .strings(records)
            guard records.count == 1 else {
                list.add(
                    .mtaSTSMultipleRecords, .fail,
                    L(
                        "\(name) has \(records.count) MTA-STS records; senders then ignore MTA-STS entirely. Keep exactly one."
                    )
                )
                return list.result(id, summary: L("\(records.count) MTA-STS records"))
            }
            let record = PolicyTXTRecord(records[0])
            list.data["record"] = .string(records[0])
            var problems = record.problems
            if let policyID = record.value("id") {
                list.data["id"] = .string(policyID)
                if policyID.isEmpty || policyID.count > 32
                    || !policyID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
                {
                    problems.append(L("id=\(policyID) must be 1 to 32 letters and digits"))
                }
            } else {
                problems.append(L("the id= field is missing (senders use it to notice policy changes)"))
            }
            for problem in problems {
                list.add(
                    .mtaSTSInvalid, .fail,
                    L("The MTA-STS record at \(name) is invalid: \(problem). Senders ignore an invalid record."))
            }
            guard problems.isEmpty else { return list.result(id, summary: L("invalid MTA-STS record")) }
            list.add(
                .mtaSTSRecord, .pass,
                L(
                    "MTA-STS is announced (\(records[0])). The policy file at https://mta-sts.\(domain)/.well-known/mta-sts.txt was not fetched."
                )
            )
            let host = "mta-sts." + domain
            async let v4 = context.resolver.resolve(host, .a)
            async let v6 = context.resolver.resolve(host, .aaaa)
            let (a, aaaa) = await (v4, v6)
            if a.records.isEmpty && aaaa.records.isEmpty {
                if a.outcome.isDefinitive && aaaa.outcome.isDefinitive {
                    list.add(
                        .mtaSTSPolicyHostMissing, .fail,
                        L(
                            "The record announces a policy, but \(host) has no address, so senders cannot download the policy file. Create \(host) serving https://\(host)/.well-known/mta-sts.txt."
                        )
                    )
                } else {
                    list.add(
                        .mtaSTSDNSError, .error,
                        L(
                            "Could not look up the address of \(host): \((a.outcome.isDefinitive ? aaaa : a).outcome.explanationText)."
                        )
                    )
                }
            }
            return list.result(id, summary: L("id=\(record.value("id") ?? "")"))
        }
    }
}
