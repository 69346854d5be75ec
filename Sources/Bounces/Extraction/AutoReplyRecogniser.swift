import ByteText

/// Recognises automatic replies (RFC 3834: out-of-office, vacation) as `vacation` for the replying address.
struct AutoReplyRecogniser: Recogniser {
    let name = "RFC3834"

    private static let subjectPrefixes = [
        "auto:", "auto response:", "automatic reply:", "out of office:", "out of the office:", "autoreply:",
        "abwesenheitsnotiz:", "réponse automatique :", "absence du bureau",
    ]

    /// True when the headers say the message is an automatic reply (and not a bounce).
    static func isAutoReply(_ document: BounceDocument) -> Bool {
        let subject = document.subject.lowercased()
        if subject.containsBytes("security information for") || subject.containsBytes("mail failure -") { return false }
        let from = document.from
        if from.containsBytes("root@") || from.containsBytes("postmaster@") || from.containsBytes("mailer-daemon@") {
            return false
        }
        if document.header("to").containsBytes("root@") { return false }
        let submitted = document.header("auto-submitted")
        if submitted.hasPrefix("auto-generated") || submitted.hasPrefix("auto-replied")
            || submitted.hasPrefix("auto-notified")
        {
            return true
        }
        let suppress = document.header("x-auto-response-suppress")
        if suppress.containsBytes("oof") || suppress.containsBytes("autoreply") { return true }
        if document.header("x-apple-action") == "vacation" || document.header("precedence") == "auto_reply" {
            return true
        }
        if !document.header("x-autoreply").isEmpty || !document.header("x-autorespond").isEmpty { return true }
        return subjectPrefixes.contains { subject.hasPrefix($0) }
    }

    func extract(_ document: BounceDocument) -> Extraction? {
        guard Self.isAutoReply(document) else { return nil }
        let sender = document.headers.text("from") ?? document.headers.text("return-path") ?? ""
        var fact = DeliveryFacts()
        fact.recipient = AddressText.clean(sender)
        guard AddressText.isEmailAddress(fact.recipient) else { return nil }
        var text = ""
        var taken = 0
        for line in document.report where taken < 5 {
            if line.isBlankLine || !line.contains(ASCII.space) { continue }
            if line.hasPrefixBytes(Array("Content-".utf8)) { continue }
            if line.hasPrefixBytes(BounceDocument.originalMarker) { break }
            text += ReportText.string(line) + " "
            taken += 1
        }
        if text.isEmpty { text = document.subject }
        fact.diagnosis = TextTools.sweep(text)
        fact.reason = "vacation"
        return Extraction(facts: [fact], kind: .autoReply, recogniser: name, original: nil)
    }
}
