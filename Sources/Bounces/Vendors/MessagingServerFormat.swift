import ByteText

/// Oracle (Sun/iPlanet) Communications Messaging Server reports.
struct MessagingServerFormat: Recogniser {
    let name = "MessagingServer"
    private static let messages: [(String, [String])] = [("hostunknown", ["Illegal host/domain name found"])]

    func extract(_ document: BounceDocument) -> Extraction? {
        let contentType = document.headers.text("content-type") ?? ""
        guard contentType.containsBytes("Boundary_(ID_") || document.subject.hasPrefix("Delivery Notification: ") else {
            return nil
        }
        var facts = [DeliveryFacts]()
        var reading = false
        for line in document.report {
            let text = ReportText.string(line)
            if line.hasPrefixBytes(BounceDocument.originalMarker) || text.hasPrefix("Return-path:") { break }
            if !reading {
                if text.hasPrefix("This report relates to a message you sent with the following header fields:") {
                    reading = true
                }
                continue
            }
            if line.isEmpty { continue }
            let trimmed = text.trimmingCharactersBlank()
            let indented = text.first == " "
            if indented, trimmed.hasPrefix("Recipient address:") {
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(String(trimmed.dropFirst(18)))
                facts.append(fact)
                continue
            }
            guard !facts.isEmpty else { continue }
            if indented, trimmed.hasPrefix("Original address:") {
                let address = AddressText.clean(String(trimmed.dropFirst(17)))
                if AddressText.isEmailAddress(address) { facts[facts.count - 1].recipient = address }
            } else if indented, trimmed.hasPrefix("Reason:") {
                facts[facts.count - 1].diagnosis = trimmed.dropFirst(7).trimmingCharactersBlank()
            } else if indented, trimmed.hasPrefix("Diagnostic code:"),
                let semicolon = trimmed.utf8.firstIndex(of: UInt8(ascii: ";"))
            {
                let type = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 16)..<semicolon]
                    .trimmingCharactersBlank()
                facts[facts.count - 1].spec = type.uppercased()
                facts[facts.count - 1].diagnosis = String(trimmed[trimmed.index(after: semicolon)...])
            } else if indented, trimmed.hasPrefix("Remote system:"),
                let semicolon = trimmed.utf8.firstIndex(of: UInt8(ascii: ";"))
            {
                let rest = trimmed[trimmed.index(after: semicolon)...]
                facts[facts.count - 1].remoteMTA = String(rest.prefix { $0 != " " })
            } else if text.hasPrefix("Status:") {
                let value = text.dropFirst(7).trimmingCharactersBlank()
                let code = String(value.prefix { $0 != " " })
                if StatusCode.isValid(code) { facts[facts.count - 1].status = code }
                if facts[facts.count - 1].diagnosis.isEmpty, let open = value.utf8.firstIndex(of: UInt8(ascii: "(")),
                    value.hasSuffix(")")
                {
                    facts[facts.count - 1].diagnosis = String(
                        value[value.index(after: open)..<value.index(before: value.endIndex)])
                }
            } else if text.hasPrefix("Reporting-MTA:"), let semicolon = text.utf8.firstIndex(of: UInt8(ascii: ";")) {
                facts[facts.count - 1].reportingMTA = text[text.index(after: semicolon)...].trimmingCharactersBlank()
            }
        }
        guard !facts.isEmpty else { return nil }
        facts.sweepDiagnoses(reasons: Self.messages)
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: document.original)
    }
}
