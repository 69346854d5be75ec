import Bounces
import Conversation
import MailModel

/// The `bounce` of a reply as JSON, in the same shape as `ask --json` (the report's `Codable`
/// encoding: optional members left out when nil), or nil when the message was not a bounce.
///
/// Built member by member rather than through an `Encoder`, which cost more than the rest of the frame;
/// a test keeps the two equal.
enum BounceField {
    static func value(of reply: Reply) -> JSONValue? {
        reply.bounce.map(value(of:))
    }

    /// The JSON value of a report.
    static func value(of report: BounceReport) -> JSONValue {
        var object: [String: JSONValue] = [
            "is_bounce": .bool(report.isBounce),
            "kind": .string(report.kind.rawValue),
            "recipients": .array(report.recipients.map(value(of:))),
        ]
        object.reserveCapacity(8)
        if let reportingMTA = report.reportingMTA { object["reporting_mta"] = .string(reportingMTA) }
        if let messageID = report.originalMessageID { object["original_message_id"] = .string(messageID) }
        if let subject = report.originalSubject { object["original_subject"] = .string(subject) }
        if let sender = report.sender { object["sender"] = .string(sender) }
        if let problem = report.problem { object["problem"] = .string(problem) }
        return .object(object)
    }

    private static func value(of recipient: BounceRecipient) -> JSONValue {
        .object([
            "address": .string(recipient.address), "action": .string(recipient.action),
            "status": .string(recipient.status), "replycode": .string(recipient.replyCode),
            "reason": .string(recipient.reason), "hardbounce": .bool(recipient.hardBounce),
            "remote_mta": .string(recipient.remoteMTA), "diagnostic": .string(recipient.diagnostic),
            "command": .string(recipient.command), "feedbacktype": .string(recipient.feedbackType),
            "remote_server": .string(recipient.remoteServer), "remote_ip": .string(recipient.remoteIP),
            "reporting_server": .string(recipient.reportingServer), "blocked_ip": .string(recipient.blockedIP),
            "sending_domain": .string(recipient.sendingDomain), "server_text": .string(recipient.serverText),
        ])
    }
}
