import ByteText

/// KDDI / au one net (dion.ne.jp) bounces ("Could not be delivered to: <…>").
struct KDDIFormat: Recogniser {
    let name = "KDDI"
    private static let messages: [(String, [String])] = [
        ("mailboxfull", ["As their mailbox is full"]), ("norelaying", ["Due to the following SMTP relay error"]),
        ("hostunknown", ["As the remote domain doesnt exist"]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        let from = document.from
        let received = document.received
        let matched =
            (from.containsBytes("no-reply@") && from.containsBytes(".dion.ne.jp"))
            || document.header("reply-to") == "no-reply@app.auone-net.jp"
            || received.contains { $0.containsBytes("ezweb.ne.jp (") || $0.containsBytes(".au.com (") }
        guard matched else { return nil }
        let (head, _) = ReportText.split(document.report, at: ["Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        var reading = false
        for line in head {
            let text = ReportText.string(line)
            if !reading {
                if text.hasPrefix("Your mail sent on") || text.hasPrefix("Your mail attempted to be delivered on") {
                    reading = true
                } else {
                    continue
                }
            }
            if line.isEmpty { continue }
            let trimmed = text.trimmingCharactersBlank()
            if text.first == " ", trimmed.hasPrefix("Could not be delivered to: <") {
                let address = AddressText.clean(TextTools.select(trimmed, from: "<", to: ">"))
                guard AddressText.isEmailAddress(address) else { continue }
                var fact = DeliveryFacts()
                fact.recipient = address
                facts.append(fact)
            } else if text.first == " ", !facts.isEmpty {
                facts[facts.count - 1].diagnosis += text + " "
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            if document.header("x-spasign") == "ng" {
                facts[index].reason = "filtered"
            } else if let match = Self.messages.first(where: {
                $0.1.contains { facts[index].diagnosis.containsBytes($0) }
            }) {
                facts[index].reason = match.0
            }
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
