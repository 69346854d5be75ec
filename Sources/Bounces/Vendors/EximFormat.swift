import Foundation

/// Exim bounces ("This message was created automatically by mail delivery software.") and Exim
/// clones (McAfee SaaS / MXLogic), with or without a DSN part.
struct EximFormat: Recogniser {
    let name = "Exim"

    private static let titles = [
        "Delivery Status Notification", "Mail delivery failed", "Mail failure", "Message frozen", "Warning: message ",
        "error(s) in forwarding or filtering",
    ]
    private static let boundaries = [
        "------ This is a copy of the message, including all the headers. ------",
        "----- This is a copy of the message, including all the headers. ------",
        "------ This is a copy of the message's headers. ------", "Content-Type: message/rfc822",
        "Included is a copy of the message header:",
    ]
    private static let starts = [
        "This message was created automatically by mail delivery software.",
        "A message that you sent was rejected by the local scannning code",
        "A message that you sent contained one or more recipient addresses ",
        "A message that you sent could not be delivered to all of its recipients", " has been frozen",
        " was frozen on arrival", " router encountered the following error(s):",
    ]
    private static let frozen = [" has been frozen", " was frozen on arrival"]
    /// Data: Exim's own error messages and the reason each means.
    private static let messages: [(String, [String])] = [
        ("userunknown", ["user not found"]),
        (
            "hostunknown",
            [
                "all host address lookups failed permanently", "all relevant MX records point to non-existent hosts",
                "Unrouteable address",
            ]
        ),
        ("mailboxfull", ["mailbox is full", "error: quota exceed"]),
        ("notaccept", ["an MX or SRV record indicated no SMTP service", "no host found for existing SMTP connection"]),
        (
            "syntaxerror",
            [
                "angle-brackets nested too deep", "expected word or \"<\"", "domain missing in source-routed address",
                "malformed address:",
            ]
        ),
        (
            "systemerror",
            ["delivery to file forbidden", "delivery to pipe forbidden", "local delivery failed", "LMTP error after "]
        ),
        ("contenterror", ["Too many \"Received\" headers"]),
    ]
    private static let delayed = [
        "retry timeout exceeded", "No action is required on your part",
        "retry time not reached for any host after a long failure period",
        "all hosts have been failing for a long time and were last tried", "Delay reason: ", "has been frozen",
        "was frozen on arrival by ",
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        let messageID = document.messageID
        var score = 0
        if document.fromHeader.contains("Mail Delivery System") { score += 1 }
        if Self.titles.contains(where: { document.subject.contains($0) }) { score += 1 }
        let idBytes = Array(messageID.utf8)
        if idBytes.first == ASCII.lessThan, idBytes.firstIndex(of: ASCII.hyphen) == 8,
            idBytes.firstIndex(of: ASCII.at) == 18
        {
            score += 1
        }
        let thirdParty =
            document.headers.has("x-mx-bounce") || document.headers.has("x-mxl-hash")
            || document.headers.has("x-mxl-notehash") || messageID.contains("<mxl~")
        guard score >= 2 || thirdParty else { return nil }

        let multipart = ContentType(document.headers.raw("content-type")).boundary != nil
        let (head, tail) = ReportText.split(document.report, at: Self.boundaries)
        var facts = [DeliveryFacts()]
        var another = [""]
        var recipients = 0
        var reading = false
        var afterStatusMarker = false
        for line in head {
            let text = ReportText.string(line)
            if !reading {
                guard Self.starts.contains(where: { text.contains($0) }) else { continue }
                reading = true
                if !Self.frozen.contains(where: { text.contains($0) }) { continue }
            }
            if line.isEmpty { continue }
            let bytes = line
            var isAddressLine =
                text.hasPrefix("  ") && (bytes.firstIndex(of: ASCII.at) ?? 0) >= 2
                && (bytes.firstIndex(of: ASCII.dot) ?? 0) >= 2 && !text.contains("pipe to |") && bytes.count > 2
                && bytes[2] != ASCII.space
            if isAddressLine && !thirdParty && bytes[2] == ASCII.lessThan { isAddressLine = false }
            if isAddressLine || text.contains(" an undisclosed address") {
                var address: String
                if text.contains(" an undisclosed address") {
                    address = String(text.dropFirst(2))
                } else {
                    address = AddressText.clean(TextTools.select(text, from: "<", to: ">:"))
                    if !address.isEmpty, AddressText.isEmailAddress(address) {
                        facts[facts.count - 1].diagnosis = TextTools.sweep(TextTools.select(text, from: ">:", to: ""))
                    } else {
                        let body = String(text.dropFirst(2))
                        let cut = body.range(of: ": ", options: .backwards)?.lowerBound ?? body.endIndex
                        address = AddressText.clean(String(body[..<cut]))
                    }
                    guard AddressText.isEmailAddress(address) else { continue }
                }
                if !facts[facts.count - 1].recipient.isEmpty && address != facts[facts.count - 1].recipient {
                    facts.append(DeliveryFacts())
                    another.append("")
                }
                facts[facts.count - 1].recipient = address
                recipients += 1
            } else if text.contains(" (generated from ") || text.contains(" generated by ") {
                if let token = text.split(separator: " ").first(where: { $0.contains("@") }) {
                    facts[facts.count - 1].alias = AddressText.clean(String(token))
                }
            } else if Self.frozen.contains(where: { text.contains($0) }) {
                another[another.count - 1] = text + " "
            } else if multipart {
                if let field = DSNField.parse(line) {
                    switch field.name {
                    case .finalRecipient:
                        if facts[facts.count - 1].spec.isEmpty {
                            facts[facts.count - 1].spec = field.value.contains("@") ? "SMTP" : "X-UNIX"
                        }
                    case .originalRecipient, .actualRecipient: break
                    case .diagnosticCode:
                        facts[facts.count - 1].spec = field.type
                        facts[facts.count - 1].diagnosis = field.value
                    default:
                        facts[facts.count - 1].set(field: field.name, field.value)
                    }
                } else {
                    if afterStatusMarker { continue }
                    if line.hasPrefixBytes(BounceDocument.deliveryStatusMarker) { afterStatusMarker = true }
                    if text.hasPrefix(" ") { another[another.count - 1] += text + " " }
                }
            } else if facts.count == recipients || text.hasPrefix("  ") {
                facts[facts.count - 1].diagnosis += " " + text
            }
        }
        if recipients > 0 {
            for index in facts.indices where !facts[index].alias.isEmpty && !facts[index].recipient.contains("@") {
                facts[index].recipient = facts[index].alias
            }
        } else if let failed = document.headers.text("x-failed-recipients") {
            // The facts gathered so far (diagnosis, DSN fields) belong to the first failed address.
            for (offset, part) in failed.split(separator: ",").enumerated() {
                if offset > 0 {
                    facts.append(DeliveryFacts())
                    another.append("")
                }
                facts[facts.count - 1].recipient = part.trimmingCharactersBlank()
                recipients += 1
            }
        }
        guard recipients > 0 else { return nil }

        for index in facts.indices {
            var fact = facts[index]
            if fact.diagnosis.isEmpty && multipart {
                fact.diagnosis = facts[0].diagnosis
                if fact.spec.isEmpty { fact.spec = facts[0].spec }
                if !another[0].isEmpty { another[index] = another[0] }
            }
            let alternative = another[index]
            if !alternative.isEmpty {
                if fact.diagnosis.isEmpty { fact.diagnosis = alternative }
                if fact.diagnosis.hasPrefix("-") || fact.diagnosis.hasSuffix("__") {
                    fact.diagnosis = alternative
                } else if fact.diagnosis.count < alternative.count {
                    let squeezed = TextTools.sweep(alternative)
                    if squeezed.asciiLowercased.contains(fact.diagnosis.asciiLowercased) { fact.diagnosis = squeezed }
                }
            }
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            if let cut = fact.diagnosis.range(of: "__") { fact.diagnosis = String(fact.diagnosis[..<cut.lowerBound]) }
            if fact.command.isEmpty {
                if fact.diagnosis.contains("SMTP error from remote ") || fact.diagnosis.contains("LMTP error after ") {
                    fact.command = SMTPCommand.find(fact.diagnosis)
                }
                switch fact.command {
                case "EHLO", "HELO": fact.reason = "blocked"
                case "MAIL": fact.reason = "onhold"
                default:
                    if let match = Self.messages.first(where: { $0.1.contains { fact.diagnosis.contains($0) } }) {
                        fact.reason = match.0
                    } else if Self.delayed.contains(where: { fact.diagnosis.contains($0) }) {
                        fact.reason = "expired"
                    } else if fact.diagnosis.contains("pipe to |") {
                        fact.reason = "mailererror"
                    }
                }
            }
            let reply = ReplyCode.find(fact.diagnosis, classHint: fact.status)
            let found = StatusCode.find(fact.diagnosis, classHint: reply)
            let temporary = reply.hasPrefix("4") || fact.reason == "expired" || fact.reason == "mailboxfull"
            let pseudo = StatusCode.pseudoCode(for: fact.reason, temporary: temporary)
            if fact.replyCode.isEmpty { fact.replyCode = reply }
            if fact.status.isEmpty { fact.status = StatusCode.prefer(found, pseudo, reply) }
            facts[index] = fact
        }
        var original = document.original ?? ReportText.originalHeaders(tail)
        if original == nil { original = Self.summaryHeaders(head) }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }

    /// Exim delay warnings name the original's subject in the text ("The subject of the message is: …").
    private static func summaryHeaders(_ lines: ArraySlice<[UInt8]>) -> HeaderBlock? {
        for line in lines {
            let text = ReportText.string(line)
            if let range = text.range(of: "The subject of the message is: ") {
                return HeaderBlock.parse(
                    bytes: Array(("Subject: " + text[range.upperBound...].trimmingCharactersBlank()).utf8))
            }
        }
        return nil
    }
}
