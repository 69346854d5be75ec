import ByteText
import DNSResolver
import Localization
import MailModel

/// Options for one run of the DNS checks.
public struct CheckOptions: Sendable {
    /// Only run these checks (nil: every check that applies to the target).
    public var only: Set<CheckID>?
    /// A sending IP address: adds an SPF `check_host()` verdict for it.
    public var ip: String?
    /// A DKIM selector to look up.
    public var dkimSelector: String?
    /// A pasted `DKIM-Signature:` header; its `s=` and `d=` tags select the key.
    public var dkimSignature: String?
    /// DNS blocklist zones to query.
    public var dnsblZones: [String]
    /// The provider profile the domain is expected to follow.
    public var provider: ProviderExpectations?
    /// The deadline for each check; a check still running then reports `error`.
    public var timeout: Duration
    /// Whether loopback and private addresses are acceptable targets and MX addresses.
    public var allowPrivate: Bool
    /// The most distinct DNS questions one run of the checks may ask; later ones fail with a sentence
    /// naming the limit.
    public var queryLimit = BudgetedResolver.defaultLimit

    /// A sensible default list of public DNS blocklists.
    public static let defaultDNSBLZones: [String] = [
        "zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org",
        "psbl.surriel.com", "bl.mailspike.net", "dnsbl-1.uceprotect.net",
    ]

    /// Parses a comma-separated `--dnsbl` list such as `zen.spamhaus.org,bl.spamcop.net`.
    ///
    /// - Throws: ``TargetError`` naming the first entry that is not a valid zone name, or when the list is empty.
    public static func parseDNSBLZones(_ text: String) throws(TargetError) -> [String] {
        var zones: [String] = []
        for part in text.split(separator: ",") {
            let zone = DNSName.normalize(part.trimmingWhitespace())
            if zone.isEmpty { continue }
            if let problem = DNSName.hostnameProblem(zone) {
                throw TargetError(L("\"\(zone)\" is not a usable blocklist zone: \(problem)."))
            }
            if !zones.contains(zone) { zones.append(zone) }
        }
        guard !zones.isEmpty else {
            throw TargetError(L("The blocklist list is empty; give zones like zen.spamhaus.org,bl.spamcop.net."))
        }
        return zones
    }

    /// Creates options; every parameter has a default.
    public init(
        only: Set<CheckID>? = nil, ip: String? = nil, dkimSelector: String? = nil,
        dkimSignature: String? = nil, dnsblZones: [String] = CheckOptions.defaultDNSBLZones,
        provider: ProviderExpectations? = nil, timeout: Duration = .seconds(10), allowPrivate: Bool = false
    ) {
        self.only = only
        self.ip = ip
        self.dkimSelector = dkimSelector
        self.dkimSignature = dkimSignature
        self.dnsblZones = dnsblZones
        self.provider = provider
        self.timeout = timeout
        self.allowPrivate = allowPrivate
    }
}

extension CheckOptions {
    /// The DKIM selectors the DKIM check tries when none is given (generic names and those of common
    /// providers): a conversation about DKIM reads one of them as a selector ("the new one is default").
    public static var commonDKIMSelectors: [String] { DKIMCheck.commonSelectors }
}
