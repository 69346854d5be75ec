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
        var facts = [DeliveryFacts]()
        var feedbackType = ""
        var reporter = ""
        var sourceIP = ""
        var summary = ""
        var authResults = ""
        var inReport = false
        for line in document.report {
            let text = ReportText.string(line)
            if summary.isEmpty, Self.isSummaryLine(text) { summary = text }
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
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(value)
                if AddressText.isEmailAddress(fact.recipient) { facts.append(fact) }
            case "feedback-type": feedbackType = value.split(separator: " ").first.map(String.init) ?? value
            case "reporting-mta":
                reporter = value.split(separator: ";").last.map { String($0).trimmingCharactersBlank() } ?? value
            case "source-ip": sourceIP = value
            case "authentication-results": authResults = value
            default: break
            }
        }
        if let original = document.original {
            if let hotmail = original.text("x-hmxmroriginalrecipient") {
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(hotmail)
                facts.append(fact)
                if feedbackType.isEmpty { feedbackType = "abuse" }
            }
            if facts.isEmpty, let to = original.text("to"), AddressText.isEmailAddress(AddressText.clean(to)) {
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(to)
                facts.append(fact)
            }
        }
        if facts.isEmpty, document.header("x-apple-unsubscribe") == "true", let from = document.headers.text("from") {
            var fact = DeliveryFacts()
            fact.recipient = AddressText.clean(from)
            facts.append(fact)
            if feedbackType.isEmpty { feedbackType = "opt-out" }
            if summary.isEmpty { summary = document.report.first { !$0.isBlankLine }.map(ReportText.string) ?? "" }
        }
        if facts.isEmpty {
            var fact = DeliveryFacts()
            fact.recipient = "undisclosed-recipient@undisclosed.invalid"
            facts.append(fact)
        }
        if feedbackType == "auth-failure" && !authResults.isEmpty { summary += " " + authResults }
        for index in facts.indices {
            facts[index].reason = "feedback"
            facts[index].feedbackType = feedbackType
            facts[index].diagnosis = TextTools.sweep(summary)
            facts[index].reportingMTA = reporter
            facts[index].remoteMTA = sourceIP
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
