import ByteText
import Foundation

/// 1&1 (GMX/web.de family) bounces.
struct EinsUndEinsFormat: Recogniser {
    let name = "EinsUndEins"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.fromHeader.hasPrefix("\"Mail Delivery System\""),
            document.subject == "Mail delivery failed: returning message to sender"
        else { return nil }
        let (head, _) = ReportText.split(
            document.report,
            at: [
                "--- The header of the original message is following. ---", "Content-Type: message/rfc822",
            ])
        var facts = [DeliveryFacts]()
        var others = [String]()
        for (_, text) in ReportText.lines(
            of: head, after: "This message was created automatically by mail delivery software")
        {
            let candidate = text.hasSuffix(":") ? String(text.dropLast()) : text
            if candidate.containsBytes("@"), !candidate.containsBytes(" ") {
                var fact = DeliveryFacts()
                fact.recipient = candidate
                facts.append(fact)
                others.append("")
            } else if !facts.isEmpty {
                if text.hasPrefix("For the following reason:") {
                    facts[facts.count - 1].diagnosis = text
                } else if !facts[facts.count - 1].diagnosis.isEmpty {
                    facts[facts.count - 1].diagnosis += " " + text
                } else {
                    others[others.count - 1] += " " + text
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            var fact = facts[index]
            if fact.diagnosis.isEmpty { fact.diagnosis = others[index] }
            if let host = fact.diagnosis.rangeOfBytes("host: "), fact.diagnosis.containsBytes("reason:") {
                fact.remoteMTA = String(fact.diagnosis[host.upperBound...].prefix { $0 != " " })
                if fact.diagnosis.containsBytes("for TEXT command") { fact.command = "DATA" }
                if fact.diagnosis.containsBytes("SMTP error") { fact.spec = "SMTP" }
                fact.status = StatusCode.find(fact.diagnosis)
            } else {
                fact.diagnosis = fact.diagnosis.replacingAll("For the following reason:", with: "")
            }
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            if fact.diagnosis.containsBytes("Mail size limit exceeded") { fact.reason = "mesgtoobig" }
            facts[index] = fact
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
