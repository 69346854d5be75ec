import ByteText
import Foundation

/// An unnamed MTA ("X6"): "There was an error sending your mail".
struct X6Format: Recogniser {
    let name = "X6"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.subject.hasPrefix("There was an error sending your mail") else { return nil }
        var facts = [DeliveryFacts]()
        var reading = false
        for line in document.report {
            let text = ReportText.string(line)
            if text.hasPrefix("The attachment contains the original mail headers")
                || line.hasPrefixBytes(BounceDocument.originalMarker)
            {
                break
            }
            if !reading {
                let digits = text.prefix { $0.isASCIIDigitChar }
                if !digits.isEmpty, text.dropFirst(digits.count).trimmingCharactersBlank().hasPrefix("error(s):") {
                    reading = true
                }
                continue
            }
            if line.isEmpty { continue }
            var address = ""
            if let open = text.utf8.firstIndex(of: UInt8(ascii: "<")),
                let close = text[open...].utf8.firstIndex(of: UInt8(ascii: ">")),
                text[open..<close].containsBytes("@")
            {
                address = String(text[text.index(after: open)..<close])
            } else if let range = text.rangeOfBytes("errors:") {
                address = String(text[range.upperBound...].trimmingCharactersBlank().prefix { $0 != " " })
            }
            guard address.containsBytes("@") else { continue }
            var fact = DeliveryFacts()
            fact.recipient = address
            fact.diagnosis = text
            for command in ["HELO", "EHLO", "MAIL", "RCPT", "DATA"] where text.containsBytes(command) {
                fact.command = command
                break
            }
            facts.append(fact)
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses()
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
