import Foundation
import Knowledge
import TestSupport
import Testing

/// The WordPiece tokenizer and the static embedding against the Python reference (`make distill` writes
/// Fixtures/wordpiece.json with the `tokenizers` package's ids and numpy's vectors from the same table).
@Suite struct SemanticTests {
    struct Entry: Decodable {
        var text: String
        var ids: [Int32]
        var vector: [Float]?
    }

    static let entries: [Entry] = {
        let url = TestPaths.root.appendingPathComponent("Tests/KnowledgeTests/Fixtures/wordpiece.json")
        guard let data = try? Data(contentsOf: url), let entries = try? JSONDecoder().decode([Entry].self, from: data)
        else { return [] }
        return entries
    }()

    @Test func tableIsEmbedded() throws {
        let embedding = try #require(StaticEmbedding.embedded)
        #expect(embedding.dimension > 0)
        #expect(embedding.tokenizer.vocabulary.count == 30_522)
        #expect(embedding.tokenizer.vocabulary.token(embedding.tokenizer.vocabulary.unknown) == "[UNK]")
    }

    @Test func tokenizerMatchesPython() throws {
        let embedding = try #require(StaticEmbedding.embedded)
        #expect(Self.entries.count > 100)
        for entry in Self.entries {
            let ids = embedding.tokenizer.tokenIDs(entry.text)
            #expect(ids == entry.ids, "\(entry.text)")
        }
    }

    @Test func vectorsMatchPython() throws {
        let embedding = try #require(StaticEmbedding.embedded)
        let withVectors = Self.entries.filter { $0.vector != nil }
        #expect(withVectors.count >= 10)
        for entry in withVectors {
            let expected = try #require(entry.vector)
            let vector = embedding.vector(entry.text)
            #expect(vector.count == expected.count)
            let worst = zip(vector, expected).map { abs($0 - $1) }.max() ?? 0
            #expect(worst <= 1e-3, "\(entry.text): \(worst)")
        }
    }

    @Test func similarTextsAreCloser() throws {
        let semantic = SemanticIndex(articles: KnowledgeFixture.base.articles)
        let cosines = try #require(semantic.cosines("my mailbox is full and people get bounces saying over quota"))
        let ids = KnowledgeFixture.base.articles.map(\.id)
        let best = try #require(cosines.indices.max { cosines[$0] < cosines[$1] })
        #expect(["mailbox-full", "smtp-552"].contains(ids[best]))
    }

    @Test func noKnownTokenGivesNoSemanticSignal() {
        let semantic = SemanticIndex(articles: KnowledgeFixture.base.articles)
        #expect(semantic.cosines("") == nil)
        #expect(semantic.cosines("   \n\t ") == nil)
    }
}
