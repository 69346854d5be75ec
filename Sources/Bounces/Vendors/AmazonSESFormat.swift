import ByteText
import Foundation

/// Amazon SES notifications in JSON (Bounce, Complaint, Delivery), as sent by SNS e-mail subscriptions.
struct AmazonSESFormat: Recogniser {
    let name = "AmazonSES"
    /// Data: SES bounce subtypes with a definite reason.
    private static let subtypes: [String: String] = [
        "Suppressed": "suppressed", "OnAccountSuppressionList": "suppressed", "MailboxFull": "mailboxfull",
        "MessageTooLarge": "mesgtoobig", "ContentRejected": "contenterror", "AttachmentRejected": "securityerror",
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        guard Self.mayBeJSON(document.report) else { return nil }
        var text = ""
        for line in document.report {
            if line == [ASCII.hyphen, ASCII.hyphen] { break }
            var piece = ReportText.string(line)
            if text.hasSuffix("!") {
                text.removeLast()
                if piece.hasPrefix(" ") { piece.removeFirst() }
            }
            text += piece
        }
        text = text.trimmingCharactersBlank()
        guard text.hasPrefix("{"), text.containsBytes("notificationType"), text.utf8.count < 4_000_000,
            let data = text.data(using: .utf8),
            var object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return nil }
        if let message = object["Message"] as? String, let inner = message.data(using: .utf8),
            let decoded = (try? JSONSerialization.jsonObject(with: inner)) as? [String: Any]
        {
            object = decoded
        }
        guard let type = object["notificationType"] as? String else { return nil }
        var facts = [DeliveryFacts]()
        switch type {
        case "Bounce":
            let bounce = object["bounce"] as? [String: Any] ?? [:]
            let subtype = bounce["bounceSubType"] as? String ?? ""
            let reporting = (bounce["reportingMTA"] as? String ?? "").replacingAll("dsn; ", with: "")
            for entry in bounce["bouncedRecipients"] as? [[String: Any]] ?? [] {
                var fact = DeliveryFacts()
                fact.recipient = entry["emailAddress"] as? String ?? ""
                var diagnostic = entry["diagnosticCode"] as? String ?? ""
                if let semicolon = diagnostic.utf8.firstIndex(of: UInt8(ascii: ";")),
                    diagnostic[..<semicolon].count < 12
                {
                    fact.spec = diagnostic[..<semicolon].uppercased()
                    diagnostic = String(diagnostic[diagnostic.index(after: semicolon)...])
                }
                fact.diagnosis = TextTools.sweep(diagnostic)
                fact.action = entry["action"] as? String ?? ""
                fact.status = StatusCode.find(entry["status"] as? String ?? "")
                fact.reportingMTA = reporting
                fact.reason = Self.subtypes[subtype] ?? ""
                facts.append(fact)
            }
        case "Complaint":
            let complaint = object["complaint"] as? [String: Any] ?? [:]
            for entry in complaint["complainedRecipients"] as? [[String: Any]] ?? [] {
                var fact = DeliveryFacts()
                fact.recipient = entry["emailAddress"] as? String ?? ""
                fact.reason = "feedback"
                fact.feedbackType = complaint["complaintFeedbackType"] as? String ?? ""
                fact.diagnosis = "Complaint reported by \(complaint["userAgent"] as? String ?? "the mailbox provider")"
                facts.append(fact)
            }
        case "Delivery":
            let delivery = object["delivery"] as? [String: Any] ?? [:]
            for address in delivery["recipients"] as? [String] ?? [] {
                var fact = DeliveryFacts()
                fact.recipient = address
                fact.reason = "delivered"
                fact.action = "delivered"
                fact.diagnosis = delivery["smtpResponse"] as? String ?? ""
                fact.status = StatusCode.find(fact.diagnosis, classHint: "2")
                fact.replyCode = ReplyCode.find(fact.diagnosis, classHint: "2")
                fact.reportingMTA = delivery["reportingMTA"] as? String ?? ""
                facts.append(fact)
            }
        default:
            return nil
        }
        guard !facts.isEmpty else { return nil }
        var headerText = ""
        if let mail = object["mail"] as? [String: Any] {
            if let common = mail["commonHeaders"] as? [String: Any] {
                if let subject = common["subject"] as? String { headerText += "Subject: \(subject)\n" }
                if let messageID = common["messageId"] as? String { headerText += "Message-ID: \(messageID)\n" }
            }
            if !headerText.containsBytes("Message-ID"), let messageID = mail["messageId"] as? String {
                headerText += "Message-ID: \(messageID)\n"
            }
        }
        let kind: BounceKind = type == "Complaint" ? .feedback : .vendor
        let original = headerText.isEmpty ? nil : HeaderBlock.parse(bytes: Array(headerText.utf8))
        return Extraction(facts: facts, kind: kind, recogniser: name, original: original)
    }

    /// False when the joined text before the first "--" line cannot start with "{" (its first
    /// non-blank byte is something else), so the join and the JSON parse can be skipped.
    private static func mayBeJSON(_ lines: [[UInt8]]) -> Bool {
        for line in lines {
            if line.count == 2 && line[0] == ASCII.hyphen && line[1] == ASCII.hyphen { return false }
            for byte in line where !ASCII.isWhitespace(byte) || byte == 0x0B || byte == 0x0C {
                // "!" joins lines (it is removed): let the full reading decide.
                return byte == UInt8(ascii: "{") || byte == UInt8(ascii: "!")
            }
        }
        return false
    }
}
