import ByteText
import Foundation

/// Turns recogniser facts into final recipients: cleans the diagnostic, settles status and reply
/// code, classifies the reason and decides hard or soft.
enum FactBuilder {
    private static let actions: Set<String> = ["failed", "delayed", "delivered", "relayed", "expanded"]

    /// Finalises every fact with a usable recipient address.
    ///
    /// The recipients of a large bounce mostly share one diagnosis: each distinct fact is finalised
    /// once and the result copied. The address counts in `finalise` only through its domain (for the
    /// provider rules), so facts that differ only in the local part or the alias are the same fact.
    static func build(_ facts: [DeliveryFacts], document: BounceDocument?) -> [BounceRecipient] {
        let received = document.map { ReceivedHosts($0.headers) }
        guard facts.count > 4 else { return facts.compactMap { finalise($0, received: received) } }
        var finalised: [DeliveryFacts: BounceRecipient] = [:]
        return facts.compactMap { fact in
            let address = AddressText.clean(fact.recipient)
            guard AddressText.isEmailAddress(address) else { return nil }
            var key = fact
            key.recipient = "recipient@" + AddressText.domain(of: address)
            key.alias = ""
            if var known = finalised[key] {
                known.address = address
                return known
            }
            guard var recipient = finalise(key, received: received) else { return finalise(fact, received: received) }
            finalised[key] = recipient
            recipient.address = address
            return recipient
        }
    }

    /// Finalises one fact; nil when it has no valid recipient address.
    ///
    /// The steps, in order: read the codes out of the diagnostic, decide the reason, decide hard or soft
    /// (and a pseudo status when the report gave none), align the reply code with the status class,
    /// normalise the action, then fill in whose hosts and addresses are whose (``Roles``).
    static func finalise(_ input: DeliveryFacts, received: ReceivedHosts?) -> BounceRecipient? {
        var fact = input
        fact.recipient = AddressText.clean(fact.recipient)
        guard AddressText.isEmailAddress(fact.recipient) else { return nil }

        var codes = settledCodes(fact)
        var spec = fact.spec
        if spec.isEmpty && fact.reason != "feedback" && fact.reason != "vacation" { spec = "SMTP" }
        let command = SMTPCommand.isValid(fact.command) ? fact.command : ""
        if fact.remoteMTA.isEmpty { fact.remoteMTA = HostText.remoteHost(in: codes.diagnosis) }
        let reason = decidedReason(fact, codes: codes, command: command, spec: spec, received: received)

        var hardBounce = false
        if reason == "delivered" || reason == "feedback" || reason == "vacation" {
            if reason != "delivered" { codes.replyCode = "" }
        } else {
            var evidence = codes.status + " " + codes.diagnosis
            if evidence.utf8.count < 4 { evidence = "" }
            hardBounce = FailureClass.isHardBounce(reason: reason, evidence: evidence)
        }
        if codes.status.isEmpty {
            var evidence = codes.replyCode + " " + codes.diagnosis
            if evidence.utf8.count < 4 { evidence = "" }
            codes.status = StatusCode.pseudoCode(for: reason, temporary: FailureClass.isTemporary(evidence))
        }
        let statusClass = codes.status.first.map(String.init) ?? ""
        let replyClass = codes.replyCode.first.map(String.init) ?? ""
        if statusClass != replyClass && !codes.keepDelayed {
            let candidate = ReplyCode.find(codes.diagnosis, classHint: statusClass)
            codes.replyCode = candidate.hasPrefix(statusClass) ? candidate : ""
        }
        let action = normalisedAction(fact.action, reason: reason, statusClass: statusClass)

        var recipient = BounceRecipient(
            address: fact.recipient, action: action, status: codes.status, replyCode: codes.replyCode,
            reason: reason, hardBounce: hardBounce, remoteMTA: fact.remoteMTA, diagnostic: codes.diagnosis,
            command: command, feedbackType: fact.feedbackType)
        Roles.fill(&recipient, fact: input)
        return recipient
    }

    /// The diagnostic cleaned for people and the status and reply codes settled with what it quotes.
    private struct Codes {
        var diagnosis: String
        var status: String
        var replyCode: String
        /// A delay notice that quotes a 5xx reply keeps its temporary status and reply code.
        var keepDelayed = false
    }

