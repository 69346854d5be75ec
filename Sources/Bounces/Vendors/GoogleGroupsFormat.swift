import ByteText

/// Google Groups rejections (posting to a group you may not post to).
struct GoogleGroupsFormat: Recogniser {
    let name = "GoogleGroups"

    private static let googleGroups = Array("Google Groups".utf8)

    func extract(_ document: BounceDocument) -> Extraction? {
        // The header checks are cheap; the report scan runs only when they pass.
        guard document.from.containsBytes("<mailer-daemon@googlemail.com>"),
            document.subject.containsBytes("Delivery Status Notification"),
            document.headers.has("x-google-smtp-source"),
            let failed = document.headers.text("x-failed-recipients"),
            document.report.contains(where: { ByteSearch.contains($0, Self.googleGroups) })
        else { return nil }
        let (head, _) = ReportText.split(
            document.report, at: ["----- Original message -----", "Content-Type: message/rfc822"])
        let bullets = head.filter { line in
            let text = ReportText.string(line)
            return text.hasPrefix("*") || text.hasPrefix(" *")
        }.count
        // The first four paragraphs hold the explanation.
        var paragraphs = [String]()
        var current = ""
        for line in head {
            if line.isBlankLine {
                if !current.isEmpty { paragraphs.append(current) }
                current = ""
            } else {
                current += ReportText.string(line) + " "
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        let diagnosis = TextTools.sweep(paragraphs.prefix(4).joined(separator: " "))
        var facts = [DeliveryFacts]()
        for part in failed.split(separator: ",") {
            let address = AddressText.clean(String(part))
            guard AddressText.isEmailAddress(address) else { continue }
            var fact = DeliveryFacts()
            fact.recipient = address
            fact.reason = bullets == 4 ? "rejected" : "onhold"
            fact.diagnosis = diagnosis
            facts.append(fact)
        }
        guard !facts.isEmpty else { return nil }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
