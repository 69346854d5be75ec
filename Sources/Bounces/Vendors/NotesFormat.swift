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
        var reading = false
        for line in head {
            let text = ReportText.string(line)
            if !reading {
                if text.hasPrefix("------- Failure Reasons ") { reading = true }
                continue
            }
            if line.isEmpty || text.hasPrefix("-") { continue }
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
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            if let match = Self.messages.first(where: { $0.1.contains { facts[index].diagnosis.containsBytes($0) } }) {
                facts[index].reason = match.0
            }
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }
}
