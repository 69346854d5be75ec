import EmbeddedKnowledge
import Foundation
import Knowledge
import TestSupport
import Testing

@Suite struct ValidatorTests {
    @Test func shippedKnowledgeBaseHasNoProblems() {
        let problems = Validator.problems(in: KnowledgeFixture.base, index: KnowledgeFixture.index)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyRequiredArticleExists() {
        for id in KnowledgeBase.requiredIDs { #expect(KnowledgeFixture.base.byID[id] != nil, "missing \(id)") }
    }

    @Test func embeddedKnowledgeBaseMatchesTheFolder() {
        let embedded = KnowledgeBase.embedded()
        #expect(embedded.articles.map(\.id) == KnowledgeFixture.base.articles.map(\.id))
        #expect(embedded.articles == KnowledgeFixture.base.articles)
    }

    @Test func embeddedProviderIDsReadWithoutParsingEqualTheParsedOnes() {
        #expect(KnowledgeBase.embeddedProviderIDs() == Set(KnowledgeBase.embedded().providers.keys))
    }

    @Test func embeddedTitlesReadWithoutParsingEqualTheParsedOnes() {
        let parsed = KnowledgeBase.embedded().byID.mapValues(\.title)
        #expect(KnowledgeBase.embeddedTitles() == parsed)
        #expect(parsed.count == KnowledgeBase.embedded().articles.count)
    }

    static let requiredIDs = KnowledgeBase.requiredIDs

    /// Each example of each article ranks that article first (the lint rule, one case per article).
    @Test(arguments: KnowledgeBase.requiredIDs)
    func examplesRankTheirArticleFirst(id: String) throws {
        let article = try #require(KnowledgeFixture.base.byID[id])
        #expect(article.examples.count >= Validator.minimumExamples)
        for example in article.examples {
            #expect(KnowledgeFixture.index.search(example).hits.first?.id == id, "\(example)")
        }
    }

    @Test func brokenArticleIsReportedWithLineAndTheRestLoads() {
        let good = """
            ---
            id: good
            title: Good
            tags: [sending]
            ---
            ## What it means
            ok
            """
        let broken = """
            ---
            id: broken
            title: [unclosed
            tags: [sending]
            ---
            body
            """
        let badTag = """
            ---
            id: badtag
            title: Bad tag
            tags: [outgoing]
            ---
            body
            """
        let base = KnowledgeBase(files: [
            ("articles/good.md", good), ("articles/broken.md", broken), ("articles/badtag.md", badTag),
            ("articles/nofront.md", "just text"),
        ])
        #expect(base.articles.map(\.id) == ["good"])
        let problems = base.problems.sorted()
        #expect(problems.count == 3)
        #expect(problems.contains { $0.file == "articles/broken.md" && $0.line >= 2 })
        #expect(
            problems.contains { $0.file == "articles/badtag.md" && $0.line == 4 && $0.message.contains("outgoing") })
        #expect(problems.contains { $0.file == "articles/nofront.md" && $0.line == 1 })
    }

    @Test func lintFindsDanglingRelatedUnknownChecksAndDuplicates() {
        let text = { (id: String, related: String, checks: String, example: String) in
            """
            ---
            id: \(id)
            title: T \(id)
            tags: [receiving]
            keywords: [k]
            summary: s
            examples: ["\(example)"]
            checks: [\(checks)]
            related: [\(related)]
            ---
            ## What it means
            a
            """
        }
        let base = KnowledgeBase(files: [
            ("articles/a.md", text("a", "nowhere", "mx", "same words")),
            ("articles/b.md", text("b", "a", "telnet", "same words")),
        ])
        let messages = Validator.problems(in: base).map(\.description)
        #expect(messages.contains { $0.contains("articles/a.md:9: related article 'nowhere' does not exist") })
        #expect(messages.contains { $0.contains("articles/b.md:8: unknown check id 'telnet'") })
        #expect(messages.contains { $0.contains("duplicate example") })
        #expect(messages.contains { $0.contains("required article 'spf' is missing") })
    }
}
