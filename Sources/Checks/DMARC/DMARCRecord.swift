import ByteText
import Localization
import MailModel

/// A parsed DMARC policy record (RFC 7489 §6.3), with every problem found while parsing.
public struct DMARCRecord: Sendable, Equatable {
    /// A DMARC disposition.
    public enum Policy: String, Sendable, Equatable, Comparable {
        case none, quarantine, reject

        /// none < quarantine < reject.
        public static func < (left: Policy, right: Policy) -> Bool {
            left.strength < right.strength
        }

        private var strength: Int {
            switch self {
            case .none: 0
            case .quarantine: 1
            case .reject: 2
            }
        }
    }

    /// A problem in the record's text.
    public struct Issue: Sendable, Equatable {
        /// A finding code suffix: syntax-error, invalid-tag, unknown-tag, duplicate-tag, missing-policy.
        public var kind: String
        /// How serious it is.
        public var severity: CheckStatus
        /// What is wrong, in words.
        public var message: LocalizedText
    }

    /// Tags in order of appearance, names lower-cased.
    public var tags: [(name: String, value: String)]
    /// `p=`, when valid.
    public var policy: Policy?
    /// `sp=`, when valid.
    public var subdomainPolicy: Policy?
    /// `pct=` (default 100).
    public var percent = 100
    /// `adkim=s`.
    public var strictDKIM = false
    /// `aspf=s`.
    public var strictSPF = false
    /// `rua=` URIs.
    public var aggregateURIs: [String] = []
    /// `ruf=` URIs.
    public var failureURIs: [String] = []
    /// Problems found.
    public var issues: [Issue] = []

    /// Records are equal when they have the same tags with the same values, in the same order.
    public static func == (left: DMARCRecord, right: DMARCRecord) -> Bool {
        left.tags.map(\.name) == right.tags.map(\.name) && left.tags.map(\.value) == right.tags.map(\.value)
    }

    /// Whether a TXT string is a DMARC record: it starts with `v=DMARC1` (spaces around "=" allowed).
    public static func isDMARC(_ text: String) -> Bool {
        let first = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let parts = first.split(separator: "=", maxSplits: 1)
        return parts.count == 2 && parts[0].trimmingWhitespace().lowercased() == "v"
            && parts[1].trimmingWhitespace() == "DMARC1"
    }

    /// Parses a record; problems are collected in ``issues`` rather than thrown.
    public init(_ text: String) {
        tags = []
        var seen: Set<String> = []
        for (index, piece) in text.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let part = piece.trimmingWhitespace()
            if part.isEmpty { continue }
            guard let equals = part.firstIndex(of: "=") else {
                issues.append(
                    Issue(kind: "syntax-error", severity: .fail, message: L("\"\(part)\" is not a tag=value pair")))
                continue
            }
            let name = part[..<equals].trimmingWhitespace().lowercased()
            let value = part[part.index(after: equals)...].trimmingWhitespace()
            if index == 0 && name != "v" {
                issues.append(
                    Issue(kind: "syntax-error", severity: .fail, message: L("the record must start with v=DMARC1")))
            }
            if !seen.insert(name).inserted {
                issues.append(
                    Issue(
                        kind: "duplicate-tag", severity: .warn,
                        message: L("the tag \"\(name)\" appears more than once; only the first counts")))
                continue
            }
            tags.append((name, value))
            apply(name: name, value: value)
        }
        if policy == nil && !issues.contains(where: { $0.message.english.hasPrefix("p=") }) {
            issues.append(
                Issue(
                    kind: "missing-policy", severity: .fail,
                    message: L("the record has no policy tag (p=none, p=quarantine or p=reject)")))
        }
    }

    /// The value of a tag, if present.
    public func value(_ name: String) -> String? {
        tags.first { $0.name == name }?.value
    }

    private mutating func apply(name: String, value: String) {
        switch name {
        case "v":
            if value != "DMARC1" {
                issues.append(
                    Issue(kind: "syntax-error", severity: .fail, message: L("v=\(value) must be exactly v=DMARC1")))
            }
        case "p", "sp", "np":
            guard let parsed = Policy(rawValue: value.lowercased()) else {
                issues.append(
                    Issue(
                        kind: "invalid-tag", severity: name == "p" ? .fail : .warn,
                        message: L("\(name)=\(value) is not a policy; use none, quarantine or reject")))
                return
            }
            if name == "p" { policy = parsed }
            if name == "sp" { subdomainPolicy = parsed }
        case "pct":
            guard let number = Int(value), (0...100).contains(number) else {
                issues.append(
                    Issue(
                        kind: "invalid-tag", severity: .warn,
                        message: L("pct=\(value) must be a whole number from 0 to 100")))
                return
            }
            percent = number
        case "adkim", "aspf":
            switch value.lowercased() {
            case "s": if name == "adkim" { strictDKIM = true } else { strictSPF = true }
            case "r": break
            default:
                issues.append(
                    Issue(
                        kind: "invalid-tag", severity: .warn,
                        message: L("\(name)=\(value) must be r (relaxed) or s (strict)")))
            }
        case "rua", "ruf":
            let uris = value.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            if name == "rua" { aggregateURIs = uris } else { failureURIs = uris }
        case "fo":
            let valid: Set<String> = ["0", "1", "d", "s"]
            if !value.split(separator: ":").allSatisfy({ valid.contains($0.trimmingWhitespace().lowercased()) }) {
                issues.append(
                    Issue(
                        kind: "invalid-tag", severity: .warn,
                        message: L("fo=\(value) must be made of 0, 1, d and s separated by colons")))
            }
        case "rf":
            if value.lowercased() != "afrf" {
                issues.append(
                    Issue(
                        kind: "invalid-tag", severity: .warn,
                        message: L("rf=\(value) is not a known report format (afrf)")
                    ))
            }
        case "ri":
            if UInt32(value) == nil {
                issues.append(
                    Issue(kind: "invalid-tag", severity: .warn, message: L("ri=\(value) must be a number of seconds")))
            }
        case "psd":
            if !["y", "n", "u"].contains(value.lowercased()) {
                issues.append(Issue(kind: "invalid-tag", severity: .warn, message: L("psd=\(value) must be y, n or u")))
            }
        case "t":
            if !["y", "n"].contains(value.lowercased()) {
                issues.append(Issue(kind: "invalid-tag", severity: .warn, message: L("t=\(value) must be y or n")))
            }
        default:
            issues.append(
                Issue(
                    kind: "unknown-tag", severity: .warn,
                    message: L("the tag \"\(name)\" is not part of DMARC and is ignored (a typo?)")))
        }
    }

    /// The mailbox domain of a `mailto:` report URI, or nil when the URI is not a usable mailto.
    public static func mailtoDomain(_ uri: String) -> String? {
        guard uri.lowercased().hasPrefix("mailto:") else { return nil }
        var address = Substring(uri.dropFirst(7))
        if let bang = address.firstIndex(of: "!") { address = address[..<bang] }
        guard let at = address.lastIndex(of: "@"), at != address.startIndex else { return nil }
        let domain = DNSName.normalize(String(address[address.index(after: at)...]))
        return DNSName.hostnameProblem(domain) == nil ? domain : nil
    }
}
