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
    static func finalise(_ input: DeliveryFacts, received: ReceivedHosts?) -> BounceRecipient? {
        var fact = input
        fact.recipient = AddressText.clean(fact.recipient)
        guard AddressText.isEmailAddress(fact.recipient) else { return nil }

        var keepDelayed = false
        var diagnosis = fact.diagnosis.replacingAll("\r", with: "")
        var status = fact.status
        var replyCode = fact.replyCode
        if !diagnosis.isEmpty {
            let found = StatusCode.find(diagnosis)
            let reply = ReplyCode.find(diagnosis, classHint: found)
            // A delay notice keeps its temporary status even when the quoted reply was a 5xx.
            keepDelayed = fact.action.asciiLowercased == "delayed" && status.hasPrefix("4.") && found.hasPrefix("5.")
            if !keepDelayed { status = StatusCode.prefer(status, found, reply) }
            if reply.utf8.count == 3 {
                if replyCode.isEmpty { replyCode = reply }
                if diagnosis.contains(reply + "-") {
                    // Multi-line replies: "550-5.7.1 …\n550 5.7.1 …" read as one message.
                    for separator in ["-", " "] {
                        if !found.isEmpty {
                            diagnosis = diagnosis.replacingAll(reply + separator + found, with: "")
                        }
                        diagnosis = diagnosis.replacingAll(reply + separator, with: "")
                    }
                    if diagnosis.contains(reply) { diagnosis = reply + " " + found + " " + diagnosis }
                }
            }
            diagnosis = removeHTML(diagnosis)
            diagnosis = TextTools.sweep(diagnosis)
        }
        var spec = fact.spec
        if spec.isEmpty && fact.reason != "feedback" && fact.reason != "vacation" { spec = "SMTP" }
        let command = SMTPCommand.isValid(fact.command) ? fact.command : ""
        if fact.remoteMTA.isEmpty { fact.remoteMTA = HostText.remoteHost(in: diagnosis) }
        var remoteForRules = fact.remoteMTA
        var localForRules = fact.reportingMTA
        if let received {
            if remoteForRules.isEmpty { remoteForRules = received.remote }
            if localForRules.isEmpty || localForRules == remoteForRules { localForRules = received.local }
        }
        let loweredDiagnosis = ASCII.lowered(diagnosis)
        var reason = fact.reason
        if reason.isEmpty || ReasonClassifier.revisable.contains(reason) {
            let fallback = diagnosis.isEmpty ? (reason.isEmpty ? "undefined" : reason) : "onhold"
            var decided = LocalAgentTable.reason(diagnosis: diagnosis, command: command)
            if !ReasonClassifier.isExplicit(decided) {
                decided = RemoteHostRules.reason(
                    RemoteHostRules.Input(
                        remoteHost: remoteForRules, localHost: localForRules, recipient: fact.recipient,
                        diagnosis: diagnosis, status: status, replyCode: replyCode, command: command))
            }
            if !ReasonClassifier.isExplicit(decided) {
                decided = ReasonClassifier.classify(
                    ReasonClassifier.Evidence(
                        reason: reason, status: status, replyCode: replyCode, command: command, action: fact.action,
                        spec: spec, text: loweredDiagnosis))
            }
            reason = ReasonClassifier.isExplicit(decided) ? decided : fallback
        }
        reason = RateLimitOverride.apply(reason, text: loweredDiagnosis)

        var hardBounce = false
        if reason == "delivered" || reason == "feedback" || reason == "vacation" {
            if reason != "delivered" { replyCode = "" }
        } else {
            var evidence = status + " " + diagnosis
            if evidence.utf8.count < 4 { evidence = "" }
            hardBounce = FailureClass.isHardBounce(reason: reason, evidence: evidence)
        }
        if status.isEmpty {
            var evidence = replyCode + " " + diagnosis
            if evidence.utf8.count < 4 { evidence = "" }
            status = StatusCode.pseudoCode(for: reason, temporary: FailureClass.isTemporary(evidence))
        }
        let statusClass = status.first.map(String.init) ?? ""
        let replyClass = replyCode.first.map(String.init) ?? ""
        if statusClass != replyClass && !keepDelayed {
            let candidate = ReplyCode.find(diagnosis, classHint: statusClass)
            replyCode = candidate.hasPrefix(statusClass) ? candidate : ""
        }
        var action = fact.action.asciiLowercased
        if !actions.contains(action) {
            if action.hasPrefix("fail") {
                action = "failed"
            } else if action.hasPrefix("delay") {
                action = "delayed"
            } else if action.hasPrefix("deliver") {
                action = "delivered"
            } else if action.hasPrefix("expand") {
                action = "expanded"
            } else if action.hasPrefix("relay") {
                action = "relayed"
            } else {
                action = ""
            }
        }
        if reason == "delivered" { action = "delivered" }
        if reason == "expired" { action = "delayed" }
        if action.isEmpty && (statusClass == "4" || statusClass == "5") { action = "failed" }

        var recipient = BounceRecipient(
            address: fact.recipient, action: action, status: status, replyCode: replyCode, reason: reason,
            hardBounce: hardBounce, remoteMTA: fact.remoteMTA, diagnostic: diagnosis, command: command,
            feedbackType: fact.feedbackType)
        Roles.fill(&recipient, fact: input)
        return recipient
    }

    private static let htmlOpen = Array("<html>".utf8)
    private static let htmlClose = Array("</html>".utf8)

    /// The text with an embedded `<html>…</html>` document cut out (found case-insensitively, in place).
    private static func removeHTML(_ text: String) -> String {
        guard text.utf8.count >= 13 else { return text }
        return FastStringSearch.withBytes(text) { bytes in
            guard let open = ByteSearch.findLowered(htmlOpen, in: bytes), open > 0,
                let close = ByteSearch.findLowered(htmlClose, in: bytes, from: open)
            else { return text }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<open]), as: UTF8.self) + " "
                + String(decoding: UnsafeBufferPointer(rebasing: bytes[(close + 7)...]), as: UTF8.self)
        }
    }
}
