import ByteText
import Foundation

/// Trend Micro InterScan MSS notices.
struct InterScanFormat: Recogniser {
    let name = "InterScanMSS"
    private static let subjects = ["Mail could not be delivered", "メッセージを配信できません。", "メール配信に失敗しました"]

    func extract(_ document: BounceDocument) -> Extraction? {
        let from = document.fromHeader
        guard
            from.hasPrefix("\"InterScan MSS\"") || from.hasPrefix("\"InterScan Notification\"")
                || Self.subjects.contains(document.subject)
        else { return nil }
        let (head, _) = ReportText.split(
            document.report, at: ["Content-Type: message/rfc822", "Content-type: message/rfc822"])
        var facts = [DeliveryFacts]()
        for line in head where !line.isEmpty {
            let text = ReportText.string(line)
            var address = ""
            if text.containsBytes("<<<") || text.containsBytes(">>>"),
                let open = text.utf8.lastIndex(of: UInt8(ascii: "<")),
                let close = text[open...].utf8.firstIndex(of: UInt8(ascii: ">")), text[open..<close].containsBytes("@")
            {
                address = String(text[text.index(after: open)..<close])
            } else if let range = text.rangeOfBytes("Unable to deliver message to <") {
                address = String(text[range.upperBound...].prefix { $0 != ">" })
            }
            if !address.isEmpty {
                if facts.last?.recipient != address {
                    var fact = DeliveryFacts()
                    fact.recipient = address
                    facts.append(fact)
                }
                if text.containsBytes("Unable to deliver ") { facts[facts.count - 1].diagnosis = text }
            }
            guard !facts.isEmpty else { continue }
            if text.hasPrefix("Sent"), let range = text.rangeOfBytes("<<< ") {
                facts[facts.count - 1].command = String(text[range.upperBound...].prefix(4))
            } else if text.hasPrefix("Received"), let range = text.rangeOfBytes(">>> ") {
                facts[facts.count - 1].diagnosis = String(text[range.upperBound...])
            } else if text.containsBytes(" >>> ") || text.containsBytes(" <<< ") {
                if let range = text.rangeOfBytes(" >>> ") {
                    facts[facts.count - 1].command = String(text[range.upperBound...].prefix(4))
                }
                if let range = text.rangeOfBytes(" <<< ") {
                    facts[facts.count - 1].diagnosis = String(text[range.upperBound...])
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            if facts[index].diagnosis.containsBytes("Unable to deliver") { facts[index].reason = "userunknown" }
            if !SMTPCommand.isValid(facts[index].command) { facts[index].command = "" }
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
