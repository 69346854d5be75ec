import Localization
import MailModel

/// What a DNS blocklist's answer for one address means.
public enum DNSBLVerdict: Sendable, Equatable {
    /// The address is listed; `policy` listings (Spamhaus PBL) mark end-user ranges rather than abuse.
    case listed(meaning: LocalizedText, policy: Bool)
    /// The list refused to answer (127.255.255.x, 127.0.0.1): says nothing about the address.
    case refused(LocalizedText)
    /// The answer is outside 127.0.0.0/8: a resolver rewrote the NXDOMAIN (ads, "search" pages).
    case rewritten(LocalizedText)

    /// Interprets one A record returned by `zone`.
    public static func interpret(zone: String, answer: String) -> DNSBLVerdict {
        guard case .v4(let bytes)? = IPAddress(answer), bytes[0] == 127 else {
            return .rewritten(
                L(
                    "the answer \(answer) is not a blocklist code (127.0.0.x); your DNS resolver seems to rewrite \"no such name\" answers, so blocklist results cannot be trusted"
                )
            )
        }
        if bytes[1] == 255 && bytes[2] == 255 {
            switch bytes[3] {
            case 252: return .refused(L("the list reports a malformed query (127.255.255.252)"))
            case 254:
                return .refused(
                    L(
                        "the list refuses queries from public or open DNS resolvers (127.255.255.254); use your own resolver or the list's paid access"
                    )
                )
            case 255: return .refused(L("the list refuses queries because of too many lookups (127.255.255.255)"))
            default: return .refused(L("the list answered with an error code (\(answer))"))
            }
        }
        if answer == "127.0.0.1" {
            return .refused(
                L("the list answered 127.0.0.1, which blocklists use for refused or test queries, not for listings"))
        }
        let last = Int(bytes[3])
        if DNSBLVerdict.isSpamhaus(zone), bytes[1] == 0, bytes[2] == 0 {
            switch last {
            case 2: return .listed(meaning: L("Spamhaus SBL: a known spam source or spam operation"), policy: false)
            case 3: return .listed(meaning: L("Spamhaus CSS: low-reputation or snowshoe spam sender"), policy: false)
            case 4...7:
                return .listed(
                    meaning: L("Spamhaus XBL: the address shows signs of an infected or exploited machine"),
                    policy: false)
            case 9:
                return .listed(meaning: L("Spamhaus DROP: the network is hijacked or run by spammers"), policy: false)
            case 10, 11:
                return .listed(
                    meaning:
                        L(
                            "Spamhaus PBL: the address belongs to an end-user range (home or dynamic) that should not send mail directly to other servers"
                        ),
                    policy: true)
            default: break
            }
        }
        return .listed(meaning: L("listed (code \(answer))"), policy: false)
    }

    static func isSpamhaus(_ zone: String) -> Bool {
        DNSName.isSubdomain(zone, of: "spamhaus.org") || DNSName.isSubdomain(zone, of: "spamhaus.net")
    }

    /// Where to find out why an address is listed and how to get it removed.
    public static func delistingHint(zone: String) -> LocalizedText {
        let hints: [(String, LocalizedText)] = [
            (
                "spamhaus.org",
                L("Look the address up at https://check.spamhaus.org/ to see why and how to get it removed.")
            ),
            (
                "spamhaus.net",
                L("Look the address up at https://check.spamhaus.org/ to see why and how to get it removed.")
            ),
            (
                "spamcop.net",
                L(
                    "SpamCop listings expire on their own about 24 hours after the spam reports stop; see https://www.spamcop.net/bl.shtml."
                )
            ),
            (
                "barracudacentral.org",
                L("Request removal at https://www.barracudacentral.org/rbl/removal-request once the cause is fixed.")
            ),
            ("surriel.com", L("See https://psbl.org/ — removal is self-service once the cause is fixed.")),
            ("mailspike.net", L("See https://mailspike.io/ for the address's reputation and removal.")),
            (
                "uceprotect.net",
                L(
                    "See https://www.uceprotect.net/en/rblcheck.php; level 1 listings expire after 7 days without new spam."
                )
            ),
        ]
        for (suffix, hint) in hints where DNSName.isSubdomain(zone, of: suffix) { return hint }
        return
            L(
                "Visit the website of the list operator (\(zone)) to see why the address is listed and how to request removal."
            )
    }
}
