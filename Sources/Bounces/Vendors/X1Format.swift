import ByteText

/// An unnamed MTA ("X1"): "Returned Mail: …" from "Mail Deliver System".
struct X1Format: Recogniser {
    let name = "X1"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.subject.hasPrefix("Returned Mail: "),
            document.fromHeader.hasPrefix("\"Mail Deliver System\" ")
        else { return nil }
        var facts = [DeliveryFacts]()
        var reading = false
        for line in document.report {
            let text = ReportText.string(line)
            if text.hasPrefix("Received: from ") || line.hasPrefixBytes(BounceDocument.originalMarker) { break }
            if !reading {
                if text.hasPrefix("The original message was received at ") { reading = true }
                continue
            }
            guard let open = text.utf8.firstIndex(of: UInt8(ascii: "[")), text.hasSuffix("]") else { continue }
            let address = text[..<open].trimmingCharactersBlank()
            guard address.containsBytes("@"), !address.containsBytes(" ") else { continue }
            var fact = DeliveryFacts()
            fact.recipient = address
            fact.diagnosis = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            facts.append(fact)
        }
        guard !facts.isEmpty else { return nil }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
