import ByteText

/// Sendmail bounces: "----- Transcript of session follows -----", ">>> / <<<" SMTP lines, and a DSN part.
struct SendmailFormat: Recogniser {
    let name = "Sendmail"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard !document.headers.has("x-aol-ip") else { return nil }
        let subject = document.subject
        guard subject.hasPrefix("Warning: ") || subject.hasSuffix("see transcript for details") else { return nil }
        let (head, tail) = ReportText.split(document.report, at: ReportText.standardBoundaries)
        var collector = FieldCollector()
        var reading = false
        var replies = [String]()
        var otherDiagnosis = ""
        var otherStatus = ""
        var sessionError = false
        var theCommand = ""
        for line in head {
            let text = ReportText.string(line)
            if !reading {
                if text.hasPrefix("   ----- Transcript of session follows -----") { reading = true }
                continue
            }
            if collector.consume(line) { continue }
            if text.hasPrefix(" ") { continue }
            if text.hasPrefix(">>> ") {
                if theCommand.isEmpty { theCommand = SMTPCommand.find(text) }
            } else if text.hasPrefix("<<< ") {
                let reply = String(text.dropFirst(4))
                if !replies.contains(reply) { replies.append(reply) }
            } else {
                if sessionError { continue }
                if text.hasPrefix("... while talking to ") {
                    sessionError = true
                    continue
                }
                if text.hasPrefix("<"), TextTools.aligned(text, ["@", ">.", " "]) {
                    if let space = text.utf8.firstIndex(of: UInt8(ascii: " ")) {
                        otherDiagnosis = String(text[text.index(after: space)...])
                    }
                } else {
                    let reply = ReplyCode.find(text)
                    let status = StatusCode.find(text)
                    if (reply + status).count > 7 {
                        otherStatus = status
                        otherDiagnosis += " " + text
                    } else if text.hasPrefix("Message: ") || text.hasPrefix("Warning: ") {
                        otherDiagnosis += " " + text
                    }
                }
            }
        }
        guard collector.recipients > 0 else { return nil }
        var facts = collector.finish()
        for index in facts.indices {
            var fact = facts[index]
            if !otherDiagnosis.isEmpty {
                if fact.diagnosis.hasPrefix(" ") || TextTools.isNumeric(fact.diagnosis) || fact.diagnosis.isEmpty {
                    fact.diagnosis = otherDiagnosis
                }
            }
            if !replies.isEmpty && collector.recipients == 1 {
                fact.diagnosis = replies.joined(separator: " ") + " " + fact.diagnosis
            }
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            if fact.command.isEmpty { fact.command = theCommand }
            if fact.command.isEmpty { fact.command = SMTPCommand.find(fact.diagnosis) }
            if fact.command.isEmpty && !replies.isEmpty { fact.command = "EHLO" }
            if !otherStatus.isEmpty && !StatusCode.isValid(fact.status) { fact.status = otherStatus }
            if fact.recipient.hasPrefix("@"), let address = AddressText.first(in: fact.diagnosis) {
                fact.recipient = address
            }
            facts[index] = fact
        }
        return Extraction(
            facts: facts, kind: .vendor, recogniser: name,
            original: document.original ?? ReportText.originalHeaders(tail))
    }
}
