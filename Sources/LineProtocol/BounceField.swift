import Bounces
import Conversation
import MailModel

/// The `bounce` of a reply as JSON, in the same shape as `ask --json` (the members the report describes
/// in `forEachJSONMember`, optional ones left out when nil), or nil when the message was not a bounce.
///
/// Built member by member rather than through an `Encoder`, which cost more than the rest of the frame;
/// a test keeps the two equal.
enum BounceField {
    static func value(of reply: Reply) -> JSONValue? {
        reply.bounce.map(value(of:))
    }

    /// The JSON value of a report.
    static func value(of report: BounceReport) -> JSONValue {
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(8)
        report.forEachJSONMember { name, member in object[name] = value(of: member) }
        return .object(object)
    }

    private static func value(of member: BounceJSONValue) -> JSONValue {
        switch member {
        case .string(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .recipients(let recipients): .array(recipients.map(value(of:)))
        }
    }

    private static func value(of recipient: BounceRecipient) -> JSONValue {
        var object: [String: JSONValue] = [:]
        object.reserveCapacity(16)
        recipient.forEachJSONMember { name, member in object[name] = value(of: member) }
        return .object(object)
    }
}
