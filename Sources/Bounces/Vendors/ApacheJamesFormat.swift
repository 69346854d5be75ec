import ByteText

/// Apache James bounces ("[BOUNCE]").
struct ApacheJamesFormat: Recogniser {
    let name = "ApacheJames"

    func extract(_ document: BounceDocument) -> Extraction? {
        let messageID = document.messageID
        let byReceived = document.received.contains { $0.containsBytes("JAMES SMTP Server") }
        guard document.subject == "[BOUNCE]" || messageID.containsBytes(".JavaMail.") || byReceived else { return nil }
        let (head, _) = ReportText.split(document.report, at: ["Content-Type: message/rfc822"])
        var facts = [DeliveryFacts()]
        var gotMessage = false
        var subject = ""
        for line in head where !line.isEmpty {
            let text = ReportText.string(line)
            if text.hasPrefix("  RCPT TO: "), text.containsBytes("@") {
                if !facts[facts.count - 1].recipient.isEmpty { facts.append(DeliveryFacts()) }
                facts[facts.count - 1].recipient = String(text.dropFirst(11))
            } else if text.hasPrefix("  Subject: ") {
                subject = String(text.dropFirst(11))
            } else if text.hasPrefix("  Sent date: ") {
                continue
            } else if !gotMessage {
                if text == "Message details:" {
                    gotMessage = true
                } else if !facts[facts.count - 1].diagnosis.isEmpty || text == "Error message below:" {
                    facts[facts.count - 1].diagnosis += " " + text
                }
            }
        }
        facts = facts.filter { !$0.recipient.isEmpty }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses()
        var original = document.original
        if original == nil && !subject.isEmpty {
            original = HeaderBlock.parse(bytes: Array(("Subject: " + subject).utf8))
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }
}
