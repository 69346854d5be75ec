import ByteText
import Foundation

/// Ipswitch IMail Server notices ("Undeliverable Mail").
struct IMailServerFormat: Recogniser {
    let name = "IMailServer"
    private static let commands: [(String, [String])] = [
        ("CONN", ["SMTP connection failed,", "Unexpected connection response from server:"]),
        ("EHLO", ["Unexpected response to EHLO/HELO:"]), ("MAIL", ["Server response to MAIL FROM:"]),
        ("RCPT", ["Additional RCPT TO generated following response:"]), ("DATA", ["DATA command generated response:"]),
    ]
    private static let failures: [(String, String, Bool)] = [
        ("hostunknown", "Unknown host", false), ("userunknown", "Unknown user", true),
        ("userunknown", "Invalid final delivery userid", true),
        ("mailboxfull", "User mailbox exceeds allowed size", true),
        ("virusdetected", "Requested action not taken: virus detected", true), ("undefined", "undeliverable to", true),
        ("expired", "Delivery failed ", true),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        let subjectMatches = document.subject.trimmingCharactersBlank() == "Undeliverable Mail"
        guard subjectMatches || document.mailer.hasPrefix("<SMTP32 v") else { return nil }
        let (head, _) = ReportText.split(
            document.report, at: ["Original message follows.", "Content-Type: message/rfc822"])
        var facts = [DeliveryFacts]()
        var others = [String]()
        for line in head where !line.isEmpty {
            let text = ReportText.string(line)
            if text.hasPrefix("undeliverable to ") {
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(String(text.dropFirst(17)))
                facts.append(fact)
                others.append("")
            } else if let colon = text.range(of: ":", options: .backwards), text.first != " ",
                let address = Optional(text[colon.upperBound...].trimmingCharactersBlank()), address.containsBytes("@"),
                !address.containsBytes(" "), text[..<colon.lowerBound].containsBytes(" ")
            {
                var fact = DeliveryFacts()
                fact.diagnosis = String(text[..<colon.lowerBound])
                fact.recipient = address
                facts.append(fact)
                others.append("")
            } else if !facts.isEmpty {
                if text.containsBytes("Body of message generated response:") {
                    others[others.count - 1] = text
                } else if !others[others.count - 1].isEmpty {
                    others[others.count - 1] += " " + text
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            var fact = facts[index]
            if !others[index].isEmpty { fact.diagnosis = others[index] + " " + fact.diagnosis }
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            fact.command = Self.commands.first { $0.1.contains { fact.diagnosis.containsBytes($0) } }?.0 ?? ""
            for (reason, phrase, anchored) in Self.failures {
                if anchored ? fact.diagnosis.hasPrefix(phrase) : fact.diagnosis.containsBytes(phrase) {
                    fact.reason = reason
                    break
                }
            }
            facts[index] = fact
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
