import ByteText
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

    /// Recognises the message, reads the recipients and their errors from the report text, falls back
    /// to `X-Failed-Recipients:`, then settles each recipient's diagnostic, reason and codes.
    func extract(_ document: BounceDocument) -> Extraction? {
        guard let thirdParty = Self.recognised(document) else { return nil }
        let multipart = ContentType(document.headers.raw("content-type")).boundary != nil
        let (head, tail) = ReportText.split(document.report, at: Self.boundaries)
        var reading = Self.readReport(head, multipart: multipart, thirdParty: thirdParty)
        if reading.recipients > 0 {
            for index in reading.facts.indices
            where !reading.facts[index].alias.isEmpty && !reading.facts[index].recipient.containsBytes("@") {
                reading.facts[index].recipient = reading.facts[index].alias
            }
        } else if let failed = document.headers.text("x-failed-recipients") {
            // The facts gathered so far (diagnosis, DSN fields) belong to the first failed address.
            for (offset, part) in failed.split(separator: ",").enumerated() {
                if offset > 0 { reading.startRecipient() }
                reading.facts[reading.facts.count - 1].recipient = part.trimmingCharactersBlank()
                reading.recipients += 1
            }
        }
        guard reading.recipients > 0 else { return nil }

        var facts: [DeliveryFacts] = []
        for index in reading.facts.indices {
            // A recipient without its own error text takes the first recipient's, as settled.
            facts.append(Self.settled(reading, index: index, first: facts.first, multipart: multipart))
        }
        var original = document.original ?? ReportText.originalHeaders(tail)
        if original == nil { original = Self.summaryHeaders(head) }
        return Extraction(facts: facts, kind: .vendor, recogniser: name, original: original)
    }

    /// Whether the message is an Exim bounce: nil when not; true when it comes from an Exim clone
    /// (McAfee SaaS / MXLogic headers), false for Exim itself (two of: sender, subject, message-id shape).
    private static func recognised(_ document: BounceDocument) -> Bool? {
        let messageID = document.messageID
        var score = 0
        if document.fromHeader.containsBytes("Mail Delivery System") { score += 1 }
        if titles.contains(where: { document.subject.containsBytes($0) }) { score += 1 }
        let idBytes = Array(messageID.utf8)
        if idBytes.first == ASCII.lessThan, idBytes.firstIndex(of: ASCII.hyphen) == 8,
            idBytes.firstIndex(of: ASCII.at) == 18
        {
            score += 1
        }
        let thirdParty =
            document.headers.has("x-mx-bounce") || document.headers.has("x-mxl-hash")
            || document.headers.has("x-mxl-notehash") || messageID.containsBytes("<mxl~")
        return score >= 2 || thirdParty ? thirdParty : nil
    }

    /// The recipients read so far: one fact each, with a second diagnostic text (`another`) from the
    /// freeze notice or the DSN part's folded lines.
    private struct Reading {
        var facts = [DeliveryFacts()]
        var another = [""]
        var recipients = 0

        /// Starts the next recipient's fact.
        mutating func startRecipient() {
            facts.append(DeliveryFacts())
            another.append("")
        }
    }

    /// Reads the report text from Exim's opening sentence on: address lines, aliases, freeze notices,
    /// the DSN part's fields (multipart messages) and the error text under each address.
    private static func readReport(_ head: ArraySlice<[UInt8]>, multipart: Bool, thirdParty: Bool) -> Reading {
        var reading = Reading()
        var started = false
        var afterStatusMarker = false
        for line in head {
            let text = ReportText.string(line)
            if !started {
                guard starts.contains(where: { text.containsBytes($0) }) else { continue }
                started = true
                if !frozen.contains(where: { text.containsBytes($0) }) { continue }
            }
            if line.isEmpty { continue }
            let last = reading.facts.count - 1
            if isAddressLine(line, text, thirdParty: thirdParty) || text.containsBytes(" an undisclosed address") {
                readAddress(text, into: &reading)
            } else if text.containsBytes(" (generated from ") || text.containsBytes(" generated by ") {
                if let token = text.split(separator: " ").first(where: { $0.containsBytes("@") }) {
                    reading.facts[last].alias = AddressText.clean(String(token))
                }
            } else if frozen.contains(where: { text.containsBytes($0) }) {
                reading.another[last] = text + " "
            } else if multipart {
                if let field = DSNField.parse(line) {
                    read(field, into: &reading.facts[last])
                } else {
                    if afterStatusMarker { continue }
                    if line.hasPrefixBytes(BounceDocument.deliveryStatusMarker) { afterStatusMarker = true }
                    if text.hasPrefix(" ") { reading.another[last] += text + " " }
                }
            } else if reading.facts.count == reading.recipients || text.hasPrefix("  ") {
                reading.facts[last].diagnosis += " " + text
            }
        }
        return reading
    }

    /// An indented line naming a recipient ("  user@example.com" or "  <user@example.com>: error").
    private static func isAddressLine(_ bytes: [UInt8], _ text: String, thirdParty: Bool) -> Bool {
        let isAddressLine =
            text.hasPrefix("  ") && (bytes.firstIndex(of: ASCII.at) ?? 0) >= 2
            && (bytes.firstIndex(of: ASCII.dot) ?? 0) >= 2 && !text.containsBytes("pipe to |") && bytes.count > 2
            && bytes[2] != ASCII.space
        return isAddressLine && (thirdParty || bytes[2] != ASCII.lessThan)
    }

    /// Files an address line: a new recipient (with the error after `>:` when the line has one).
    private static func readAddress(_ text: String, into reading: inout Reading) {
        var address: String
        if text.containsBytes(" an undisclosed address") {
            address = String(text.dropFirst(2))
        } else {
            address = AddressText.clean(TextTools.select(text, from: "<", to: ">:"))
            if !address.isEmpty, AddressText.isEmailAddress(address) {
                reading.facts[reading.facts.count - 1].diagnosis = TextTools.sweep(
                    TextTools.select(text, from: ">:", to: ""))
            } else {
                let body = String(text.dropFirst(2))
                let cut = body.range(of: ": ", options: .backwards)?.lowerBound ?? body.endIndex
                address = AddressText.clean(String(body[..<cut]))
            }
            guard AddressText.isEmailAddress(address) else { return }
        }
        let current = reading.facts[reading.facts.count - 1].recipient
        if !current.isEmpty && address != current { reading.startRecipient() }
        reading.facts[reading.facts.count - 1].recipient = address
        reading.recipients += 1
    }

    /// Files a field of the DSN part under the current recipient.
    private static func read(_ field: DSNField, into fact: inout DeliveryFacts) {
        switch field.name {
        case .finalRecipient:
            if fact.spec.isEmpty { fact.spec = field.value.containsBytes("@") ? "SMTP" : "X-UNIX" }
        case .originalRecipient, .actualRecipient: break
        case .diagnosticCode:
            fact.spec = field.type
            fact.diagnosis = field.value
        default:
            fact.set(field: field.name, field.value)
        }
    }

    /// One recipient's fact made final: the better of its two diagnostic texts, the reason Exim's own
    /// messages give, and the reply and status codes (a pseudo status when none is quoted).
    private static func settled(_ reading: Reading, index: Int, first: DeliveryFacts?, multipart: Bool)
        -> DeliveryFacts
    {
        var fact = reading.facts[index]
        var alternative = reading.another[index]
        if fact.diagnosis.isEmpty && multipart {
            let first = first ?? reading.facts[0]
            fact.diagnosis = first.diagnosis
            if fact.spec.isEmpty { fact.spec = first.spec }
            if !reading.another[0].isEmpty { alternative = reading.another[0] }
        }
        if !alternative.isEmpty {
            if fact.diagnosis.isEmpty { fact.diagnosis = alternative }
            if fact.diagnosis.hasPrefix("-") || fact.diagnosis.hasSuffix("__") {
                fact.diagnosis = alternative
            } else if fact.diagnosis.count < alternative.count {
                let squeezed = TextTools.sweep(alternative)
                if squeezed.asciiLowercased.containsBytes(fact.diagnosis.asciiLowercased) { fact.diagnosis = squeezed }
            }
        }
        fact.diagnosis = TextTools.sweep(fact.diagnosis)
        if let cut = fact.diagnosis.rangeOfBytes("__") { fact.diagnosis = String(fact.diagnosis[..<cut.lowerBound]) }
        if fact.command.isEmpty { classify(&fact) }
        let reply = ReplyCode.find(fact.diagnosis, classHint: fact.status)
        let found = StatusCode.find(fact.diagnosis, classHint: reply)
        let temporary = reply.hasPrefix("4") || fact.reason == "expired" || fact.reason == "mailboxfull"
        let pseudo = StatusCode.pseudoCode(for: fact.reason, temporary: temporary)
        if fact.replyCode.isEmpty { fact.replyCode = reply }
        if fact.status.isEmpty { fact.status = StatusCode.prefer(found, pseudo, reply) }
        return fact
    }

    /// The reason from the SMTP command the error names, else from Exim's own messages.
    private static func classify(_ fact: inout DeliveryFacts) {
        if fact.diagnosis.containsBytes("SMTP error from remote ") || fact.diagnosis.containsBytes("LMTP error after ")
        {
            fact.command = SMTPCommand.find(fact.diagnosis)
        }
        switch fact.command {
        case "EHLO", "HELO": fact.reason = "blocked"
        case "MAIL": fact.reason = "onhold"
        default:
            if let match = messages.first(where: { $0.1.contains { fact.diagnosis.containsBytes($0) } }) {
                fact.reason = match.0
            } else if delayed.contains(where: { fact.diagnosis.containsBytes($0) }) {
                fact.reason = "expired"
            } else if fact.diagnosis.containsBytes("pipe to |") {
                fact.reason = "mailererror"
            }
        }
    }

    /// Exim delay warnings name the original's subject in the text ("The subject of the message is: …").
    private static func summaryHeaders(_ lines: ArraySlice<[UInt8]>) -> HeaderBlock? {
        for line in lines {
            let text = ReportText.string(line)
            if let range = text.rangeOfBytes("The subject of the message is: ") {
                return HeaderBlock.parse(
                    bytes: Array(("Subject: " + text[range.upperBound...].trimmingCharactersBlank()).utf8))
            }
        }
        return nil
    }
}
