import Checks
import Foundation
import Knowledge

/// How the engine runs live checks: where DNS questions go, and the options every check gets.
public struct LiveChecks: Sendable {
    /// Creates the resolver for one request (a fresh c-ares channel, or a scripted fake in tests).
    public var makeResolver: @Sendable () throws -> any DNSResolving
    /// Blocklists, provider expectations, deadline, private targets.
    public var options: CheckOptions

    /// Creates the live-check wiring.
    public init(options: CheckOptions, makeResolver: @escaping @Sendable () throws -> any DNSResolving) {
        self.options = options
        self.makeResolver = makeResolver
    }

    /// The article that explains a check's subject.
    static func article(for check: CheckID) -> String {
        switch check {
        case .domain: "service-active"
        case .mx: "mx-records"
        case .spf: "spf"
        case .dmarc: "dmarc"
        case .dkim: "dkim"
        case .dnsbl: "blacklists"
        case .ptr: "reverse-dns"
        case .mtaSTS, .tlsRPT, .smtp, .submission, .imap, .pop3: "email-client"
        }
    }

    /// Words people use for each check.
    static let names: [String: CheckID] = [
        "mx": .mx, "spf": .spf, "dmarc": .dmarc, "dkim": .dkim, "dnsbl": .dnsbl, "blacklist": .dnsbl,
        "blocklist": .dnsbl, "rbl": .dnsbl, "ptr": .ptr, "rdns": .ptr, "domain": .domain, "mta-sts": .mtaSTS,
        "tls-rpt": .tlsRPT,
    ]
}

/// An explicit request for live checks, read from a message.
struct CheckRequest: Equatable {
    var ids: Set<CheckID>?
    var target: CheckTarget

    /// Reads `check [ids] TARGET`, `check TARGET`, and questions such as
    /// "is 192.0.2.1 blacklisted?"; nil when the message asks for no check.
    static func parse(_ text: String) throws(TargetError) -> CheckRequest? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map {
            String($0).trimmingCharacters(in: CharacterSet(charactersIn: "?!.,;:\"'()"))
        }.filter { !$0.isEmpty }
        guard let first = words.first?.lowercased() else { return nil }
        if ["check", "test", "verify", "lookup", "vérifier", "prüfe", "prüfen"].contains(first), words.count >= 2 {
            var ids = Set<CheckID>()
            var target: String?
            for word in words.dropFirst() {
                let lower = word.lowercased()
                let parts = lower.split(separator: ",").map(String.init)
                let known = parts.compactMap { LiveChecks.names[$0] }
                if !known.isEmpty && known.count == parts.count {
                    ids.formUnion(known)
                } else if ["of", "for", "on", "the", "records", "record", "my", "de", "von"].contains(lower) {
                    continue
                } else if target == nil {
                    target = word
                }
            }
            guard let target else { return nil }
            return CheckRequest(ids: ids.isEmpty ? nil : ids, target: try CheckTarget.parse(target))
        }
        let lower = text.lowercased()
        let asksListing = ["blacklist", "blocklist", "listed", "spamhaus", "dnsbl"].contains { lower.contains($0) }
        if asksListing, lower.hasPrefix("is ") || lower.hasPrefix("am i") || lower.contains("?") {
            for word in words {
                if let address = IPAddress(word.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))) {
                    return CheckRequest(ids: [.dnsbl, .ptr], target: .ip(address.description))
                }
            }
        }
        return nil
    }
}
