import ByteText

/// Verizon Wireless (vtext.com / vzwpix.com) notices.
struct VerizonFormat: Recogniser {
    let name = "Verizon"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.received.contains(where: { $0.containsBytes(".vtext.com (") })
        else { return nil }
        let from = document.from
        let sms = from == "post_master@vtext.com"
        guard sms || from.containsBytes("sysadmin@") && from.containsBytes(".vzwpix.com") else { return nil }
        var facts = [DeliveryFacts]()
        var pendingError = ""
        var reading = false
        for line in document.report {
            let text = ReportText.string(line)
            if line.hasPrefixBytes(BounceDocument.originalMarker) { break }
            if !reading {
                reading =
                    sms ? text.hasPrefix("Error:") : text.containsBytes("Message could not be delivered to mobile")
                continue
            }
            let trimmed = text.trimmingCharactersBlank()
            if sms, text.first == " " || text.first == "\t", trimmed.hasPrefix("RCPT TO: ") {
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(String(trimmed.dropFirst(9)))
                facts.append(fact)
            } else if !sms, text.hasPrefix("To:"), trimmed.containsBytes("@") {
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(String(trimmed.dropFirst(3)))
                fact.diagnosis = pendingError
                facts.append(fact)
            } else if !sms, facts.isEmpty, text.hasPrefix("Error:") {
                pendingError = trimmed
            } else if !facts.isEmpty {
                let bytes = Array(trimmed.utf8)
                if sms, bytes.count > 6, ASCII.isDigit(bytes[0]), ASCII.isDigit(bytes[1]), ASCII.isDigit(bytes[2]),
                    trimmed.containsBytes(" - ")
                {
                    facts[facts.count - 1].diagnosis = trimmed
                } else if !sms, trimmed.hasPrefix("Error:") {
                    facts[facts.count - 1].diagnosis = trimmed
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            let text = facts[index].diagnosis
            if text.containsBytes("550 - Requested action not taken: no such user here")
                || text.containsBytes("No valid recipients for this MM")
            {
                facts[index].reason = "userunknown"
            }
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
