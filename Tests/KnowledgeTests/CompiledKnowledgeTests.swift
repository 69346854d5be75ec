import ByteText
import EmbeddedKnowledge
import Foundation
import Knowledge
import TestSupport
import Testing

/// The knowledge base and index compiled into the binary against ones parsed and built from
/// `KnowledgeBase/` in the test: equal parts, and the same ranking, scores and explanations for
/// every query.
@Suite struct CompiledKnowledgeTests {
    static let loaded = EmbeddedKnowledge.loaded

    /// Every article's examples, titles, keywords and summaries, and a few hundred made-up texts:
    /// codes, typos, other languages, non-Latin scripts, long pastes, nothing at all.
    static let queries: [String] = {
        let articles = KnowledgeFixture.base.articles
        var queries: [String] = []
        for article in articles {
            queries += article.examples
            queries.append(article.title)
            queries.append(article.summary)
            queries += article.keywords
            queries.append(
                article.keywords.prefix(3).joined(separator: " ") + " " + article.codes.joined(separator: " "))
        }
        let codes = [
            "550", "550 5.7.1", "550-5.7.26", "421 4.7.0", "452 4.2.2", "554 5.7.1", "5.1.1", "535 5.7.8", "553",
            "451 4.3.0", "552 5.3.4", "999 9.9.9", "5.7.0", "4.4.1",
        ]
        let phrases = [
            "I can't send emails", "I can't receive anything", "outlook keeps asking for my password",
            "my mails bounce", "the webmail works but not the app", "sending works fine but nothing arrives",
            "how many emails can I send per hour?", "my IP is on a blacklist", "DKIM signature fails",
            "mailbox full", "the server said", "je ne peux plus envoyer de mails", "ma boîte est pleine",
            "ich kann keine E-Mails empfangen", "Postfach voll", "réception impossible depuis lundi",
            "Empfängt keine Nachrichten", "邮件无法发送", "почта не работает", "😀 mail broken 😀", "",
            "   ", "a", "the", "help", "recieve emials blacklistet spamhouse authentification",
            "authenticaton falied quotta exceded", "mot de passe refusé", "Zustellung fehlgeschlagen",
            "Thunderbird says login failed", "the confirmation email never arrives", "webmail login failed in Outlook",
        ]
        for (position, code) in codes.enumerated() {
            queries.append(code)
            queries.append("\(phrases[position % phrases.count]) \(code)")
            queries.append("Remote server returned '\(code) message rejected'")
        }
        for first in phrases {
            queries.append(first)
            queries.append(first.uppercased())
            for second in phrases.prefix(6) where second != first { queries.append("\(first), \(second)") }
        }
        // Typos: one letter of a long keyword left out, doubled or swapped.
        for (position, keyword) in articles.flatMap(\.keywords).enumerated() where keyword.count >= 6 {
            var characters = Array(keyword)
            switch position % 3 {
            case 0: characters.remove(at: characters.count / 2)
            case 1: characters.insert(characters[2], at: 2)
            default: characters.swapAt(1, 2)
            }
            queries.append("problem with " + String(characters))
        }
        // Long pastes: bodies, alone and after a bounce's first line.
        for article in articles.prefix(12) {
            queries.append(article.body)
            queries.append("Delivery has failed. 550 5.1.1 <someone@example.com>: \(article.body.prefix(600))")
        }
        return queries
    }()

    @Test func theCompiledBlobIsUsed() {
        #expect(Self.loaded.refusal == nil)
        #expect(Self.queries.count > 500)
    }

    @Test func theDecodedKnowledgeBaseEqualsTheParsedOne() {
        expectEqual(Self.loaded.base, KnowledgeFixture.base)
    }

    @Test func theDecodedIndexRanksEveryQueryLikeAFreshOne() {
        expectSameRanking(Self.loaded.index, KnowledgeFixture.index, queries: Self.queries)
    }

