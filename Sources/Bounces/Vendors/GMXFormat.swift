import ByteText

/// GMX bounces ("This message was created automatically by mail delivery software").
struct GMXFormat: Recogniser {
    let name = "GMX"
    private static let messages: [(String, [String])] = [("expired", ["delivery retry timeout exceeded"])]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.headers.has("x-gmx-antispam") else { return nil }
        let (head, _) = ReportText.split(
            document.report,
            at: [
                "--- The header of the original message is following. ---", "Content-Type: message/rfc822",
            ])
        var facts = [DeliveryFacts]()
        for (_, text) in ReportText.lines(
            of: head, after: "This message was created automatically by mail delivery software")
        {
            if (text.hasPrefix("\"") && text.hasSuffix("\":")) || (text.hasPrefix("<") && text.hasSuffix(">")),
                text.containsBytes("@")
            {
                var fact = DeliveryFacts()
                fact.recipient = text.trimming("\"<>:")
                facts.append(fact)
                continue
            }
            guard !facts.isEmpty else { continue }
            if text.hasPrefix("SMTP error "), text.hasSuffix(" command:") {
                facts[facts.count - 1].command = SMTPCommand.find(text)
            } else if text.hasPrefix("host:") {
                facts[facts.count - 1].remoteMTA = text.dropFirst(5).trimmingCharactersBlank()
            } else if !StatusCode.find(text).isEmpty || !ReplyCode.find(text).isEmpty
                || (text.containsBytes("<") && text.containsBytes("@"))
            {
                if facts[facts.count - 1].diagnosis.isEmpty { facts[facts.count - 1].diagnosis = text }
            } else if text == "Reason:" || facts[facts.count - 1].diagnosis == "Reason:" {
                facts[facts.count - 1].diagnosis = text
            }
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses(reasons: Self.messages)
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
