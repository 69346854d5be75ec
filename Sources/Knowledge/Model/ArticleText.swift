import Localization

/// The words of an article in one language other than English: its title, summary and body, with the
/// keywords people use in that language. The shared structure (tags, codes, checks, related ids,
/// steps count, placeholders) is the English article's; `kb lint` holds each translation to it.
public struct ArticleText: Sendable, Equatable {
    /// Human title.
    public var title: String
    /// One or two sentences said first in a reply.
    public var summary: String
    /// Markdown body with the English section headings (they are keys; replies show them translated).
    public var body: String
    /// Words and phrases people use for this problem in this language.
    public var keywords: [String]
    /// The file it came from (relative path), for lint messages.
    public var source: String
    /// Line of each front-matter key in the source file.
    public var lines: [String: Int]

    /// Creates an article text.
    public init(
        title: String, summary: String, body: String, keywords: [String] = [], source: String = "",
        lines: [String: Int] = [:]
    ) {
        self.title = title
        self.summary = summary
        self.body = body
        self.keywords = keywords
        self.source = source
        self.lines = lines
    }
}

extension Article {
    /// One field of every translation, in language order (for the search index).
    func translationTexts(_ field: KeyPath<ArticleText, String>) -> [String] {
        Language.allCases.compactMap { translations[$0]?[keyPath: field] }
    }

    /// The article as shown in `language`: its translated title, summary and body, or the English
    /// article when it has no translation in that language.
    public func localized(_ language: Language) -> Article {
        guard language != .english, let text = translations[language] else { return self }
        var article = self
        article.title = text.title
        article.summary = text.summary
        article.body = text.body
        return article
    }
}
