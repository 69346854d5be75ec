import ByteText
import Localization

/// One intent's score for a message.
public struct IntentScore: Sendable, Equatable, Codable {
    /// Intent id (`check-request`, `why`, `fact-sending-limits`).
    public var id: String
    /// The BM25F score of the intent's examples against the message.
    public var score: Double
    /// Share of the message's distinct terms that the intent's examples contain, from 0 to 1: how much of
    /// the message the intent explains ("yes" → `yes` 1.0; "yes, but DKIM fails" → `yes` 0.33).
    public var coverage: Double
}

/// The conversational intents matched by the same engine as the articles: each intent is a document
/// whose examples (all languages) are its text. The only difference is the lexicon: stop words are kept,
/// since "yes", "no", "why" and "how" are exactly what tells these intents apart.
public final class IntentIndex: Sendable {
    /// The search index over the intents' examples.
    public let index: SearchIndex
    /// The language of a person's words from their letters, trained on the knowledge base's six languages.
    public let languages: LanguageGuesser
    private let definitions: [String: IntentDefinition]
    /// Longest message classified, in bytes: a longer text is a complaint or a paste, never "yes" or "why".
    public static let maximumBytes = 600

    /// Builds the index over a knowledge base's intents.
    public convenience init(base: KnowledgeBase) {
        var lexicon = base.lexicon
        lexicon.stopwords = [:]
        let documents = base.intents.map { intent in
            Article(
                id: intent.id, title: "", tags: [], summary: "", examples: intent.allExamples, source: intent.source)
        }
        // Keywords only: the intents are told apart by their words; the semantic signal is for articles.
        var weights = RankingWeights()
        weights.semantic = 0
        self.init(
            base: base,
            index: SearchIndex(base: KnowledgeBase(articles: documents, lexicon: lexicon), weights: weights),
            languages: LanguageGuesser(base: base))
    }

