/// Synonyms, phrases, stop words and direction cues that shape how text is matched.
public struct Lexicon: Sendable, Decodable {
    /// Words ignored when matching, per language code (`en`, `fr`, `de`).
    public var stopwords: [String: [String]]
    /// Groups of words or phrases that mean the same thing; the first names the group.
    public var synonyms: [[String]]
    /// Phrases that say the user is sending or receiving (`sending`, `receiving`), or that one
    /// side works fine, which puts the problem on the other side (`sending_works`, `receiving_works`).
    public var direction: [String: [String]]
    /// Fixed sentences of mail-server templates ("For further assistance, please send mail to
    /// postmaster") whose words say nothing about the problem; concepts inside them still count.
    public var boilerplate: [String]
    /// Words that show a text is about email at all.
    public var mailWords: [String]
    /// Words that hint at a language, used to pick a stemmer (`fr`, `de`).
    public var languageCues: [String: [String]]
    /// What else a text says that changes which article fits it (a login error in a named mail program is
    /// not a webmail login problem): applied to the ranking after the keyword and semantic scores.
    public var context: [ContextRule]

    enum CodingKeys: String, CodingKey {
        case stopwords, synonyms, direction, boilerplate, context
        case languageCues = "language_cues"
        case mailWords = "mail_words"
    }

    /// Creates a lexicon from its parts.
    public init(
        stopwords: [String: [String]] = [:], synonyms: [[String]] = [], direction: [String: [String]] = [:],
        languageCues: [String: [String]] = [:], mailWords: [String] = [], boilerplate: [String] = [],
        context: [ContextRule] = []
    ) {
        self.context = context
        self.boilerplate = boilerplate
        self.mailWords = mailWords
        self.stopwords = stopwords
        self.synonyms = synonyms
        self.direction = direction
        self.languageCues = languageCues
    }

    /// Decodes a lexicon, treating absent sections as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stopwords = try container.decodeIfPresent([String: [String]].self, forKey: .stopwords) ?? [:]
        synonyms = try container.decodeIfPresent([[String]].self, forKey: .synonyms) ?? []
        direction = try container.decodeIfPresent([String: [String]].self, forKey: .direction) ?? [:]
        languageCues = try container.decodeIfPresent([String: [String]].self, forKey: .languageCues) ?? [:]
        mailWords = try container.decodeIfPresent([String].self, forKey: .mailWords) ?? []
        boilerplate = try container.decodeIfPresent([String].self, forKey: .boilerplate) ?? []
        context = try container.decodeIfPresent([ContextRule].self, forKey: .context) ?? []
    }
}

/// One context rule of the lexicon: when a text holds any of `when` (a synonym group's name, or a word)
/// and none of `unless`, each article of `scale` has its score multiplied by the factor given.
public struct ContextRule: Sendable, Decodable, Equatable {
    /// Concepts or words, any of which makes the rule apply.
    public var when: [String]
    /// Concepts or words, any of which keeps the rule from applying.
    public var unless: [String]
    /// Article id → factor (below 1 lowers the article, above 1 raises it).
    public var scale: [String: Double]

    /// Creates a rule from its parts.
    public init(when: [String], unless: [String] = [], scale: [String: Double]) {
        self.when = when
        self.unless = unless
        self.scale = scale
    }

    enum CodingKeys: String, CodingKey { case when, unless, scale }

    /// Decodes a rule; `unless` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        when = try container.decode([String].self, forKey: .when)
        unless = try container.decodeIfPresent([String].self, forKey: .unless) ?? []
        scale = try container.decode([String: Double].self, forKey: .scale)
    }
}
