import Knowledge
import Localization
import Synchronization

/// The knowledge base ready to answer: articles, search index and the provider profile in use.
public struct KnowledgeService: Sendable {
    /// The loaded knowledge base.
    public let base: KnowledgeBase
    /// Its search index.
    public let index: SearchIndex
    /// The conversational intents, matched by the same engine.
    public let intents: IntentIndex
    /// The provider whose values fill article placeholders.
    public let provider: ProviderProfile
    /// Words that name each provider profile (its id and name, lower case) → profile id.
    let providerWords: PhraseLookup
    /// The provider profile as it reads in each language, merged once.
    private let localProviders: [Language: ProviderProfile]
    /// Articles with the provider's values filled in and split into parts, on first use (per language
    /// and id): a start renders only the articles its first reply shows, not all of them.
    private let renderedCache = LanguageKeyedCache<(article: Article, parts: ArticleParts)>()
    /// The informative terms of the knowledge base's own sentences (steps, summaries), per language,
    /// made once: a follow-up compares itself with them (`stepReply`). Bounded by the knowledge base.
    private let sentenceTerms = LanguageKeyedCache<[Int32: Double]>()

    /// An article's body cut into what a reply shows.
    struct ArticleParts: Sendable {
        var steps: [String]
        var otherSections: [(title: String, text: String)]
    }

    /// Indexes a knowledge base and picks a provider profile (`nil` → the first non-generic one;
    /// `none` or an unknown name → generic).
    public init(base: KnowledgeBase, providerName: String? = nil) {
        self.init(
            base: base, index: SearchIndex(base: base), intents: IntentIndex(base: base), providerName: providerName)
    }

    /// The same knowledge base and search index with another provider profile; nothing is indexed again.
    public func with(providerName: String?) -> KnowledgeService {
        KnowledgeService(base: base, index: index, intents: intents, providerName: providerName)
    }

    /// A knowledge base with an index already built for it (such as the one compiled into the binary);
    /// the intents are indexed here.
    public init(base: KnowledgeBase, index: SearchIndex, providerName: String?) {
        self.init(base: base, index: index, intents: IntentIndex(base: base), providerName: providerName)
    }

    /// A knowledge base with its article and intent indexes already built (such as the ones compiled
    /// into the binary), and a provider profile as in ``init(base:providerName:)``.
    public init(base: KnowledgeBase, index: SearchIndex, intents: IntentIndex, providerName: String?) {
        self.base = base
        self.index = index
        self.intents = intents
        let chosen = Self.provider(in: base, named: providerName)
        provider = chosen
        var words: [(phrase: String, value: String)] = []
        for (id, profile) in base.providers.sorted(by: { $0.key < $1.key }) where id != "generic" {
            words.append((id.lowercased(), id))
            words.append((profile.name.lowercased(), id))
        }
        providerWords = PhraseLookup(words)
        localProviders = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, chosen.localized($0)) })
    }

    /// An article with a profile's values in place of its placeholders.
    private static func render(_ original: Article, with profile: ProviderProfile) -> Article {
        var article = original
        article.title = profile.render(article.title)
        article.summary = profile.render(article.summary)
        article.body = profile.render(article.body)
        return article
    }

    /// An article's body cut into steps and other sections.
    private static func parts(_ article: Article) -> ArticleParts {
        let sections = article.sections
        return ArticleParts(
            steps: sections.first { $0.title == "What to do" }.map { ConversationEngine.listItems($0.text) } ?? [],
            otherSections: sections.filter { $0.title != "What to do" && !$0.title.isEmpty })
    }

    /// The article in the language of the current reply (``Localizer/current``), or in English when it has
    /// no translation in it, with its parts; rendered once per language and kept.
    private func rendered(_ id: String) -> (article: Article, parts: ArticleParts)? {
        guard let original = base.byID[id] else { return nil }
        let current = Localizer.current.language
        let language = original.translations[current] == nil ? Language.english : current
        return renderedCache.value(language, id) {
            let article = Self.render(
                language == .english ? original : original.localized(language),
                with: localProviders[language] ?? provider)
            return (article, Self.parts(article))
        }
    }

    /// The provider profile as it reads in the current reply's language.
    var localProvider: ProviderProfile { localProviders[Localizer.current.language] ?? provider }

    /// The provider profile a service for `base` uses (`nil` → the first non-generic one; `none` or an
    /// unknown name → generic), without indexing anything.
    public static func provider(in base: KnowledgeBase, named providerName: String?) -> ProviderProfile {
        let generic = base.providers["generic"] ?? ProviderProfile(id: "generic", values: ["name": "your provider"])
        if let providerName { return base.providers[providerName] ?? generic }
        return base.providers.values.filter { $0.id != "generic" }.sorted { $0.id < $1.id }.first ?? generic
    }

    /// The "What to do" items of an article.
    func steps(_ id: String) -> [String] {
        rendered(id)?.parts.steps ?? []
    }

    /// The sections of an article other than its steps.
    func otherSections(_ id: String) -> [(title: String, text: String)] {
        rendered(id)?.parts.otherSections ?? []
    }

    /// An article with the provider's values filled in, in the current reply's language
    /// (``Localizer/current``) when it has a translation in it.
    public func article(_ id: String) -> Article? {
        rendered(id)?.article
    }
}

extension KnowledgeService {
    /// The informative terms (``SearchIndex/informativeTerms(in:language:)``) of a sentence of the
    /// knowledge base, read in `language`, cached.
    func terms(ofSentence sentence: String, language: Language) -> [Int32: Double] {
        sentenceTerms.value(language, sentence) { index.informativeTerms(in: sentence, language: language) }
    }
}

/// Values made from the knowledge base per language and key (a rendered article by id, a sentence's
/// terms by sentence), each made once on first use and kept: bounded by the knowledge base.
final class LanguageKeyedCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[Language: [String: Value]]>([:])

    /// The value for `language` and `key`, made by `make` the first time.
    func value(_ language: Language, _ key: String, make: () -> Value) -> Value {
        if let found = entries.withLock({ $0[language]?[key] }) { return found }
        let made = make()
        entries.withLock { $0[language, default: [:]][key] = made }
        return made
    }
}
