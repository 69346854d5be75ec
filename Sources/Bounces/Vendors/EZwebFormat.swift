import ByteText
import Foundation

/// au by KDDI (EZweb) bounces.
struct EZwebFormat: Recogniser {
    let name = "EZweb"
    private static let messages: [(String, [String])] = [
        ("expired", ["Your message was not delivered within "]),
        ("mailboxfull", ["The user(s) account is temporarily over quota"]),
        ("onhold", ["Each of the following recipients was rejected by a remote mail server"]),
        ("suspend", ["The user(s) account is disabled.", "The user(s) account is temporarily limited."]),
    ]
    private static let starts = ["The user(s) ", "Your message ", "Each of the following", "<"]

    func extract(_ document: BounceDocument) -> Extraction? {
        var score = 0
        let from = document.fromHeader
        if from.containsBytes("Postmaster@ezweb.ne.jp") { score += 1 }
        if from.containsBytes("Postmaster@au.com") { score += 1 }
        if document.subject == "Mail System Error - Returned Mail" { score += 1 }
        let received = document.received
        if received.contains(where: {
            $0.containsBytes("ezweb.ne.jp (EZweb Mail) with") || $0.containsBytes(".au.com (")
        }) {
            score += 1
        }
        let messageID = document.messageID
        if messageID.containsBytes(".ezweb.ne.jp>") { score += 1 }
        if messageID.containsBytes(".au.com>") { score += 1 }
        guard score >= 2 else { return nil }

        var lines = document.report[...]
        if let cut = lines.firstIndex(where: { line in
            (line.count >= 50 && line.prefix(50).allSatisfy { $0 == ASCII.hyphen })
                || line.hasPrefixBytes(BounceDocument.originalMarker)
        }) {
            lines = lines[..<cut]
        }
        var facts = [DeliveryFacts()]
        var recipients = 0
        var reading = false
        for line in lines {
            let text = ReportText.string(line)
            if !reading, Self.starts.contains(where: { text.hasPrefix($0) }) { reading = true }
            if !reading || line.isEmpty { continue }
            let recipientIndex =
                text.rangeOfBytes("Recipient: <").map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? -1
            if TextTools.aligned(text, ["<", "@", ">"]) && (recipientIndex > 1 || text.hasPrefix("<")) {
                if !facts[facts.count - 1].recipient.isEmpty { facts.append(DeliveryFacts()) }
                facts[facts.count - 1].recipient = AddressText.clean(TextTools.select(text, from: "<", to: ">"))
                facts[facts.count - 1].diagnosis += " " + text
                recipients += 1
            } else if let field = DSNField.parse(line) {
                if !field.name.isAddress { facts[facts.count - 1].set(field: field.name, field.value) }
            } else {
                if line.contains(where: { $0 >= 0x80 }) { continue }
                if text.containsBytes(" >>> ") { facts[facts.count - 1].command = SMTPCommand.find(text) }
                facts[facts.count - 1].diagnosis += " " + text
            }
        }
        guard recipients > 0 else { return nil }
        facts = facts.filter { !$0.recipient.isEmpty }
        for index in facts.indices {
            var fact = facts[index]
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            if fact.command.isEmpty { fact.command = SMTPCommand.find(fact.diagnosis) }
            if document.header("x-spasign") == "ng" {
                fact.reason = "filtered"
            } else if let match = Self.messages.first(where: { $0.1.contains { fact.diagnosis.containsBytes($0) } }) {
                fact.reason = match.0
            }
            if fact.reason.isEmpty, !fact.recipient.containsBytes("@ezweb.ne.jp"),
                !fact.recipient.containsBytes("@au.com"),
                fact.diagnosis.hasPrefix("<")
            {
                fact.reason = "userunknown"
            }
            facts[index] = fact
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
