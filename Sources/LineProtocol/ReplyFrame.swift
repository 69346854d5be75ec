import Conversation
import Knowledge
import Localization
import MailModel

/// `{"type": "reply", "session", "in_reply_to", "text", "intent", "direction", "question",
/// "articles", "checks", "bounce", "suggestions"}`: the answer to one message.
public struct ReplyFrame: Sendable, Equatable, Codable {
    /// The session the message came from.
    public var session: String
    /// The message's `id`.
    public var inReplyTo: String
    /// The whole answer as plain text with light Markdown, ready to post in a chat.
    public var text: String
    /// What the message was: `question`, `bounce`, `check`, `command`, `smalltalk`, `unknown`.
    public var intent: String
    /// `sending`, `receiving`, `both` or `unknown`.
    public var direction: String
    /// The question the user is asked to answer, if any: a clarifying question or the offer of the next
    /// step (also part of `text`).
    public var question: String?
    /// Articles the answer is based on, best first.
    public var articles: [ArticleReference]
    /// Results of live checks run for this answer.
    public var checks: [CheckResult]
    /// The analysed bounce, when the message was one; `null` otherwise.
    public var bounce: JSONValue?
    /// Things the user can type next.
    public var suggestions: [String]
    /// The language of the reply (`en`, `fr`, `de`, `es`, `it`, `pt`).
    public var lang: String = "en"

    /// Creates a reply frame from its fields.
    public init(
        session: String, inReplyTo: String, text: String, intent: String, direction: String, question: String?,
        articles: [ArticleReference], checks: [CheckResult], bounce: JSONValue?, suggestions: [String]
    ) {
        self.session = session
        self.inReplyTo = inReplyTo
        self.text = text
        self.intent = intent
        self.direction = direction
        self.question = question
        self.articles = articles
        self.checks = checks
        self.bounce = bounce
        self.suggestions = suggestions
    }

    /// The frame for an engine reply: `text` is the plain rendering of the whole reply. Every string meant
    /// to be shown (question, suggestions, findings, the bounce's fields) is neutralised like `text`;
    /// only the checks' `data` is kept as it came, JSON-escaped.
    public init(session: String, inReplyTo: String, reply: Reply, strings: StringsTable = .empty) {
        let text = ReplyRenderer(style: .plain, strings: strings).render(reply)
        let reply = ReplyRenderer.neutralized(reply)
        self.init(
            session: session, inReplyTo: inReplyTo, text: text,
            intent: reply.intent.rawValue, direction: reply.direction.rawValue,
            question: reply.question ?? reply.nextStep,
            articles: reply.articles, checks: reply.checks, bounce: BounceField.value(of: reply),
            suggestions: reply.suggestions)
        lang = reply.language.code
    }

    enum CodingKeys: String, CodingKey {
        case session, text, intent, direction, lang, question, articles, checks, bounce, suggestions
        case inReplyTo = "in_reply_to"
    }

    /// Decodes a reply frame; `null` and absent `bounce` both mean no bounce.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        session = try container.decode(String.self, forKey: .session)
        inReplyTo = try container.decode(String.self, forKey: .inReplyTo)
        text = try container.decode(String.self, forKey: .text)
        intent = try container.decode(String.self, forKey: .intent)
        direction = try container.decodeIfPresent(String.self, forKey: .direction) ?? "unknown"
        question = try container.decodeIfPresent(String.self, forKey: .question)
        articles = try container.decode([ArticleReference].self, forKey: .articles)
        checks = try container.decode([CheckResult].self, forKey: .checks)
        let bounce = try container.decodeIfPresent(JSONValue.self, forKey: .bounce)
        self.bounce = bounce == .null ? nil : bounce
        suggestions = try container.decode([String].self, forKey: .suggestions)
        lang = try container.decodeIfPresent(String.self, forKey: .lang) ?? "en"
    }
}
