import Localization
import MailModel

/// `mta-sts`: the `_mta-sts` TXT record (RFC 8461 §3.1): `v=STSv1; id=…`, and that the policy host exists.
/// The HTTPS policy file itself is not fetched.
struct MTASTSCheck: DNSCheck {
    let id = CheckID.mtaSTS

    func run(_ context: CheckContext) async -> CheckResult {
        let domain = context.domain
        let name = "_mta-sts." + domain
        let check = PolicyRecordCheck(
            id: id, name: name, version: "v=STSv1",
            outcomes: .init(
                lookupFailed: (.mtaSTSDNSError, L("could not look up the MTA-STS record")),
                absent: (
                    .mtaSTSMissing,
                    L(
                        "\(domain) does not publish MTA-STS (no v=STSv1 record at \(name)). It is optional: it makes other servers insist on encrypted (TLS) delivery to your MX hosts."
                    )
                ),
                multiple: (
                    .mtaSTSMultipleRecords,
                    { count in
                        L(
                            "\(name) has \(count) MTA-STS records; senders then ignore MTA-STS entirely. Keep exactly one."
                        )
                    }, { count in L("\(count) MTA-STS records") }
                ),
                invalid: (
                    .mtaSTSInvalid,
                    { problem in
                        L("The MTA-STS record at \(name) is invalid: \(problem). Senders ignore an invalid record.")
                    }, L("invalid MTA-STS record")
                )))
        return await check.run(context, problems: Self.problems) { record, text, list in
            list.add(
                .mtaSTSRecord, .pass,
                L(
                    "MTA-STS is announced (\(text)). The policy file at https://mta-sts.\(domain)/.well-known/mta-sts.txt was not fetched."
                )
            )
            await checkPolicyHost("mta-sts." + domain, resolver: context.resolver, list: &list)
            return L("id=\(record.value("id") ?? "")")
        }
    }

    /// The `id=` field: 1 to 32 letters and digits.
    private static func problems(_ record: PolicyTXTRecord, list: inout FindingList) -> [LocalizedText] {
        guard let policyID = record.value("id") else {
            return [L("the id= field is missing (senders use it to notice policy changes)")]
        }
        list.data["id"] = .string(policyID)
        if policyID.isEmpty || policyID.count > 32
            || !policyID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        {
            return [L("id=\(policyID) must be 1 to 32 letters and digits")]
        }
        return []
    }

    /// The host senders download the policy from must have an address.
    private func checkPolicyHost(_ host: String, resolver: any DNSResolving, list: inout FindingList) async {
        async let v4 = resolver.resolve(host, .a)
        async let v6 = resolver.resolve(host, .aaaa)
        let (a, aaaa) = await (v4, v6)
        guard a.records.isEmpty && aaaa.records.isEmpty else { return }
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
}
