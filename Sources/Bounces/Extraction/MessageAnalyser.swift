import ByteText

/// Runs the recognisers over a document in a sensible order and builds the report.
enum MessageAnalyser {
    /// The report for a document, or nil when no recogniser understood it (``RecogniserPipeline``).
    static func analyse(_ document: BounceDocument) -> BounceReport? {
        RecogniserPipeline.firstExtraction(document).flatMap { report($0, document) }
    }

    /// Builds the public report from an extraction.
    static func report(_ extraction: Extraction, _ document: BounceDocument) -> BounceReport? {
        let recipients = FactBuilder.build(extraction.facts, document: document)
        guard !recipients.isEmpty else { return nil }
        let original = document.original ?? extraction.original
        let failing = recipients.contains { $0.action != "delivered" && !$0.status.hasPrefix("2.") }
        var kind = extraction.kind
        // A vendor text recogniser may read a message that also carries an RFC 3464 part: it is still a DSN.
        if kind == .vendor && document.hasDeliveryStatusPart { kind = .dsn }
        let isBounce = (kind == .dsn || kind == .vendor) && failing
        let reporting = extraction.facts.first { !$0.reportingMTA.isEmpty }?.reportingMTA
        var report = BounceReport(
            isBounce: isBounce, kind: kind, reportingMTA: reporting, recipients: recipients,
            originalMessageID: original?.text("message-id").map(cleanMessageID).flatMap { $0.isEmpty ? nil : $0 },
            originalSubject: original?.text("subject").flatMap { $0.isEmpty ? nil : $0 })
        if let from = original?.text("from").map(AddressText.clean), AddressText.isEmailAddress(from) {
            report.sender = from
        } else if let to = document.headers.text("to").map(AddressText.clean), AddressText.isEmailAddress(to) {
            report.sender = to
        }
        if document.truncated {
            report.problem = "I can't read this fully: the report text is too long, I read its start only."
        }
        report.fillReportRoles(text: document.report)
        return report
    }

    private static func cleanMessageID(_ value: String) -> String {
        value.trimmingCharactersBlank().trimming("<>")
    }
}
