import Bounces
import Knowledge
import Localization
import MailModel

/// What kind of message the user sent.
public enum Intent: String, Sendable, Codable {
    case question, bounce, check, command, smalltalk, unknown
}

/// An article named in a reply.
public struct ArticleReference: Sendable, Equatable, Codable {
    /// Article id.
    public var id: String
    /// Article title.
    public var title: String
    /// Ranking score (1.0 when chosen by rule rather than by search).
    public var score: Double

    /// Creates a reference.
    public init(id: String, title: String, score: Double) {
        self.id = id
        self.title = title
        self.score = score
    }
}

/// One answer, independent of how it is shown: chat text, terminal, JSON.
public struct Reply: Sendable, Equatable, Codable {
    /// What the user's message was.
    public var intent: Intent
    /// The direction read from the conversation.
    public var direction: Direction
    /// The answer in one to three sentences.
    public var answer: String
    /// A clarifying question, when MailDoctor needs to know more before answering.
    public var question: String?
    /// The next diagnostic step after an answer: an offer ("Shall I check the MX records of
    /// example.com now?") or a question about the next usual cause. Shown after the steps.
    public var nextStep: String?
    /// Steps to take, in order.
    public var steps: [String]
    /// Further blocks (heading, text) shown after the steps.
    public var sections: [ReplySection]
    /// Articles this answer is based on, best first.
    public var articles: [ArticleReference]
    /// Things the user can type next.
    public var suggestions: [String]
    /// A one-off remark (for example that answers are in English).
    public var note: String?
    /// Results of live checks run for this reply.
    public var checks: [CheckResult] = []
    /// What the live checks of this reply were run on (a domain, an IP, `host:port`).
    public var checkedTarget: String?
    /// The bounce this reply explains, if the message was one.
    public var bounce: BounceReport?
    /// The language the reply is written in.
    public var language: Language = .english

    /// Creates a reply.
    public init(
        intent: Intent, direction: Direction = .unknown, answer: String, question: String? = nil, steps: [String] = [],
        sections: [ReplySection] = [], articles: [ArticleReference] = [], suggestions: [String] = [],
        note: String? = nil
    ) {
        self.intent = intent
        self.direction = direction
        self.answer = answer
        self.question = question
        self.steps = steps
        self.sections = sections
        self.articles = articles
        self.suggestions = suggestions
        self.note = note
    }
}

/// A titled block of a reply.
public struct ReplySection: Sendable, Equatable, Codable {
    /// Heading.
    public var title: String
    /// Text, light Markdown.
    public var text: String

    /// Creates a section.
    public init(title: String, text: String) {
        self.title = title
        self.text = text
    }
}
