import ByteText

/// Digital Arts m-FILTER notices.
struct MFilterFormat: Recogniser {
    let name = "mFILTER"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.mailer == "m-FILTER", document.subject == "failure notice" else { return nil }
        var facts = [DeliveryFacts]()
        var inCommand = false
        var reading = false
        for line in document.report {
            let text = ReportText.string(line)
            if text.hasPrefix("-------original message") || text.hasPrefix("-------original mail info")
                || line.hasPrefixBytes(BounceDocument.originalMarker)
            {
                break
            }
            let isAddress = text.containsBytes("@") && !text.containsBytes(" ") && AddressText.isEmailAddress(text)
            if !reading {
                if isAddress { reading = true } else { continue }
            }
            if line.isEmpty { continue }
            if isAddress {
                var fact = DeliveryFacts()
                fact.recipient = text
                facts.append(fact)
            } else if let first = text.utf8.first, text.utf8.count >= 4,
                text.utf8.prefix(4).allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }), first >= 0x41
            {
                if inCommand, !facts.isEmpty, facts[facts.count - 1].command.isEmpty {
                    facts[facts.count - 1].command = text
                }
            } else if text == "-------server message" {
                continue
            } else if text == "-------SMTP command" {
                inCommand = true
            } else if !text.hasPrefix("-"), !facts.isEmpty, facts[facts.count - 1].diagnosis.isEmpty {
                facts[facts.count - 1].diagnosis = text
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            facts[index].command = SMTPCommand.find(facts[index].command)
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
