import ByteText

/// DragonFly Mail Agent (dma) bounces.
struct DragonFlyFormat: Recogniser {
    private static let receivedMark = Array(" (DragonFly Mail Agent".utf8)

    let name = "DragonFly"
    private static let messages: [(String, [String])] = [
        ("expired", ["Could not deliver for the last "]), ("hostunknown", ["DNS lookup failure: host "]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.subject.containsBytes("Mail delivery failed"),
            document.headers.all("received").contains(where: {
                ByteSearch.contains($0, Self.receivedMark)
            })
        else { return nil }
        let (head, tail) = ReportText.split(
            document.report, at: ["Original message follows.", "Message headers follow"])
        var facts = [DeliveryFacts]()
        for (_, text) in ReportText.lines(of: head, after: "This is the DragonFly Mail Agent ") {
            if text.hasPrefix("There was an error delivering your mail to <"),
                let open = text.utf8.firstIndex(of: UInt8(ascii: "<"))
            {
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(String(text[open...]))
                facts.append(fact)
            } else if !facts.isEmpty {
                facts[facts.count - 1].diagnosis += text + " "
                if text.containsBytes(" did not like our "), facts[facts.count - 1].remoteMTA.isEmpty {
                    let parts = text.split(separator: " ", maxSplits: 2).map(String.init)
                    if let first = parts.first {
                        facts[facts.count - 1].remoteMTA =
                            first.containsBytes(".") ? first : (parts.count > 1 ? parts[1] : "")
                    }
                    facts[facts.count - 1].command = SMTPCommand.find(text)
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses(reasons: Self.messages)
        return Extraction(
            facts: facts, kind: .vendor, recogniser: name,
            original: document.original ?? ReportText.originalHeaders(tail))
    }
}
