import Sanitizer

/// A line `maildoctor serve` writes.
public enum OutboundFrame: Sendable, Equatable {
    /// The answer to a message; exactly one per message, unless an error frame answers it instead.
    case reply(ReplyFrame)
    /// Work in progress on a message (a live check starting or ending), before its reply.
    case progress(ProgressFrame)
    /// A line that could not be served, or a message that could not be answered.
    case error(ErrorFrame)
    /// The answer to a ping.
    case pong(PongFrame)

    /// The `type` field of the frame.
    public var type: String {
        switch self {
        case .reply: "reply"
        case .progress: "progress"
        case .error: "error"
        case .pong: "pong"
        }
    }
}

/// `{"type": "progress", "session", "in_reply_to", "text", "check"}`.
public struct ProgressFrame: Sendable, Equatable, Codable {
    /// The session the message came from.
    public var session: String
    /// The message's `id`.
    public var inReplyTo: String
    /// A short line for a person.
    public var text: String
    /// The live check concerned, if any.
    public var check: String?

    /// Creates a progress frame; `text` is neutralised (``TextSanitizer``).
    public init(session: String, inReplyTo: String, text: String, check: String? = nil) {
        self.session = session
        self.inReplyTo = inReplyTo
        self.text = TextSanitizer.neutralize(text, maxLine: nil)
        self.check = check
    }

    enum CodingKeys: String, CodingKey {
        case session, text, check
        case inReplyTo = "in_reply_to"
    }
}

/// `{"type": "error", "session"?, "in_reply_to"?, "code", "message"}`.
public struct ErrorFrame: Sendable, Equatable, Codable {
    /// The session of the line, when it could be read.
    public var session: String?
    /// The `id` of the line, when it could be read.
    public var inReplyTo: String?
    /// The error code.
    public var code: ErrorCode
    /// A sentence for the gateway's log.
    public var message: String

    /// Creates an error frame; `message` is neutralised (``TextSanitizer``).
    public init(session: String? = nil, inReplyTo: String? = nil, code: ErrorCode, message: String) {
        self.session = session
        self.inReplyTo = inReplyTo
        self.code = code
        self.message = TextSanitizer.neutralize(message, maxLine: nil)
    }

    enum CodingKeys: String, CodingKey {
        case session, code, message
        case inReplyTo = "in_reply_to"
    }
}

/// `{"type": "pong", "in_reply_to", "version"}`.
public struct PongFrame: Sendable, Equatable, Codable {
    /// The ping's `id`.
    public var inReplyTo: String
    /// The protocol version the server speaks.
    public var version: Int

    /// Creates a pong.
    public init(inReplyTo: String, version: Int = FrameCodec.protocolVersion) {
        self.inReplyTo = inReplyTo
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case version
        case inReplyTo = "in_reply_to"
    }
}
