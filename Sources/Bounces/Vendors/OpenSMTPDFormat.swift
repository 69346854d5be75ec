import ByteText

/// OpenSMTPD bounces ("This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.").
struct OpenSMTPDFormat: Recogniser {
    private static let receivedMark = Array(" (OpenSMTPD) with ".utf8)

    let name = "OpenSMTPD"
    private static let messages: [(String, [String])] = [
        ("expired", ["Envelope expired"]), ("hostunknown", ["Invalid domain name", "Domain does not exist"]),
        (
            "notaccept",
            ["Destination seem to reject all mails", "No MX found for domain", "No MX found for destination"]
        ),
        (
            "networkerror",
            [
                "Address family mismatch on destination MXs", "All routes to destination blocked",
                "bad DNS lookup error code",
                "Could not retrieve source address", "Loop detected", "Network error on destination MXs",
                "No valid route to remote MX",
                "No valid route to destination", "Temporary failure in MX lookup",
            ]
        ),
        ("securityerror", ["Could not retrieve credentials"]),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard document.subject.containsBytes("Delivery status notification"),
            document.fromHeader.containsBytes("Mailer Daemon <"),
            document.headers.all("received").contains(where: {
                ByteSearch.contains($0, Self.receivedMark)
            })
        else { return nil }
        let lines = document.report
        let boundary =
            lines.firstIndex { line in
                ReportText.string(line).trimmingCharactersBlank().hasPrefix("Below is a copy of the original message:")
                    || line.hasPrefixBytes(BounceDocument.originalMarker)
            } ?? lines.count
        var collector = FieldCollector()
        var texts = [(String, String)]()
        for (line, text) in ReportText.lines(
            of: lines[..<boundary], after: "    This is the MAILER-DAEMON, please DO NOT REPLY to this")
        {
            if collector.consume(line) { continue }
            if line.hasPrefixBytes(BounceDocument.deliveryStatusMarker) { continue }
            // "kijitora@example.jp: 550 5.1.1 …" or "kijitora@example.jp 550 …"
            guard let space = text.utf8.firstIndex(of: UInt8(ascii: " ")), text.first != " " else { continue }
            var address = String(text[..<space])
            if address.hasSuffix(":") { address.removeLast() }
            guard address.containsBytes("@") else { continue }
            texts.append((AddressText.clean(address), String(text[text.index(after: space)...])))
        }
        var facts: [DeliveryFacts]
        if collector.recipients > 0 {
            facts = collector.finish()
            for index in facts.indices {
                if let text = texts.first(where: { $0.0 == facts[index].recipient })?.1
                    ?? (facts.count == 1 ? texts.first?.1 : nil),
                    text.count > facts[index].diagnosis.count
                {
                    facts[index].diagnosis = text
                }
            }
        } else {
            facts = texts.map { pair in
                var fact = DeliveryFacts()
                fact.recipient = pair.0
                fact.diagnosis = pair.1
                return fact
            }
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses(reasons: Self.messages)
        let original = document.original ?? ReportText.originalHeaders(lines[min(boundary + 1, lines.count)...])
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }
}
