import Conversation
import Knowledge
import MCP
import Sanitizer

/// The knowledge base's articles as MCP resources: `maildoctor://articles/{id}`, Markdown, with the
/// provider profile's values filled in.
enum ArticleResources {
    /// The URI scheme and path every article resource starts with.
    static let prefix = "maildoctor://articles/"

    /// The URI template clients can fill in.
    static let template = Resource.Template(
        uriTemplate: prefix + "{id}", name: "article", title: "A MailDoctor knowledge-base article",
        description: "One article by id (search_articles gives the ids): what it means, how to confirm, what to do.",
        mimeType: "text/markdown")

    /// The resource URI of an article.
    static func uri(of id: String) -> String {
        prefix + id
    }

    /// Every article, sorted by id.
    static func list(_ knowledge: KnowledgeService) -> [Resource] {
        knowledge.base.articles.map(\.id).sorted().compactMap { id in
            knowledge.article(id).map { article in
                Resource(
                    name: id, uri: uri(of: id), title: article.title, description: article.summary,
                    mimeType: "text/markdown")
            }
        }
    }

    /// The article a URI names, as Markdown.
    ///
    /// - Throws: `MCPError` -32002 (resource not found) for any other URI.
    static func read(_ uri: String, in knowledge: KnowledgeService) throws -> ReadResource.Result {
        guard uri.hasPrefix(prefix), let article = knowledge.article(String(uri.dropFirst(prefix.count))) else {
            throw MCPError.serverError(
                code: -32002, message: "Resource not found: \(TextSanitizer.neutralize(String(uri.prefix(200))))")
        }
        var text = "# \(article.title)\n\n\(article.summary)\n\n\(article.body)"
        if !text.hasSuffix("\n") { text += "\n" }
        return ReadResource.Result(contents: [.text(text, uri: uri, mimeType: "text/markdown")])
    }
}
