import ByteText

/// Google Workspace notices without delivery-status fields ("** Message not delivered **").
struct GoogleWorkspaceFormat: Recogniser {
    private static let diagnosticCode = Array("Diagnostic-Code:".utf8)
    private static let finalRecipient = Array("Final-Recipient:".utf8)

    let name = "GoogleWorkspace"

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.from.containsBytes("<mailer-daemon@googlemail.com>"),
            document.subject.containsBytes("Delivery Status Notification")
        else { return nil }
        if document.report.contains(where: {
            $0.hasPrefixBytes(Self.diagnosticCode) || $0.hasPrefixBytes(Self.finalRecipient)
        }) {
            return nil
        }
        let (head, tail) = ReportText.split(document.report, at: ReportText.standardBoundaries)
        var fact = DeliveryFacts()
        var reading = false
        for line in head {
            let text = ReportText.string(line)
            if !reading {
                if text.hasPrefix("** ") {
                    reading = true
                    fact.diagnosis = text + " "
                }
                continue
            }
            if line.isEmpty || text.hasPrefix("Content-Type:") { continue }
            fact.diagnosis += text + " "
        }
        guard reading else { return nil }
        let original = document.original ?? ReportText.originalHeaders(tail)
        // X-Failed-Recipients names the address that failed; the original's To: may list others.
        if let failed = document.headers.text("x-failed-recipients"), let first = failed.split(separator: ",").first {
            fact.recipient = AddressText.clean(String(first))
        } else {
            guard let to = original?.text("to") else { return nil }
            fact.recipient = AddressText.clean(to)
        }
        if fact.diagnosis.containsBytes(
            "because the address couldn't be found. Check for typos or unnecessary spaces and try again.")
        {
            fact.reason = "userunknown"
        }
        return Extraction(facts: [fact], kind: .vendor, recogniser: name, original: original)
    }
}
