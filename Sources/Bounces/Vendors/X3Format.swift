import ByteText

/// An unnamed MTA ("X3") whose notices start "This is an automatically generated Delivery Status Notification."
struct X3Format: Recogniser {
    let name = "X3"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.fromHeader.hasPrefix("Mail Delivery System"),
            document.subject.hasPrefix("Delivery status notification")
        else { return nil }
        let (head, _) = ReportText.split(document.report, at: ["Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        for (_, text) in ReportText.lines(
            of: head, after: "      This is an automatically generated Delivery Status Notification.")
        {
            let trimmed = text.trimmingCharactersBlank()
            if text.first == " ", trimmed.hasPrefix("* "), trimmed.containsBytes("@"),
                !trimmed.dropFirst(2).containsBytes(" ")
            {
                var fact = DeliveryFacts()
                fact.recipient = String(trimmed.dropFirst(2))
                facts.append(fact)
            } else if !facts.isEmpty {
                if text.hasPrefix("SMTP:"), let space = text.utf8.firstIndex(of: UInt8(ascii: " ")) {
                    facts[facts.count - 1].command = text[text.index(text.startIndex, offsetBy: 5)..<space].uppercased()
                    facts[facts.count - 1].diagnosis = String(text[text.index(after: space)...])
                } else if text.hasPrefix("Routing: ") {
                    facts[facts.count - 1].diagnosis = String(text.dropFirst(9))
                } else if text.hasPrefix("Diagnostic-Code: smtp; ") {
                    facts[facts.count - 1].diagnosis = String(text.dropFirst(23))
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            facts[index].status = StatusCode.find(facts[index].diagnosis)
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
