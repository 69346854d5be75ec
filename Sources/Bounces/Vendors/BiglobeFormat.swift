import ByteText

/// BIGLOBE (and affiliated Japanese ISPs) bounces.
struct BiglobeFormat: Recogniser {
    let name = "Biglobe"
    /// A full mailbox wins over the "User unknown" that may come with it.
    private static let messages: [(String, [String])] = [
        ("mailboxfull", ["The number of messages in recipient's mailbox exceeded the local limit."]),
        ("filtered", ["Mail Delivery Failed... User unknown"]),
    ]

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
        facts.sweepDiagnoses(reasons: Self.messages)
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
