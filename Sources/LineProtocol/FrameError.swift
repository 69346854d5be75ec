/// Why a line could not be served, with whatever could be read of it: becomes an error frame.
public struct FrameError: Error, Sendable, Equatable {
    /// The error code.
    public var code: ErrorCode
    /// A sentence for the gateway's log.
    public var message: String
    /// The line's `session`, when it was readable.
    public var session: String?
    /// The line's `id`, when it was readable.
    public var inReplyTo: String?

    /// Creates an error.
    public init(_ code: ErrorCode, _ message: String, session: String? = nil, inReplyTo: String? = nil) {
        self.code = code
        self.message = message
        self.session = session
        self.inReplyTo = inReplyTo
    }

    /// The error frame that reports it.
    public var frame: ErrorFrame {
        ErrorFrame(session: session, inReplyTo: inReplyTo, code: code, message: message)
    }
}
