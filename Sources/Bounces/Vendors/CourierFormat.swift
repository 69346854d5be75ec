import ByteText

/// Courier MTA notices ("UNDELIVERABLE MAIL", "DELAYS IN DELIVERING YOUR MESSAGE").
struct CourierFormat: Recogniser {
    let name = "Courier"
    private static let messages: [(String, [String])] = [
        ("hostunknown", ["No such domain."]), ("systemerror", ["This domain's DNS violates RFC 1035."]),
        ("networkerror", ["DNS lookup failed."]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        let from = document.fromHeader
        let messageID = document.messageID
        guard
            from.containsBytes("Courier mail server at ")
                || document.subject.containsBytes("NOTICE: mail delivery status.")
                || document.subject.containsBytes("WARNING: delayed mail.") || messageID.hasPrefix("<courier.")
        else { return nil }
        let (head, _) = ReportText.split(document.report, at: ReportText.standardBoundaries)
        var collector = FieldCollector()
        var command = ""
        for (line, text) in ReportText.lines(
            of: head,
            after: { text in
                text.containsBytes("DELAYS IN DELIVERING YOUR MESSAGE") || text.containsBytes("UNDELIVERABLE MAIL")
            })
        {
            if collector.consume(line) { continue }
            if text.hasPrefix(">>>") {
                let word = text.dropFirst(3).trimmingCharactersBlank().prefix(4)
                if command.isEmpty, word.count == 4, word.allSatisfy(\.isUppercase) { command = String(word) }
            }
        }
        guard collector.recipients > 0 else { return nil }
        var facts = collector.finish()
        for index in facts.indices {
            facts[index].diagnosis = TextTools.sweep(facts[index].diagnosis)
            if let match = Self.messages.first(where: { $0.1.contains { facts[index].diagnosis.containsBytes($0) } }) {
                facts[index].reason = match.0
            }
            if facts[index].command.isEmpty { facts[index].command = command }
        }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
