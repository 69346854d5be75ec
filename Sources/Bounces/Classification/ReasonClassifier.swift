import ByteText

/// Decides the bounce reason from status, reply code, SMTP command and diagnostic text.
///
/// Order matters and is data too: `firstPass` probes status-backed reasons where a specific
/// phrase may override a generic status (a "5.1.1 … quota exceeded" is a full mailbox);
/// `fallbackPass` runs text-only checks when the status says too little.
enum ReasonClassifier {
    /// What the classifier looks at.
    struct Evidence {
        var reason: String
        var status: String {
            didSet { statusName = StatusCode.reasonName(status) }
        }
        /// The reason the status code stands for (computed once per status).
        private(set) var statusName: String
        var replyCode: String
        var command: String
        var action: String
        var spec: String
        /// Lower-cased diagnostic text.
        var text: [UInt8] {
            didSet { hits = ReasonMatcher.shared.hits(text) }
        }
        /// The reasons the text supports (computed once per text).
        private(set) var hits: ReasonMatcher.Hits
        var isTextEmpty: Bool { text.isEmpty }

        init(
            reason: String, status: String, replyCode: String, command: String, action: String, spec: String,
            text: [UInt8]
        ) {
            self.reason = reason
            self.status = status
            self.statusName = StatusCode.reasonName(status)
            self.replyCode = replyCode
            self.command = command
            self.action = action
            self.spec = spec
            self.text = text
            self.hits = ReasonMatcher.shared.hits(text)
        }
    }

    static let firstPass = [
        "mailboxfull", "mesgtoobig", "exceedlimit", "suspend", "hasmoved", "norelaying", "authfailure", "userunknown",
        "filtered", "requireptr", "notcompliantrfc", "badreputation", "contenterror", "rejected", "hostunknown",
        "spamdetected", "speeding", "toomanyconn", "blocked",
    ]
    static let fallbackPass = [
        "mailboxfull", "authfailure", "badreputation", "speeding", "spamdetected", "virusdetected", "policyviolation",
        "norelaying", "systemerror", "networkerror", "suspend", "contenterror", "systemfull", "notaccept", "expired",
        "failedstarttls", "securityerror", "suppressed", "mailererror",
    ]
    /// Reasons weak enough to be re-examined with more evidence.
    static let revisable: Set<String> = [
        "", "undefined", "onhold", "systemerror", "securityerror", "expired", "networkerror", "hostunknown",
        "userunknown",
    ]

    /// Text evidence that outweighs a status meaning "user unknown".
    private static let overridingUserUnknown = [
        "norelaying", "blocked", "mailboxfull", "hasmoved", "rejected", "notaccept",
    ]

    /// True for a reason that says something ("" / undefined / onhold do not).
    static func isExplicit(_ reason: String) -> Bool {
        !(reason.isEmpty || reason == "undefined" || reason == "onhold")
    }

    /// The reason for this evidence (never empty: "undefined" or "onhold" at worst).
    static func classify(_ evidence: Evidence) -> String {
        if !evidence.reason.isEmpty && !revisable.contains(evidence.reason) { return evidence.reason }
        if evidence.status.hasPrefix("2.") { return "delivered" }
        var found = ""
        if evidence.spec == "SMTP" || evidence.spec.isEmpty {
            for name in firstPass where probe(name, evidence) {
                found = name
                break
            }
        }
        if found.isEmpty || found == "undefined" {
            found = fallback(evidence)
            if found == "undefined" { found = "" }
            if found.isEmpty && evidence.action == "delayed" { found = "expired" }
            if !found.isEmpty { return found }
            if evidence.hits.has("vacation") { return "vacation" }
            return evidence.isTextEmpty ? "undefined" : "onhold"
        }
        return found
    }

    private static func fallback(_ evidence: Evidence) -> String {
        if isExplicit(evidence.reason) { return evidence.reason }
        let name = evidence.statusName
        guard revisable.contains(name) || evidence.spec != "SMTP" else { return name }
        for candidate in fallbackPass where evidence.hits.has(candidate) { return candidate }
        if !name.isEmpty { return name }
        let subject = evidence.status.prefix(3)
        if subject == "5.6" || subject == "4.6" { return "contenterror" }
        if subject == "5.7" || subject == "4.7" { return "securityerror" }
        if evidence.spec.hasPrefix("X-UNIX") { return "mailererror" }
        if probe("syntaxerror", evidence) { return "syntaxerror" }
        if evidence.action == "delayed" || evidence.action == "expired" { return "expired" }
        if evidence.command == "EHLO" || evidence.command == "HELO" { return "blocked" }
        return name
    }

    /// One reason's check combining the current reason, status, reply code, command and text.
    static func probe(_ reason: String, _ evidence: Evidence) -> Bool {
        if evidence.reason == reason { return true }
        let statusName = evidence.statusName
        func has(_ name: String) -> Bool { evidence.hits.has(name) }
        switch reason {
        case "mailboxfull", "authfailure", "requireptr", "toomanyconn", "blocked", "exceedlimit":
            return statusName == reason || has(reason)
        case "mesgtoobig":
            if statusName == "mesgtoobig" { return true }
            if statusName == "exceedlimit" { return false }
            return has(reason)
        case "suspend":
            return evidence.replyCode == "525" || has(reason)
        case "hasmoved", "notcompliantrfc", "badreputation", "speeding":
            return has(reason)
        case "norelaying":
            let weak = evidence.reason
            if weak == "securityerror" || weak == "systemerror" || weak == "undefined" { return false }
            let command = evidence.command
            if command == "CONN" || command == "EHLO" || command == "HELO" { return false }
            return has(reason)
        case "userunknown":
            if statusName == "suspend" { return false }
            if statusName == "userunknown" {
                for other in Self.overridingUserUnknown where has(other) { return false }
                return true
            }
            return evidence.command == "RCPT" && has(reason)
        case "filtered":
            if statusName == "suspend" { return false }
            if statusName == "filtered" { return has("userunknown") || has("filtered") }
            if SMTPCommand.beforeData.contains(evidence.command) { return false }
            return has("filtered") || has("userunknown")
        case "contenterror":
            if probe("spamdetected", evidence) { return false }
            return statusName == reason || has(reason)
        case "rejected":
            if statusName == "rejected" { return true }
            let temporary = statusName.isEmpty ? "undefined" : statusName
            if evidence.command == "MAIL" { return has(reason) }
            if evidence.command == "DATA" && temporary != "userunknown" { return has(reason) }
            if !isExplicit(temporary) || temporary == "securityerror" || temporary == "systemerror" {
                return has(reason)
            }
            return false
        case "hostunknown":
            if statusName == "hostunknown" { return !has("networkerror") }
            return has(reason)
        case "spamdetected":
            if evidence.status.isEmpty { return false }
            if statusName == reason { return true }
            if SMTPCommand.beforeData.contains(evidence.command) { return false }
            return has(reason)
        case "syntaxerror":
            guard let code = Int(evidence.replyCode) else { return false }
            return (code > 400 && code < 408) || (code > 500 && code < 508)
        case "failedstarttls":
            if evidence.command == "STARTTLS" { return true }
            let reply = evidence.replyCode
            if reply == "523" || reply == "524" || reply == "538" { return true }
            return has(reason)
        case "notaccept":
            if evidence.replyCode == "521" || evidence.replyCode == "556" { return true }
            return has(reason)
        case "onhold":
            return statusName == "onhold"
        default:
            return false
        }
    }
}
