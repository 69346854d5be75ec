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

    enum CodingKeys: String, CodingKey {
        case stopwords, synonyms, direction, boilerplate
        case languageCues = "language_cues"
        case mailWords = "mail_words"
    }

    /// Creates a lexicon from its parts.
    public init(
        stopwords: [String: [String]] = [:], synonyms: [[String]] = [], direction: [String: [String]] = [:],
        languageCues: [String: [String]] = [:], mailWords: [String] = [], boilerplate: [String] = []
    ) {
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
    }
}