    /// The intents of a knowledge base with their search index and language model already built (decoded
    /// from the binary), and the stems of its stop words when they were made at build time too
    /// (``stopStems(base:index:)``; `nil` → made here).
    public init(base: KnowledgeBase, index: SearchIndex, languages: LanguageGuesser, stopStems: Set<String>? = nil) {
        self.index = index
        self.languages = languages
        self.stopStems = stopStems ?? Self.stopStems(base: base, index: index)
        cuePhrases = Dictionary(
            base.intents.compactMap { intent -> (String, [[String]])? in
                let phrases = intent.cues.values.flatMap { $0 }.map {
                    WordSplitter.words(in: $0).map(TextAnalyzer.fold)
                }
                return phrases.isEmpty ? nil : (intent.id, phrases.filter { !$0.isEmpty })
            }, uniquingKeysWith: { first, _ in first })
        definitions = Dictionary(base.intents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var answers: [String: String] = [:]
        var vocabulary = Set<String>()
        for id in ["yes", "no"] {
            for example in base.intents.first(where: { $0.id == id })?.allExamples ?? [] {
                let words = WordSplitter.words(in: example).map(TextAnalyzer.fold)
                if words.count == 1, let word = words.first { answers[word] = id }
                vocabulary.formUnion(words)
            }
        }
        answerWords = answers
        answerVocabulary = vocabulary
    }

    /// A reply that starts with yes or no: which, and how many words follow ("no, they match and webmail
    /// works" → (`no`, 5), counting only words that are no answer themselves); nil when the text does not start with an answer word.
    public func leadingAnswer(_ text: String) -> (id: String, following: Int)? {
        guard text.utf8.count <= Self.maximumBytes else { return nil }
        let words = WordSplitter.words(in: text).map(TextAnalyzer.fold)
        guard let first = words.first, let id = answerWords[first] else { return nil }
        if Self.ambiguousAnswerWords.contains(first), words.count > 1 {
            // "no, it does not" / "no. webmail fails too" / "no - …": punctuation right after the word.
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            let after = trimmed.dropFirst(first.count).first
            guard let after, ",.;:!-–".contains(after) else { return nil }
        }
        return (id, words.dropFirst().filter { !answerVocabulary.contains($0) }.count)
    }

    /// The one-word answers of the `yes` and `no` intents (folded), which start a "yes, …" / "no, …" reply.
    private let answerWords: [String: String]
    /// Stems of the article lexicon's stop words: matched, but not content.
    public let stopStems: Set<String>

    /// The article lexicon's stop words, as the intent index stems them in every language: a message's
    /// content is the rest. Some thousands of stemmer calls, so the build makes them once.
    public static func stopStems(base: KnowledgeBase, index: SearchIndex) -> Set<String> {
        var stems = Set<String>()
        for words in base.lexicon.stopwords.values {
            for word in words {
                for language in Language.allCases { stems.insert(index.textAnalyzer.stem(word, language: language)) }
            }
        }
        return stems
    }
    /// Each intent's cue phrases as folded words.
    private let cuePhrases: [String: [[String]]]

    /// Cues of at most this many characters match only words with a short ending (``shortCueEnding``).
    static let shortCue = 4
    /// The most characters a word may have beyond a short cue.
    static let shortCueEnding = 3

    /// Whether a message has one of the intent's cues (true for an intent without cues).
    public func hasCue(_ id: String, in text: String) -> Bool {
        guard let phrases = cuePhrases[id] else { return true }
        // Names are no cue: "dialog.test" does not ask to test anything.
        let head = String(decoding: text.utf8.prefix(Self.maximumBytes), as: UTF8.self)
        let plain = head.split(separator: " ").filter { token in
            !token.contains("@") && !token.dropLast().contains(".")
        }.joined(separator: " ")
        let words = WordSplitter.words(in: plain).map(TextAnalyzer.fold)
        return phrases.contains { phrase in
            guard phrase.count <= words.count else { return false }
            return (0...(words.count - phrase.count)).contains { start in
                // A cue word matches as a prefix ("check" → "checking", "prüf" → "prüfen"); a short one only
                // with a short ending ("prob" → "probar", not "probably").
                zip(phrase, words[start..<(start + phrase.count)]).allSatisfy { cue, word in
                    word.hasPrefix(cue) && (cue.count > Self.shortCue || word.count - cue.count <= Self.shortCueEnding)
                }
            }
        }
    }
    /// Every word of the `yes` and `no` examples ("sure", "leider", "claro"): no content of their own.
    private let answerVocabulary: Set<String>
    /// Answer words that also start ordinary sentences ("no emails arrive", "si je…"): they count as an
    /// answer only when punctuation follows them or they stand alone.
    private static let ambiguousAnswerWords: Set<String> = ["no", "non", "si", "ne", "ok"]

    /// The intent definition with this id.
    public func definition(_ id: String) -> IntentDefinition? { definitions[id] }

    /// Number of intents.
    public var count: Int { definitions.count }

    /// The intents ranked for a message, best first, with their coverage; empty for an empty or long text.
    public func classify(_ text: String, limit: Int = 4) -> [IntentScore] {
        guard !text.isEmpty, text.utf8.count <= Self.maximumBytes else { return [] }
        let analysis = index.textAnalyzer.analyze(text)
        let terms = Set(analysis.terms.keys)
        guard !terms.isEmpty else { return [] }
        // Coverage counts content terms; a message of function words only ("why?", "and now?") counts them all.
        let content = terms.filter { !stopStems.contains($0) }
        let counted = content.isEmpty ? terms : content
        let countedIDs = Set(analysis.termIDs).filter { counted.contains(index.analyzer.termText($0)) }
        let result = index.search(text, limit: limit)
        return result.hits.map { hit in
            // The counted terms the intent's examples contain, read from the postings.
            let document = index.documents.firstIndex { $0.id == hit.id }.map { Int32($0) }
            let matched = countedIDs.filter { term in
                document.map { index.postings[Int(term)].docs.contains($0) } ?? false
            }
            return IntentScore(id: hit.id, score: hit.score, coverage: Double(matched.count) / Double(counted.count))
        }
    }
}
