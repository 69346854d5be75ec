import ByteText

/// Reads an SMTP session transcript ("In: RCPT TO:<…>" / "Out: 550 …") into recipients.
enum SessionTranscript {
    /// Extracts recipients from a transcript whose lines start with `In:` (client) and `Out:` (server).
    static func extract(_ document: BounceDocument, recogniser: String) -> Extraction? {
        var facts = [DeliveryFacts]()
        var current = DeliveryFacts()
        var lastCommand = ""
        var lastArgument = ""
        var mailFrom = ""
        for line in document.report {
            let text = ReportText.string(line).trimmingCharactersBlank()
            if text.hasPrefix("In:") {
                let command = text.dropFirst(3).trimmingCharactersBlank()
                let upper = command.uppercased()
                lastCommand = String(upper.prefix(4))
                lastArgument = ""
                if upper.hasPrefix("RCPT TO:") || upper.hasPrefix("MAIL FROM:") {
                    lastArgument = AddressText.clean(
                        String(
                            command[command.index(command.startIndex, offsetBy: upper.hasPrefix("RCPT") ? 8 : 10)...]))
                }
                if lastCommand == "MAIL" { mailFrom = lastArgument }
                if lastCommand == "RCPT" {
                    if !current.recipient.isEmpty { facts.append(current) }
                    current = DeliveryFacts()
                    current.recipient = lastArgument
                }
                if lastCommand == "EHLO" || lastCommand == "HELO" {
                    current.reportingMTA = String(command.dropFirst(5))
                }
            } else if text.hasPrefix("Out:") {
                let response = text.dropFirst(4).trimmingCharactersBlank()
                guard let code = Int(response.prefix(3)), code >= 400 else { continue }
                if current.diagnosis.isEmpty { current.diagnosis = response }
                if current.command.isEmpty { current.command = lastCommand }
                if current.replyCode.isEmpty { current.replyCode = String(response.prefix(3)) }
            }
        }
        if !current.recipient.isEmpty { facts.append(current) }
        _ = mailFrom
        guard !facts.isEmpty else { return nil }
        return Extraction(facts: facts, kind: .vendor, recogniser: recogniser, original: nil)
    }
}
