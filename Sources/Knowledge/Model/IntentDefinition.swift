/// A conversational intent, as the knowledge base declares it in `intents/ID.yaml`: what a person wants
/// from a message ("check my domain", "why?", "how many mails per hour?"), with example phrasings in each
/// language. Intents are matched by the same engine as articles, so a new phrasing is a data change.
public struct IntentDefinition: Sendable, Equatable, Decodable {
    /// What an intent is for.
    public enum Kind: String, Sendable, Equatable, Decodable {
        /// A move in the conversation: a complaint, a check request, yes, no, why, thanks…
        case dialog
        /// A question about a fact that has an answer in the provider profile (limits, servers, ports…).
        case fact
    }

    /// Intent id, the file name without `.yaml` (`check-request`, `fact-sending-limits`).
    public var id: String
    /// One line: what the person wants.
    public var summary: String
    /// A dialog move or a fact question.
    public var kind: Kind
    /// For a fact: the article whose steps follow the fact.
    public var article: String?
    /// For a fact: the answer, fact first, with `{{provider.KEY}}` placeholders.
    public var answer: String?
    /// Example phrasings by language code (`en`, `fr`, `de`, `es`, `it`, `pt`).
    public var examples: [String: [String]]
    /// Words or phrases by language, one of which a message must contain to have this intent (a check
    /// request asks to act: "check", "test", "vérifie", "prüf"); empty when the examples alone decide.
    public var cues: [String: [String]] = [:]
    /// For a fact: whether it is a quantity (a size, a count), asked with "how much", "how big" or "what
    /// size"; a question on how to do something that asks no measure ("how do I free up space?") is not
    /// asking for it.
    public var measure = false
    /// The file it was read from, relative to the knowledge base root.
    public var source = ""

    private enum CodingKeys: String, CodingKey {
        case id, summary, kind, article, answer, examples, cues, measure
    }

    /// Reads an intent file; `cues` and `measure` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        summary = try container.decode(String.self, forKey: .summary)
        kind = try container.decode(Kind.self, forKey: .kind)
        article = try container.decodeIfPresent(String.self, forKey: .article)
        answer = try container.decodeIfPresent(String.self, forKey: .answer)
        examples = try container.decode([String: [String]].self, forKey: .examples)
        cues = try container.decodeIfPresent([String: [String]].self, forKey: .cues) ?? [:]
        measure = try container.decodeIfPresent(Bool.self, forKey: .measure) ?? false
    }

    /// Creates an intent.
    public init(
        id: String, summary: String, kind: Kind, article: String? = nil, answer: String? = nil,
        examples: [String: [String]], cues: [String: [String]] = [:], measure: Bool = false, source: String = ""
    ) {
        self.cues = cues
        self.measure = measure
        self.id = id
        self.summary = summary
        self.kind = kind
        self.article = article
        self.answer = answer
        self.examples = examples
        self.source = source
    }

    /// Every example, all languages together, in language-code order.
    public var allExamples: [String] {
        examples.keys.sorted().flatMap { examples[$0] ?? [] }
    }
}