    /// What the build writes, read back: the same as what it was made from, for a knowledge base read
    /// from a directory too.
    @Test func aRoundTripKeepsEverything() throws {
        let compiled = CompiledKnowledge(
            base: KnowledgeFixture.base, index: KnowledgeFixture.index,
            intents: IntentIndex(base: KnowledgeFixture.base))
        let blob = compiled.serialized()
        let decoded = try blob.withByteView { raw in
            Result { () throws(BlobError) in try CompiledKnowledge(blob: raw) }
        }.get()
        expectEqual(decoded.base, KnowledgeFixture.base)
        expectSameRanking(decoded.index, KnowledgeFixture.index, queries: Self.queries)
        // The intents come back too, ranked the same.
        let intents = IntentIndex(base: KnowledgeFixture.base)
        for query in ["why?", "can you check my domain example.org", "merci", "how many mails per hour"] {
            #expect(decoded.intents.classify(query) == intents.classify(query))
        }
        // And the language model, guessing the same.
        for text in ["le mie mail finiscono nello spam", "configurar email no iphone", "mails kommen nicht an", "ok"] {
            #expect(decoded.intents.languages.guess(text) == intents.languages.guess(text))
            #expect(decoded.intents.languages.guess(text) != nil)
        }
        let again = decoded.serialized()
        #expect(again == blob)
    }

    @Test func aTruncatedBlobIsRefusedWithAClearError() throws {
        let blob = try EmbeddedKnowledge.blob()
        for length in [0, 3, 27, 28, 100, blob.count / 2, blob.count - 1] {
            let error = refusal(Array(blob.prefix(length)))
            #expect(error?.message.hasPrefix("truncated") == true, "\(length) bytes: \(String(describing: error))")
        }
    }

    @Test func aCorruptBlobIsRefusedWithAClearError() throws {
        let blob = try EmbeddedKnowledge.blob()
        for offset in [40, blob.count / 3, blob.count - 1] {
            var corrupt = blob
            corrupt[offset] ^= 0x10
            #expect(refusal(corrupt)?.message == "corrupt: the checksum does not match")
        }
        var marked = blob
        marked[0] = UInt8(ascii: "X")
        #expect(refusal(marked)?.message == "not a knowledge-base blob (no MDKB mark)")
        var versioned = blob
        versioned[4] &+= 1
        #expect(refusal(versioned)?.message.hasPrefix("format version") == true)
        #expect(refusal(blob + [0])?.message.hasPrefix("corrupt") == true)
    }

    /// A section cut short inside a blob whose checksum is right (a bug, not a flipped bit) is refused
    /// too, wherever the cut falls: every read is checked.
    @Test func aShortSectionBehindAValidChecksumIsRefused() throws {
        let blob = try EmbeddedKnowledge.blob()
        let sections = try blob.withByteView { raw in
            Result { () throws(BlobError) in try KnowledgeBlob.sections(of: raw).mapValues { Array($0) } }
        }.get()
        let base = try #require(sections[CompiledKnowledge.Section.base])
        let index = try #require(sections[CompiledKnowledge.Section.articleIndex])
        for cut in stride(from: 1, to: index.count, by: max(1, index.count / 97)) {
            let repacked = KnowledgeBlob.pack([
                (CompiledKnowledge.Section.base, base),
                (CompiledKnowledge.Section.articleIndex, Array(index.prefix(cut))),
            ])
            #expect(refusal(repacked) != nil, "index cut at \(cut)")
        }
        for cut in stride(from: 1, to: base.count, by: max(1, base.count / 31)) {
            let repacked = KnowledgeBlob.pack([
                (CompiledKnowledge.Section.base, Array(base.prefix(cut))),
                (CompiledKnowledge.Section.articleIndex, index),
            ])
            #expect(refusal(repacked) != nil, "knowledge base cut at \(cut)")
        }
        let missing = KnowledgeBlob.pack([(CompiledKnowledge.Section.base, base)])
        #expect(refusal(missing)?.message == "no 'index/articles' section")
    }

    /// A refused blob does not stop the program: the knowledge base is built from the embedded files.
    @Test func aRefusedBlobFallsBackToBuildingAtStart() throws {
        let blob = try EmbeddedKnowledge.blob()
        let loaded = EmbeddedKnowledge.load(blob: Array(blob.prefix(blob.count - 10)))
        #expect(loaded.refusal?.message.hasPrefix("truncated") == true)
        #expect(loaded.base.articles.count == KnowledgeFixture.base.articles.count)
        #expect(loaded.index.search("my inbox is full and I cannot receive anything").hits.first?.id == "mailbox-full")
        expectSameRanking(loaded.index, KnowledgeFixture.index, queries: Array(Self.queries.prefix(80)))
    }

