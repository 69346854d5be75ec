import Knowledge

/// The knowledge base ready to answer: articles, search index and the provider profile in use.
public struct KnowledgeService: Sendable {
    /// The loaded knowledge base.
    public let base: KnowledgeBase
    /// Its search index.
    public let index: SearchIndex
    /// The provider whose values fill article placeholders.
    public let provider: ProviderProfile

    /// Indexes a knowledge base and picks a provider profile (`nil` → the first non-generic one;
    /// `none` or an unknown name → generic).
    public init(base: KnowledgeBase, providerName: String? = nil) {
        self.base = base
        self.index = SearchIndex(base: base)
        let generic = base.providers["generic"] ?? ProviderProfile(id: "generic", values: ["name": "your provider"])
        if let providerName {
            provider = base.providers[providerName] ?? generic
        } else {
            provider =
                base.providers.values.filter { $0.id != "generic" }.sorted { $0.id < $1.id }.first ?? generic
        }
    }

    /// An article with the provider's values filled in.
    public func article(_ id: String) -> Article? {
        guard var article = base.byID[id] else { return nil }
        article.title = provider.render(article.title)
        article.summary = provider.render(article.summary)
        article.body = provider.render(article.body)
        return article
    }
}
