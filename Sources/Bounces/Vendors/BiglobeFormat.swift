import ByteText

/// BIGLOBE (and affiliated Japanese ISPs) bounces.
struct BiglobeFormat: Recogniser {
    let name = "Biglobe"

    func extract(_ document: BounceDocument) -> Extraction? {
        let from = document.from
        guard ["biglobe", "inacatv", "tmtv", "ttv"].contains(where: { from.containsBytes("postmaster@\($0).ne.jp") }),
            document.subject.hasPrefix("Returned mail:")
        else { return nil }
        let (head, _) = ReportText.split(document.report, at: ["Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        for (line, text) in ReportText.lines(
            of: head, after: "   ----- The following addresses had delivery problems -----")
        {
            if text.containsBytes("@"), !text.containsBytes(" ") {
                let address = AddressText.clean(text)
                guard AddressText.isEmailAddress(address) else { continue }
                var fact = DeliveryFacts()
                fact.recipient = address
                facts.append(fact)
            } else if let first = line.first, ASCII.isAlnum(first) || first >= 0x80, !facts.isEmpty {
                facts[facts.count - 1].diagnosis += text + " "
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            if facts[index].diagnosis.containsBytes("Mail Delivery Failed... User unknown") {
                facts[index].reason = "filtered"
            }
            if facts[index].diagnosis.containsBytes(
                "The number of messages in recipient's mailbox exceeded the local limit.")
            {
                facts[index].reason = "mailboxfull"
            }
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
