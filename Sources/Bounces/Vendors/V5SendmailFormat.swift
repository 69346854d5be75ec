import ByteText
import Foundation

/// Sendmail version 5 bounces ("Returned mail: …" with "----- Transcript of session follows -----").
struct V5SendmailFormat: Recogniser {
    let name = "V5sendmail"

    func extract(_ document: BounceDocument) -> Extraction? {
        let subject = document.subject
        guard subject.hasPrefix("Returned mail: "), let next = subject.dropFirst(15).first, next.isUppercase else {
            return nil
        }
        var cut: Int?
        for (index, line) in document.report.enumerated() {
            let text = ReportText.string(line).trimmingCharactersBlank()
            if text.hasPrefix("----- Unsent message follows -----")
                || text.hasPrefix("----- No message was collected -----")
            {
                cut = index
                break
            }
        }
        guard let cut else { return nil }
        var facts = [DeliveryFacts]()
        // The reply and the command read before the recipient at each position (indexed by position).
        var responses = [String?]()
        var commands = [String?]()
        var other = ""
        var sessionError = false
        for (_, text) in ReportText.lines(
            of: document.report[..<cut],
            after: { text in text.containsBytes("----- Transcript of session follows -----") })
        {
            let bytes = Array(text.utf8)
            if bytes.count > 5, ASCII.isDigit(bytes[0]), ASCII.isDigit(bytes[1]), ASCII.isDigit(bytes[2]),
                let open = text.utf8.firstIndex(of: UInt8(ascii: "<")), let close = text.rangeOfBytes(">...")
            {
                var fact = DeliveryFacts()
                fact.recipient = String(text[text.index(after: open)..<close.lowerBound])
                fact.diagnosis = text[close.upperBound...].trimmingCharactersBlank()
                if let response = Self.entry(responses, facts.count) { fact.diagnosis += ": " + response }
                facts.append(fact)
            } else if text.hasPrefix(">>>") {
                Self.set(&commands, facts.count, String(text.dropFirst(3).trimmingCharactersBlank().prefix(4)))
            } else if text.hasPrefix("<<< ") {
                Self.set(&responses, facts.count, String(text.dropFirst(4)))
            } else if !sessionError {
                if text.hasPrefix(".") && text.containsBytes(" while talking to ") && text.hasSuffix(":") {
                    sessionError = true
                } else if bytes.count > 4, ASCII.isDigit(bytes[0]), let dots = text.rangeOfBytes("...") {
                    other = text[dots.upperBound...].trimmingCharactersBlank()
                }
            }
        }
        let original = ReportText.originalHeaders(document.report[(cut + 1)...])
        if facts.isEmpty, let to = original?.text("to") {
            var fact = DeliveryFacts()
            fact.recipient = AddressText.clean(to)
            facts.append(fact)
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            var fact = facts[index]
            fact.command = Self.entry(commands, index) ?? ""
            if fact.diagnosis.isEmpty { fact.diagnosis = other.isEmpty ? (Self.entry(responses, index) ?? "") : other }
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            if !AddressText.isEmailAddress(fact.recipient), let found = AddressText.first(in: fact.diagnosis) {
                fact.recipient = found
            }
            facts[index] = fact
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original ?? original)
    }

    /// Stores `value` at `position`, growing the list as needed.
    private static func set(_ list: inout [String?], _ position: Int, _ value: String) {
        while list.count <= position { list.append(nil) }
        list[position] = value
    }

    /// The value stored at `position`, if any.
    private static func entry(_ list: [String?], _ position: Int) -> String? {
        position < list.count ? list[position] : nil
    }
}
