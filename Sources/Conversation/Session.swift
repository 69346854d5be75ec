import Knowledge

/// One conversation's state, as a value: what was said, what is pending, what comes next.
public struct Session: Sendable, Equatable, Codable {
    /// Where the conversation stands.
    public enum Stage: Sendable, Equatable, Codable {
        /// Nothing asked yet, or after a reset.
        case start
        /// MailDoctor asked a clarifying question about an earlier message.
        case clarifying(Clarification)
        /// An article was given.
        case answered
    }

    /// Session id (chat user, REPL, transcript file).
    public var id: String
    /// Where the conversation stands.
    public var stage: Stage = .start
    /// The direction the user described, once known.
    public var direction: Direction = .unknown
    /// Articles already given, most recent last.
    public var articlesGiven: [String] = []
    /// Text of the message a clarifying question was about.
    public var pendingText: String?
    /// Number of messages received.
    public var turns = 0
    /// A live check MailDoctor offered and the user may accept with "yes" (`check mx example.com`).
    public var pendingOffer: String?
    /// Whether the user was told that answers are in English.
    public var toldAboutLanguage = false

    /// Creates a fresh session.
    public init(id: String) { self.id = id }

    /// The last article given, if any.
    public var lastArticle: String? { articlesGiven.last }
}
