import ByteText

/// Zoho Mail bounces.
struct ZohoFormat: Recogniser {
    let name = "Zoho"
    private static let messages: [(String, [String])] = [("expired", ["Host not reachable"])]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.headers.has("x-zohomail") || document.from.containsBytes("zoho") else { return nil }
        let (head, _) = ReportText.split(
            document.report, at: ["Received: from mail.zoho.com by mx.zohomail.com", "Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        var continued = false
        for (_, text) in ReportText.lines(of: head, after: "This message was created automatically by mail delivery") {
            if let space = text.utf8.firstIndex(of: UInt8(ascii: " ")), text[..<space].containsBytes("@"),
                text.first != " "
            {
                var fact = DeliveryFacts()
                fact.recipient = String(text[..<space])
                fact.diagnosis = text[space...].trimmingCharactersBlank()
                continued = fact.diagnosis.hasSuffix("=")
                if continued { fact.diagnosis.removeLast() }
                facts.append(fact)
            } else if text.hasPrefix("[Status: "), let open = text.utf8.firstIndex(of: UInt8(ascii: "<")),
                let close = text[open...].utf8.firstIndex(of: UInt8(ascii: ">"))
            {
                var fact = DeliveryFacts()
                fact.recipient = String(text[text.index(after: open)..<close])
                fact.diagnosis = text
                facts.append(fact)
            } else if continued, !facts.isEmpty {
                facts[facts.count - 1].diagnosis += text
            }
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses(reasons: Self.messages)
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
