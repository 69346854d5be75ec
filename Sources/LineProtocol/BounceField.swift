import Checks
import Conversation

/// The `bounce` of a reply as JSON, in the same shape as `ask --json` (the report's `Codable`
/// encoding), or nil when the message was not a bounce.
enum BounceField {
    static func value(of reply: Reply) -> JSONValue? {
        guard let bounce = reply.bounce else { return nil }
        return json(of: bounce as Any)
    }

    /// The JSON value of anything `Encodable`; nil for nil, non-encodable values or encoding errors.
    static func json(of value: Any) -> JSONValue? {
        guard let encodable = value as? any Encodable, let json = try? JSONValueEncoder.encode(encodable),
            json != .null
        else { return nil }
        return json
    }
}
