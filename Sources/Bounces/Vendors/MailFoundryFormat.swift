import ByteText

/// MailFoundry notices ("Message delivery has failed").
struct MailFoundryFormat: Recogniser {
    private static let receivedMark = Array("(MAILFOUNDRY) id".utf8)

    let name = "MailFoundry"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.subject == "Message delivery has failed",
            document.headers.all("received").contains(where: { ByteSearch.contains($0, Self.receivedMark) }
            )
        else { return nil }
        let (head, _) = ReportText.split(document.report, at: ["Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        for line in head where !line.isEmpty {
            let text = ReportText.string(line)
            if text.hasPrefix("Unable to deliver message to: <") {
                var fact = DeliveryFacts()
                fact.recipient = TextTools.select(text, from: "<", to: ">")
                facts.append(fact)
            } else if !facts.isEmpty {
                if text == "Delivery failed for the following reason:" {
                    facts[facts.count - 1].diagnosis = text
                } else if !facts[facts.count - 1].diagnosis.isEmpty, !text.hasPrefix("-") {
                    facts[facts.count - 1].diagnosis += " " + text
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses()
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
