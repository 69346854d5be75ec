import ByteText

/// Gmail's own bounce text ("Delivery to the following recipient failed permanently").
struct GmailFormat: Recogniser {
    let name = "Gmail"
    private static let boundaries = [
        "----- Original message -----", "----- Message header follows -----", "Content-Type: message/rfc822",
    ]
    /// Data: Gmail "(state N)" codes → SMTP command and reason.
    private static let states: [String: (String, String)] = [
        "6": ("MAIL", "failedstarttls"), "8": ("AUTH", "systemerror"), "9": ("AUTH", "failedstarttls"),
        "12": ("AUTH", "norelaying"), "13": ("EHLO", "blocked"), "14": ("RCPT", "userunknown"),
        "15": ("DATA", "filtered"), "17": ("DATA", "filtered"), "18": ("DATA", "filtered"),
    ]
    private static let messages: [(String, [String])] = [
        (
            "expired",
            [
                "DNS Error: Could not contact DNS servers", "Delivery to the following recipient has been delayed",
                "The recipient server did not accept our requests to connect",
            ]
        ),
        ("hostunknown", ["DNS Error: Domain name not found", "DNS Error: DNS server returned answer with no data"]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.from.containsBytes("<mailer-daemon@googlemail.com>"),
            document.subject.containsBytes("Delivery Status Notification")
        else { return nil }
        let lines = document.report
        var cut = lines.count
        for (index, line) in lines.enumerated() {
            let text = ReportText.string(line).trimmingCharactersBlank()
            if Self.boundaries.contains(where: { text.hasPrefix($0) }) {
                cut = index
                break
            }
        }
        var facts = [DeliveryFacts()]
        var reading = false
        for line in lines[..<cut] {
            let text = ReportText.string(line)
            if !reading {
                if text.hasPrefix("Delivery to the following recipient") { reading = true } else { continue }
            }
            if line.isEmpty { continue }
            let trimmed = text.trimmingCharactersBlank()
            if text.first == " ", text.containsBytes("@") {
                let address = AddressText.clean(trimmed)
                guard AddressText.isEmailAddress(address) else { continue }
                if !facts[facts.count - 1].recipient.isEmpty { facts.append(DeliveryFacts()) }
                facts[facts.count - 1].recipient = address
            } else {
                facts[facts.count - 1].diagnosis += text + " "
            }
        }
        facts = facts.filter { !$0.recipient.isEmpty }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            var fact = facts[index]
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            let state = TextTools.select(fact.diagnosis, from: " (state ", to: ")")
            if let (command, reason) = Self.states[state] {
                fact.command = command
                fact.reason = reason
            } else if let match = Self.messages.first(where: { $0.1.contains { fact.diagnosis.containsBytes($0) } }) {
                fact.reason = match.0
            }
            if !fact.reason.isEmpty {
                fact.status = StatusCode.find(fact.diagnosis)
                if !fact.status.isEmpty, !fact.status.containsBytes(".0") {
                    fact.reason = StatusCode.reasonName(fact.status)
                }
            }
            facts[index] = fact
        }
        let original = document.original ?? ReportText.originalHeaders(lines[min(cut + 1, lines.count)...])
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }
}
