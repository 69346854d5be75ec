import ByteText

/// IBM Lotus Domino delivery failure reports ("DELIVERY FAILURE: …").
struct DominoFormat: Recogniser {
    let name = "Domino"
    private static let messages: [(String, [String])] = [
        (
            "userunknown",
            [
                "not listed in Domino Directory", "not listed in public Name & Address Book",
                "non répertorié dans l'annuaire Domino", "Domino ディレクトリには見つかりません",
            ]
        ),
        ("filtered", ["Cannot route mail to user"]), ("systemerror", ["Several matches found in Domino Directory"]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.subject.hasPrefix("DELIVERY FAILURE:") || document.subject.hasPrefix("DELIVERY_FAILURE:") else {
            return nil
        }
        let (head, _) = ReportText.split(document.report, at: ["Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        var perMessage = [(DSNField.Name, String)]()
        var subject = ""
        var awaitingReason = false
        for (line, text) in ReportText.lines(of: head, after: "Your message") {
            if text == "was not delivered to:" {
                facts.append(DeliveryFacts())
                awaitingReason = false
            } else if text.hasPrefix("  "), !text.dropFirst(2).containsBytes(" "), text.containsBytes("@"),
                !facts.isEmpty
            {
                facts[facts.count - 1].recipient = AddressText.clean(text)
            } else if text == "because:" {
                awaitingReason = true
            } else if awaitingReason, !facts.isEmpty {
                facts[facts.count - 1].diagnosis = text
                awaitingReason = false
            } else if text.hasPrefix("  Subject: ") {
                subject = String(text.dropFirst(11))
            } else if let field = DSNField.parse(line), !facts.isEmpty {
                if field.name.isAddress { continue }
                if field.name == .diagnosticCode {
                    if facts[facts.count - 1].spec.isEmpty { facts[facts.count - 1].spec = field.type }
                    if facts[facts.count - 1].diagnosis.isEmpty { facts[facts.count - 1].diagnosis = field.value }
                } else {
                    facts[facts.count - 1].set(field: field.name, field.value)
                    if field.name.isPerMessage { perMessage.append((field.name, field.value)) }
                }
            }
        }
        facts = facts.filter { !$0.recipient.isEmpty }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            for (field, value) in perMessage where facts[index].value(of: field).isEmpty {
                facts[index].set(field: field, value)
            }
            if let match = Self.messages.first(where: { $0.1.contains { facts[index].diagnosis.containsBytes($0) } }) {
                facts[index].reason = match.0
            }
        }
        var original = document.original
        if original == nil && !subject.isEmpty {
            original = HeaderBlock.parse(bytes: Array(("Subject: " + subject).utf8))
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }
}
