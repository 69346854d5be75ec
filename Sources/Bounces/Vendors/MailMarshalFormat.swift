import ByteText

/// Trustwave MailMarshal SMTP notices ("Undeliverable Mail: \"…\"").
struct MailMarshalFormat: Recogniser {
    let name = "MailMarshalSMTP"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.subject.hasPrefix("Undeliverable Mail: \"") else { return nil }
        var facts = [DeliveryFacts()]
        var reading = false
        var errorEnded = false
        for line in document.report {
            let text = ReportText.string(line)
            if line.hasPrefixBytes(BounceDocument.originalMarker) { break }
            if !reading, text.hasPrefix("Your message:") { reading = true }
            guard reading else { continue }
            let trimmed = text.trimmingCharactersBlank()
            if text.hasPrefix("    "), trimmed.containsBytes("@"), !trimmed.containsBytes(" ") {
                if !facts[facts.count - 1].recipient.isEmpty { facts.append(DeliveryFacts()) }
                facts[facts.count - 1].recipient = trimmed
            } else if text == "Could not be delivered because of" {
                facts[facts.count - 1].diagnosis = text
            } else if !facts[facts.count - 1].diagnosis.isEmpty && !errorEnded {
                if text.hasPrefix("The following recipients were affected:") {
                    errorEnded = true
                    continue
                }
                facts[facts.count - 1].diagnosis += " " + text
            } else if text.hasPrefix("Reporting-MTA:") {
                facts[facts.count - 1].remoteMTA = text.dropFirst(14).trimmingCharactersBlank().trimming("<>")
            }
        }
        facts = facts.filter { !$0.recipient.isEmpty }
        guard !facts.isEmpty else { return nil }
        let diagnosis = TextTools.sweep(facts.first { !$0.diagnosis.isEmpty }?.diagnosis ?? "")
        for index in facts.indices {
            facts[index].diagnosis =
                facts[index].diagnosis.isEmpty ? diagnosis : TextTools.sweep(facts[index].diagnosis)
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
