import ByteText

/// TransWARE Active!hunter notices.
struct ActivehunterFormat: Recogniser {
    let name = "Activehunter"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.headers.has("x-ahmailid") else { return nil }
        let (head, _) = ReportText.split(document.report, at: ["Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        for (line, text) in ReportText.lines(
            of: head, after: "  ----- The following addresses had permanent fatal errors -----")
        {
            if text.hasPrefix(">>>"), text.hasSuffix(">"), let open = text.utf8.lastIndex(of: UInt8(ascii: "<")),
                text[open...].containsBytes("@")
            {
                var fact = DeliveryFacts()
                fact.recipient = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
                facts.append(fact)
            } else if let first = line.first, ASCII.isAlnum(first), !facts.isEmpty,
                facts[facts.count - 1].diagnosis.isEmpty
            {
                facts[facts.count - 1].diagnosis = text
            }
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses()
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
