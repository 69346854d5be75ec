import ByteText

/// An unnamed MTA ("X2"): "Unable to deliver message to the following address(es)."
struct X2Format: Recogniser {
    let name = "X2"

    func extract(_ document: BounceDocument) -> Extraction? {
        let subject = document.subject
        guard document.fromHeader.containsBytes("MAILER-DAEMON@"),
            subject.hasPrefix("Delivery failure") || subject.hasPrefix("failure delivery")
                || subject.hasPrefix("failed delivery")
        else { return nil }
        let (head, _) = ReportText.split(
            document.report, at: ["--- Original message follows.", "Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        for (_, text) in ReportText.lines(of: head, after: "Unable to deliver message to the following address") {
            if text.hasPrefix("<"), text.hasSuffix(">:"), text.containsBytes("@") {
                var fact = DeliveryFacts()
                fact.recipient = String(text.dropFirst().dropLast(2))
                facts.append(fact)
            } else if !facts.isEmpty {
                facts[facts.count - 1].diagnosis += " " + text
            }
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses()
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
