import ByteText
import Localization
import MailModel

/// `tls-rpt`: the `_smtp._tls` TXT record (RFC 8460 §3): `v=TLSRPTv1; rua=mailto:…|https:…`.
struct TLSRPTCheck: DNSCheck {
    let id = CheckID.tlsRPT

    func run(_ context: CheckContext) async -> CheckResult {
        let domain = context.domain
        let name = "_smtp._tls." + domain
        let check = PolicyRecordCheck(
            id: id, name: name, version: "v=TLSRPTv1",
            outcomes: .init(
                lookupFailed: (.tlsRPTDNSError, L("could not look up the TLS-RPT record")),
                absent: (
                    .tlsRPTMissing,
                    L(
                        "\(domain) does not publish TLS-RPT (no v=TLSRPTv1 record at \(name)). It is optional: it asks other servers to report problems with encrypted delivery to you."
                    )
                ),
                multiple: (
                    .tlsRPTMultipleRecords,
                    { count in
                        L("\(name) has \(count) TLS-RPT records; senders then send no reports. Keep exactly one.")
                    }, { count in L("\(count) TLS-RPT records") }
                ),
                invalid: (
                    .tlsRPTInvalid,
                    { problem in
                        L("The TLS-RPT record at \(name) is invalid: \(problem). Senders ignore an invalid record.")
                    }, L("invalid TLS-RPT record")
                )))
        return await check.run(context, problems: Self.problems) { record, _, list in
            let uris = Self.uris(record)
            list.data["rua"] = .strings(uris)
            list.add(.tlsRPTRecord, .pass, L("TLS reports are sent to \(uris.joined(separator: ", "))."))
            return L("reports to \(uris.joined(separator: ", "))")
        }
    }

    /// The report destinations of `rua=`.
    private static func uris(_ record: PolicyTXTRecord) -> [String] {
        (record.value("rua") ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// `rua=` must be there and hold only mailto: and https: URIs.
    private static func problems(_ record: PolicyTXTRecord, list: inout FindingList) -> [LocalizedText] {
        var problems: [LocalizedText] = []
        let uris = uris(record)
        if record.value("rua") == nil {
            problems.append(L("the rua= field (where to send reports) is missing"))
        } else if uris.isEmpty {
            problems.append(L("rua= is empty"))
        }
        for uri in uris {
            let lower = uri.lowercased()
            if lower.hasPrefix("mailto:") {
                if DMARCRecord.mailtoDomain(uri) == nil {
                    problems.append(L("\"\(uri)\" is not a valid mailto: address"))
                }
            } else if !lower.hasPrefix("https://") || uri.count <= 8 {
                problems.append(L("\"\(uri)\" must be a mailto: or https: URI"))
            }
        }
        return problems
    }
}
