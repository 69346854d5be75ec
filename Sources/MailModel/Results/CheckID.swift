import ByteText
import Localization

/// The stable identifier of a live check, as used by `--only` and in `check --json`.
public enum CheckID: String, Sendable, CaseIterable, Codable, Hashable {
    case domain, mx, spf, dmarc, dkim, dnsbl, ptr
    case mtaSTS = "mta-sts"
    case tlsRPT = "tls-rpt"
    case smtp, submission, imap, pop3

    /// The DNS checks that apply to a domain or an e-mail address, in display order.
    public static let domainChecks: [CheckID] = [.domain, .mx, .spf, .dmarc, .dkim, .mtaSTS, .tlsRPT]

    /// The DNS checks that apply to an IP address, in display order.
    public static let ipChecks: [CheckID] = [.dnsbl, .ptr]

    /// Parses a comma-separated list such as `mx,spf,dmarc` into check ids.
    ///
    /// - Throws: ``TargetError`` naming the unknown id and listing the valid ones.
    public static func parseList(_ text: String) throws(TargetError) -> Set<CheckID> {
        var result: Set<CheckID> = []
        for part in text.split(separator: ",") {
            let name = part.trimmingWhitespace().lowercased()
            if name.isEmpty { continue }
            guard let id = CheckID(rawValue: name) else {
                let known = CheckID.allCases.map(\.rawValue).joined(separator: ", ")
                throw TargetError(L("unknown check \"\(name)\"; known checks: \(known)"))
            }
            result.insert(id)
        }
        return result
    }
}
