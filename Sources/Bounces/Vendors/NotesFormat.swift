import ByteText

/// Lotus Notes "Undeliverable message" reports.
struct NotesFormat: Recogniser {
    let name = "Notes"
    private static let messages: [(String, [String])] = [
        ("userunknown", ["User not listed in public Name & Address Book", "ディレクトリのリストにありません"]),
        ("networkerror", ["Message has exceeded maximum hop count"]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.subject.hasPrefix("Undeliverable message") else { return nil }
        let (head, tail) = ReportText.split(
            document.report, at: ["------- Returned Message --------", "Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        for (_, text) in ReportText.lines(of: head, after: "------- Failure Reasons ") {
            if text.hasPrefix("-") { continue }
            if let first = text.split(separator: " ").first, first.containsBytes("@"), text.first != " " {
                // The reason may come first: it then belongs to this recipient.
                if let last = facts.indices.last, facts[last].recipient.isEmpty {
                    facts[last].recipient = AddressText.clean(text)
                } else {
                    var fact = DeliveryFacts()
                    fact.recipient = AddressText.clean(text)
                    facts.append(fact)
                }
            } else if facts.isEmpty {
                facts.append(DeliveryFacts())
                facts[0].diagnosis = text
            } else {
                facts[facts.count - 1].diagnosis += text
            }
        }
        let original = document.original ?? ReportText.originalHeaders(tail)
        if facts.isEmpty || facts.allSatisfy({ $0.recipient.isEmpty }) {
            guard let to = original?.text("to") else { return nil }
            if facts.isEmpty { facts.append(DeliveryFacts()) }
            facts[0].recipient = AddressText.clean(to)
        }
        facts = facts.filter { !$0.recipient.isEmpty }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses(reasons: Self.messages)
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }
}
