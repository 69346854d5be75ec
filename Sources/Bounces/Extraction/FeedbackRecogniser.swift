import ByteText

/// Reads abuse / feedback reports (ARF, RFC 5965) into `feedback` recipients with their feedback type.
struct FeedbackRecogniser: Recogniser {
    let name = "ARF"

    /// True when the message is a feedback report.
    static func isFeedback(_ document: BounceDocument) -> Bool {
        let contentType = document.headers.lowered("content-type")
        if contentType.containsBytes("report-type=feedback-report")
            || contentType.containsBytes("report-type=\"feedback-report\"")
        {
            return true
        }
        if document.hasFeedbackPart { return true }
        // Apple Mail's one-click unsubscribe notice is an opt-out report.
        if document.header("x-apple-unsubscribe") == "true" { return true }
        if contentType.hasPrefix("multipart/mixed"),
            document.from.containsBytes("staff@hotmail.com")
                || document.from.containsBytes("complaints@email-abuse.amazonses.com"),
            document.subject.lowercased().containsBytes("complaint about message from ")
        {
            return true
        }
        return false
    }

    func extract(_ document: BounceDocument) -> Extraction? {
        guard Self.isFeedback(document) else { return nil }
        // What the report says once for all its recipients; `diagnosis` collects the summary line.
        var shared = DeliveryFacts(reason: "feedback")
        var recipients = [String]()
        var authResults = ""
        var inReport = false
        for line in document.report {
            let text = ReportText.string(line)
            if shared.diagnosis.isEmpty, Self.isSummaryLine(text) { shared.diagnosis = text }
            if line.hasPrefixBytes(BounceDocument.feedbackMarker) {
                inReport = true
                continue
            }
            if line.hasPrefixBytes(BounceDocument.originalMarker) { inReport = false }
            guard inReport, let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let field = String(text[..<colon]).asciiLowercased
            let value = text[text.index(after: colon)...].trimmingCharactersBlank()
            switch field {
            case "original-rcpt-to", "redacted-address":
                // A redacted address keeps only part of the local part ("redacted@"); the
                // original's To: then names the full address.
                let address = AddressText.clean(value)
                if AddressText.isEmailAddress(address) { recipients.append(address) }
            case "feedback-type": shared.feedbackType = value.split(separator: " ").first.map(String.init) ?? value
            case "reporting-mta":
                shared.reportingMTA =
                    value.split(separator: ";").last.map { String($0).trimmingCharactersBlank() } ?? value
            case "source-ip": shared.remoteMTA = value
            case "authentication-results": authResults = value
            default: break
            }
        }
        if let original = document.original {
            if let hotmail = original.text("x-hmxmroriginalrecipient") {
                recipients.append(AddressText.clean(hotmail))
                if shared.feedbackType.isEmpty { shared.feedbackType = "abuse" }
            }
            if recipients.isEmpty, let to = original.text("to"), AddressText.isEmailAddress(AddressText.clean(to)) {
                recipients.append(AddressText.clean(to))
            }
        }
        if recipients.isEmpty, document.header("x-apple-unsubscribe") == "true",
            let from = document.headers.text("from")
        {
            recipients.append(AddressText.clean(from))
            if shared.feedbackType.isEmpty { shared.feedbackType = "opt-out" }
            if shared.diagnosis.isEmpty {
                shared.diagnosis = document.report.first { !$0.isBlankLine }.map(ReportText.string) ?? ""
            }
        }
        if recipients.isEmpty { recipients.append("undisclosed-recipient@undisclosed.invalid") }
        if shared.feedbackType == "auth-failure" && !authResults.isEmpty { shared.diagnosis += " " + authResults }
        shared.diagnosis = TextTools.sweep(shared.diagnosis)
        let facts = recipients.map { recipient in
            var fact = shared
            fact.recipient = recipient
            return fact
        }
        return Extraction(facts: facts, kind: .feedback, recogniser: name, original: nil)
    }

    private static func isSummaryLine(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard lowered.hasPrefix("this is ") else { return false }
        return lowered.containsBytes("abuse report") || lowered.containsBytes("abuse complaint")
            || lowered.containsBytes("authentication-failure report")
            || lowered.containsBytes("authentication failure report")
            || lowered.containsBytes(" report for")
    }
}
