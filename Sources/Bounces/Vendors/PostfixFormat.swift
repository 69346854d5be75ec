import ByteText
import Foundation

/// Postfix bounces: "The mail system" text with per-recipient SMTP replies, plus a DSN part.
struct PostfixFormat: Recogniser {
    let name = "Postfix"
    private static let starts: [[String]] = [
        ["The ", "Postfix "], ["The ", "mail system"], ["The ", "program"], ["This is the", "Postfix"],
        ["This is the", "mail system"],
    ]

    private static let startBytes = starts.map { $0.map { Array($0.utf8) } }

    func extract(_ document: BounceDocument) -> Extraction? {
        guard !document.headers.has("x-aol-ip") else { return nil }
        if let range = document.subject.rangeOfBytes("SMTP server: errors from "),
            range.lowerBound > document.subject.startIndex
        {
            return SessionTranscript.extract(document, recogniser: name)
        }
        guard document.subject == "Undelivered Mail Returned to Sender" else { return nil }
        let (head, tail) = ReportText.split(document.report, at: ReportText.standardBoundaries)
        var collector = FieldCollector()
        collector.postfixSpec = true
        var reading = false
        var commands = [String]()
        var otherRecipient = ""
        var otherDiagnosis = ""
        var unavailable = false
        for line in head {
            if !reading {
                if Self.startBytes.contains(where: { ByteSearch.containsInOrder(line, $0) }) { reading = true }
                continue
            }
            if line.isEmpty { continue }
            if collector.consume(line) { continue }
            let text = ReportText.string(line)
            if text.hasPrefix("X-Postfix-Sender:") { continue }
            if text.containsBytes("(in reply to ") || text.containsBytes("command)") {
                let command = SMTPCommand.find(text)
                if !command.isEmpty { commands.append(command) }
                if !otherDiagnosis.isEmpty { otherDiagnosis += " " + text }
            } else if TextTools.aligned(text, ["<", "@", ">", "(expanded from <", "):"]) {
                otherRecipient = AddressText.clean(TextTools.select(text, from: "<", to: ">"))
                if let range = text.rangeOfBytes(">): ") { otherDiagnosis = String(text[range.upperBound...]) }
            } else if text.hasPrefix("<"), TextTools.aligned(text, ["<", "@", ">:"]),
                let close = text.rangeOfBytes(">:")
            {
                otherRecipient = AddressText.clean(String(text[..<close.lowerBound]))
                otherDiagnosis = String(text[close.upperBound...])
            } else if text.containsBytes("--- Delivery report unavailable ---") {
                unavailable = true
            } else if !otherDiagnosis.isEmpty, text.hasPrefix("    ") {
                otherDiagnosis += " " + text.trimmingCharactersBlank()
            }
        }
        let original = document.original ?? ReportText.originalHeaders(tail)
        if collector.recipients == 0 {
            if !otherRecipient.isEmpty {
                collector.startRecipient(otherRecipient)
            } else if unavailable, let to = original?.text("to") {
                collector.startRecipient(AddressText.clean(to))
            }
        }
        guard collector.recipients > 0 else { return nil }
        var facts = collector.finish()
        let other = TextTools.sweep(otherDiagnosis)
        for index in facts.indices {
            var fact = facts[index]
            if !other.isEmpty {
                if fact.diagnosis.isEmpty { fact.diagnosis = other }
                if TextTools.isNumeric(fact.diagnosis) {
                    fact.diagnosis = other
                } else {
                    var foundStatus = ""
                    var foundReply = ""
                    if fact.status.isEmpty || fact.status.hasSuffix(".0.0") {
                        foundStatus = StatusCode.find(other)
                        if !foundStatus.isEmpty && !foundStatus.hasSuffix(".0.0") { fact.status = foundStatus }
                    }
                    if fact.replyCode.isEmpty || fact.replyCode.hasSuffix("00") {
                        foundReply = ReplyCode.find(other)
                        if !foundReply.isEmpty && !foundReply.hasSuffix("00") { fact.replyCode = foundReply }
                    }
                    if !(foundStatus + foundReply).isEmpty, other.utf8.count >= fact.diagnosis.utf8.count,
                        other.containsBytes(fact.diagnosis)
                    {
                        fact.diagnosis = other
                    }
                }
            }
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            if let first = commands.first {
                fact.command = first
            } else {
                fact.command = SMTPCommand.find(fact.diagnosis)
                if fact.command.isEmpty && fact.diagnosis.containsBytes("refused to talk to me:") {
                    fact.command = "HELO"
                }
            }
            if fact.spec.isEmpty && TextTools.aligned(fact.diagnosis, ["host ", " said:"]) { fact.spec = "SMTP" }
            facts[index] = fact
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }
}