    /// Reads the status and reply codes out of the diagnostic, folds multi-line replies into one
    /// message, and strips embedded HTML and noise.
    private static func settledCodes(_ fact: DeliveryFacts) -> Codes {
        var codes = Codes(
            diagnosis: fact.diagnosis.replacingAll("\r", with: ""), status: fact.status, replyCode: fact.replyCode)
        guard !codes.diagnosis.isEmpty else { return codes }
        let found = StatusCode.find(codes.diagnosis)
        let reply = ReplyCode.find(codes.diagnosis, classHint: found)
        // A delay notice keeps its temporary status even when the quoted reply was a 5xx.
        codes.keepDelayed =
            fact.action.asciiLowercased == "delayed" && codes.status.hasPrefix("4.") && found.hasPrefix("5.")
        if !codes.keepDelayed { codes.status = StatusCode.prefer(codes.status, found, reply) }
        if reply.utf8.count == 3 {
            if codes.replyCode.isEmpty { codes.replyCode = reply }
            if codes.diagnosis.containsBytes(reply + "-") {
                // Multi-line replies: "550-5.7.1 …\n550 5.7.1 …" read as one message.
                for separator in ["-", " "] {
                    if !found.isEmpty {
                        codes.diagnosis = codes.diagnosis.replacingAll(reply + separator + found, with: "")
                    }
                    codes.diagnosis = codes.diagnosis.replacingAll(reply + separator, with: "")
                }
                if codes.diagnosis.containsBytes(reply) {
                    codes.diagnosis = reply + " " + found + " " + codes.diagnosis
                }
            }
        }
        codes.diagnosis = TextTools.sweep(removeHTML(codes.diagnosis))
        return codes
    }

    /// The reason: the recogniser's own when it is explicit, else the first explicit answer of the
    /// local-agent table, the remote-host rules and the classifier, then the rate-limit override.
    private static func decidedReason(
        _ fact: DeliveryFacts, codes: Codes, command: String, spec: String, received: ReceivedHosts?
    ) -> String {
        let diagnosis = codes.diagnosis
        let loweredDiagnosis = ASCII.lowered(diagnosis)
        var reason = fact.reason
        if reason.isEmpty || ReasonClassifier.revisable.contains(reason) {
            var remoteForRules = fact.remoteMTA
            var localForRules = fact.reportingMTA
            if let received {
                if remoteForRules.isEmpty { remoteForRules = received.remote }
                if localForRules.isEmpty || localForRules == remoteForRules { localForRules = received.local }
            }
            let fallback = diagnosis.isEmpty ? (reason.isEmpty ? "undefined" : reason) : "onhold"
            var decided = LocalAgentTable.reason(diagnosis: diagnosis, command: command)
            if !ReasonClassifier.isExplicit(decided) {
                decided = RemoteHostRules.reason(
                    RemoteHostRules.Input(
                        remoteHost: remoteForRules, localHost: localForRules, recipient: fact.recipient,
                        diagnosis: diagnosis, status: codes.status, replyCode: codes.replyCode, command: command))
            }
            if !ReasonClassifier.isExplicit(decided) {
                decided = ReasonClassifier.classify(
                    ReasonClassifier.Evidence(
                        reason: reason, status: codes.status, replyCode: codes.replyCode, command: command,
                        action: fact.action, spec: spec, text: loweredDiagnosis))
            }
            reason = ReasonClassifier.isExplicit(decided) ? decided : fallback
        }
        return RateLimitOverride.apply(reason, text: loweredDiagnosis)
    }

    /// The DSN action in its standard spelling ("failed", "delayed"…), made consistent with the reason
    /// and the status class; empty when none applies.
    private static func normalisedAction(_ raw: String, reason: String, statusClass: String) -> String {
        var action = raw.asciiLowercased
        if !actions.contains(action) {
            let prefixes = [
                ("fail", "failed"), ("delay", "delayed"), ("deliver", "delivered"), ("expand", "expanded"),
                ("relay", "relayed"),
            ]
            action = prefixes.first { action.hasPrefix($0.0) }?.1 ?? ""
        }
        if reason == "delivered" { action = "delivered" }
        if reason == "expired" { action = "delayed" }
        if action.isEmpty && (statusClass == "4" || statusClass == "5") { action = "failed" }
        return action
    }

    private static let htmlOpen = Array("<html>".utf8)
    private static let htmlClose = Array("</html>".utf8)

    /// The text with an embedded `<html>…</html>` document cut out (found case-insensitively, in place).
    private static func removeHTML(_ text: String) -> String {
        guard text.utf8.count >= 13 else { return text }
        var copy = text
        return copy.withByteView { bytes in
            guard let open = ByteSearch.findLowered(htmlOpen, in: bytes), open > 0,
                let close = ByteSearch.findLowered(htmlClose, in: bytes, from: open)
            else { return text }
            return bytes[0..<open].string + " " + bytes.dropFirst(close + 7).string
        }
    }
}
