import ByteText
import Foundation

/// Microsoft Exchange 2000/2003 non-delivery reports ("Your message did not reach …", MSEXCH codes).
struct Exchange2003Format: Recogniser {
    private static let receivedMark = Array(" with Internet Mail Service (".utf8)

    let name = "Exchange2003"
    /// Data: MSEXCH diagnostic codes and their reasons.
    private static let codes: [(String, [String])] = [
        ("onhold", ["000B099C", "000B09AA", "000B09B6"]), ("userunknown", ["000C05A6"]),
        ("systemerror", ["00010256", "000D06B5"]), ("networkerror", ["00120270"]),
        ("contenterror", ["00050311", "000502CC"]), ("securityerror", ["000B0981"]), ("filtered", ["000C0595"]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        var matched = document.headers.has("x-ms-embedded-report")
        let mailer = document.headers.text("x-mailer") ?? ""
        if mailer.hasPrefix("Internet Mail Service (")
            || mailer.hasPrefix("Microsoft Exchange Server Internet Mail Connector")
        {
            matched = true
        }
        if (document.headers.text("x-mimeole") ?? "").hasPrefix("Produced By Microsoft Exchange") { matched = true }
        if document.headers.all("received").contains(where: {
            ByteSearch.contains($0, Self.receivedMark)
        }) {
            matched = true
        }
        guard matched else { return nil }
        let (head, _) = ReportText.split(document.report, at: ["Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        var others = [String]()
        var exchangeSeen = [Bool]()
        var reading = false
        var statusPart = false
        var connection = (to: "", subject: "", date: "")
        for line in head {
            let text = ReportText.string(line)
            if !reading {
                if text.hasPrefix("Your message") { reading = true }
                continue
            }
            if statusPart { continue }
            let trimmed = text.trimmingCharactersBlank()
            if connection.to.isEmpty || connection.subject.isEmpty || connection.date.isEmpty {
                if text.first == " " || text.first == "\t" {
                    if trimmed.hasPrefix("To:") && connection.to.isEmpty {
                        connection.to = trimmed.dropFirst(3).trimmingCharactersBlank()
                    }
                    if trimmed.hasPrefix("Subject:") && connection.subject.isEmpty {
                        connection.subject = trimmed.dropFirst(8).trimmingCharactersBlank()
                    }
                    if trimmed.hasPrefix("Sent:") && connection.date.isEmpty {
                        connection.date = trimmed.dropFirst(5).trimmingCharactersBlank()
                    }
                }
                continue
            }
            if let address = Self.recipient(trimmed) {
                var fact = DeliveryFacts()
                fact.recipient = address
                facts.append(fact)
                others.append("")
                exchangeSeen.append(false)
            } else if !facts.isEmpty, text.first == " " || text.first == "\t", trimmed.hasPrefix("MSEXCH:") {
                facts[facts.count - 1].diagnosis += trimmed
            } else if !facts.isEmpty {
                if exchangeSeen[facts.count - 1] { continue }
                if facts[facts.count - 1].diagnosis.hasPrefix("MSEXCH:") {
                    exchangeSeen[facts.count - 1] = true
                    facts[facts.count - 1].diagnosis += " " + text
                    statusPart = true
                } else {
                    others[facts.count - 1] += " " + text
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            var fact = facts[index]
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            if fact.diagnosis.hasPrefix("MSEXCH:"), let open = fact.diagnosis.rangeOfBytes("("),
                let close = fact.diagnosis[open.upperBound...].rangeOfBytes(")")
            {
                let code = String(fact.diagnosis[open.upperBound..<close.lowerBound])
                if let match = Self.codes.first(where: { $0.1.contains(code) }) { fact.reason = match.0 }
                fact.diagnosis = fact.diagnosis[close.upperBound...].trimmingCharactersBlank()
            }
            if fact.reason.isEmpty && !others[index].isEmpty {
                fact.diagnosis = TextTools.sweep(others[index] + " " + fact.diagnosis)
            }
            facts[index] = fact
        }
        var original = document.original
        if original == nil {
            original = HeaderBlock.parse(
                bytes: Array("From: \(connection.to)\nDate: \(connection.date)\nSubject: \(connection.subject)\n".utf8))
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }

    /// "user@example.jp on Thu, …" or "Name (SMTP=user@example.jp) on …".
    private static func recipient(_ text: String) -> String? {
        guard let on = text.rangeOfBytes(" on") else { return nil }
        let before = text[..<on.lowerBound]
        if let smtp = before.rangeOfBytes("SMTP=") ?? before.rangeOfBytes("smtp=") {
            let address = String(before[smtp.upperBound...]).trimming(")")
            return address.containsBytes("@") && !address.containsBytes(" ") ? address : nil
        }
        let token = String(before)
        return token.containsBytes("@") && !token.containsBytes(" ") ? token : nil
    }
}