    @Test func base64RoundTrips() throws {
        for count in 0..<10 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 89 &+ 250) }
            var text = KnowledgeBlob.base64(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            let decoded = try text.withByteView { utf8 in
                Result { () throws(BlobError) in try KnowledgeBlob.decodeBase64(utf8) }
            }.get()
            #expect(decoded == bytes)
        }
        var bad = "QUJD*A=="
        let refused = bad.withByteView { utf8 in Result { () throws(BlobError) in try KnowledgeBlob.decodeBase64(utf8) }
        }
        #expect(throws: BlobError.self) { try refused.get() }
    }

    private func refusal(_ blob: [UInt8]) -> BlobError? {
        let result = blob.withByteView { raw in Result { () throws(BlobError) in try CompiledKnowledge(blob: raw) } }
        if case .failure(let error) = result { return error }
        return nil
    }

    private func expectEqual(_ decoded: KnowledgeBase, _ parsed: KnowledgeBase) {
        #expect(decoded.articles == parsed.articles)
        #expect(decoded.byID == parsed.byID)
        #expect(decoded.codeBook == parsed.codeBook)
        #expect(decoded.providers == parsed.providers)
        #expect(decoded.problems == parsed.problems)
        #expect(decoded.lexicon.stopwords == parsed.lexicon.stopwords)
        #expect(decoded.lexicon.synonyms == parsed.lexicon.synonyms)
        #expect(decoded.lexicon.direction == parsed.lexicon.direction)
        #expect(decoded.lexicon.boilerplate == parsed.lexicon.boilerplate)
        #expect(decoded.lexicon.mailWords == parsed.lexicon.mailWords)
        #expect(decoded.lexicon.languageCues == parsed.lexicon.languageCues)
        #expect(decoded.lexicon.context == parsed.lexicon.context)
        #expect(!parsed.lexicon.context.isEmpty)
    }

    /// Same hits (ids, titles, rounded scores), same explanations to the last bit of every part's
    /// value, same direction, codes, confidence, clarification, language and mail flag.
    private func expectSameRanking(_ loaded: SearchIndex, _ fresh: SearchIndex, queries: [String]) {
        #expect(loaded.count == fresh.count)
        var differing: [String] = []
        for query in queries {
            let a = loaded.search(query, limit: 10, explain: true)
            let b = fresh.search(query, limit: 10, explain: true)
            let plainA = loaded.search(query)
            let plainB = fresh.search(query)
            let same =
                a.hits == b.hits && a.direction == b.direction && a.codes == b.codes && a.confidence == b.confidence
                && a.clarification == b.clarification && a.language == b.language && a.mentionsMail == b.mentionsMail
                && plainA.hits == plainB.hits && plainA.confidence == plainB.confidence
            if !same { differing.append(query) }
        }
        #expect(
            differing.isEmpty, "\(differing.count) of \(queries.count) queries rank differently: \(differing.prefix(5))"
        )
    }
}

/// `Article.sections` trims without Foundation now; it must cut exactly as Foundation's trimming did.
@Suite struct ArticleSectionTests {
    /// The former implementation, through Foundation.
    private static func foundationSections(_ body: String) -> [(title: String, text: String)] {
        var result: [(title: String, text: String)] = []
        var title = ""
        var lines: [Substring] = []
        func flush() {
            let text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !title.isEmpty || !text.isEmpty { result.append((title, text)) }
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                flush()
                title = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
                lines = []
            } else {
                lines.append(line)
            }
        }
        flush()
        return result
    }

    @Test func sectionsAreCutAsFoundationCutThem() {
        var bodies = KnowledgeFixture.base.articles.map(\.body)
        let spaces = [
            " ", "\t", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{200A}",
            "\u{200B}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "\u{301}", "",
        ]
        for space in spaces {
            bodies.append(
                "\(space)intro\(space)\n## \(space)Title\(space)\n\(space)text\(space)\n\n## What to do\(space)")
            bodies.append("## \(space)\n\(space)\(space)\n## A\n\(space)é\(space)\n")
        }
        for body in bodies {
            let ours = Article(id: "x", title: "x", tags: [], body: body).sections
            let theirs = Self.foundationSections(body)
            #expect(ours.map(\.title) == theirs.map(\.title))
            #expect(ours.map(\.text) == theirs.map(\.text))
        }
    }
}
