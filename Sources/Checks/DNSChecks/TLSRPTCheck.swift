import Localization
import MailModel

/// `tls-rpt`: the `_smtp._tls` TXT record (RFC 8460 §3): `v=TLSRPTv1; rua=mailto:…|https:…`.
struct TLSRPTCheck: DNSCheck {
    let id = CheckID.tlsRPT

    func run(_ context: CheckContext) async -> CheckResult {
        let domain = context.domain
        let name = "_smtp._tls." + domain
        var list = FindingList()
        switch await PolicyRecordLookup.fetch(name, version: "v=TLSRPTv1", resolver: context.resolver) {
        case .failed(let answer):
            list.add(.tlsRPTDNSError, .error, answer.failureMessage("TXT"))
            return list.result(id, summary: L("could not look up the TLS-RPT record"))
        case .absent:
            list.add(
                .tlsRPTMissing, .info,
                L(
                    "\(domain) does not publish TLS-RPT (no v=TLSRPTv1 record at \(name)). It is optional: it asks other servers to report problems with encrypted delivery to you."
                )
            )
            return list.result(id, summary: L("not published (optional)"))
        case .records(let records):
            list.data["records"] = .strings(records)
            guard records.count == 1 else {
                list.add(
                    .tlsRPTMultipleRecords, .fail,
                    L("\(name) has \(records.count) TLS-RPT records; senders then send no reports. Keep exactly one."))
                return list.result(id, summary: L("\(records.count) TLS-RPT records"))
            }
            let record = PolicyTXTRecord(records[0])
            list.data["record"] = .string(records[0])
            var problems = record.problems
            let uris = (record.value("rua") ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter {
                !$0.isEmpty
            }
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
            for problem in problems {
                list.add(
                    .tlsRPTInvalid, .fail,
                    L("The TLS-RPT record at \(name) is invalid: \(problem). Senders ignore an invalid record."))
            }
            guard problems.isEmpty else { return list.result(id, summary: L("invalid TLS-RPT record")) }
            list.data["rua"] = .strings(uris)
            list.add(.tlsRPTRecord, .pass, L("TLS reports are sent to \(uris.joined(separator: ", "))."))
            return list.result(id, summary: L("reports to \(uris.joined(separator: ", "))"))
        }
    }
}
