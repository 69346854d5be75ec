import ByteText
import Foundation
import Localization

/// A BM25F inverted index over the knowledge base, with code matching, direction boost,
/// typo tolerance and explainable scores.
public final class SearchIndex: Sendable {
    /// The fields an article is indexed by.
    public enum Field: Int, CaseIterable, Sendable {
        case title, keywords, examples, summary, body

        var lengthNormalization: Double {
            switch self {
            case .title, .keywords, .summary: 0.5
            case .examples: 0.4
            case .body: 0.75
            }
        }
    }

    struct Document: Sendable {
        let id: String
        let title: String
        let tags: Set<Direction>
        let codes: Set<String>
        /// Whether the article is about one reply code: its id names the code (`smtp-552`, `smtp-550-5.7.1`).
        /// Worked out once: every search reads it for every article.
        let isCodeArticle: Bool

        init(id: String, title: String, tags: Set<Direction>, codes: Set<String>) {
            self.id = id
            self.title = title
            self.tags = tags
            self.codes = codes
            isCodeArticle = codes.contains { code in code.utf8.count == 3 && id.containsBytes(code) }
        }
    }

    let weights: RankingWeights
    /// Enhanced codes so broad that the words around them say more than the code.
    private static let genericCodes: Set<String> = [
        "5.0.0", "4.0.0", "5.7.0", "5.7.1", "4.7.0", "4.7.1", "5.5.0", "5.1.0", "5.2.0", "5.4.0", "4.4.0", "5.3.0",
    ]
    let analyzer: TextAnalyzer
    let documents: [Document]
    /// Postings by term id of the analyser; empty for terms no article uses.
    let postings: [PostingList]
    /// Inverse document frequency by term id.
    let idf: [Double]
    let documentsByCode: [String: [Int]]
    /// Documents listing both a reply code and an enhanced code, by reply code then enhanced code.
    let documentsByCodePair: [String: [String: [Int]]]
    /// Tags as bits (1 sending, 2 receiving), for the direction boost without touching documents.
    let tagBits: [UInt8]
    /// Each document's direction factor when the text is about sending ([0]) or receiving ([1]).
    let directionFactors: [[Float]]
    let codeBookArticle: [String: Int]
    let overviewDocument: Int?
    let typos: TypoCorrector
    /// The semantic signal fused into the ranking (HybridRanking.swift).
    let semantic: SemanticIndex
    /// The lexicon's context rules, applied after both signals (ContextRules.swift).
    let context: [CompiledContextRule]

    /// The analyser shared with callers that want to look at text the same way.
    public var textAnalyzer: TextAnalyzer { analyzer }

    /// Number of indexed articles.
    public var count: Int { documents.count }

    /// Builds the index for a knowledge base: the analyser over every article text, the term counts of
    /// each article's fields, the BM25F postings and idf, the code tables, the direction factors, the
    /// typo corrector and the semantic vectors.
    public convenience init(base: KnowledgeBase, weights: RankingWeights = RankingWeights()) {
        let texts = base.articles.flatMap { article in Field.allCases.flatMap { Self.texts(of: article, field: $0) } }
        let analyzer = TextAnalyzer(lexicon: base.lexicon, texts: texts)
        let counts = Self.termCounts(of: base.articles, analyzer: analyzer)
        let documents = counts.documents
        let postings = Self.postings(counts, analyzer: analyzer, weights: weights)
        let total = Double(documents.count)
        let idf = postings.map { list in
            let df = Double(list.docs.count)
            return df > 0 ? log(1 + (total - df + 0.5) / (df + 0.5)) : 0
        }
        let tagBits = documents.map { Self.bits(of: $0.tags) }
        let directionFactors = [Direction.sending, .receiving].map { direction in
            let wanted = Self.bits(of: [direction])
            return tagBits.map { Float($0 & wanted != 0 ? weights.directionMatch : weights.directionMismatch) }
        }
        let indexByID = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var codeBookArticle: [String: Int] = [:]
        for (code, entry) in base.codeBook.entries {
            if let index = indexByID[entry.article] { codeBookArticle[code] = index }
        }
        let typos = TypoCorrector(
            analyzer: analyzer, surfaceStems: counts.surfaceStems, surfaceFrequency: counts.surfaceFrequency)
        // The model reads English: the other languages' keywords and examples stay out of the vectors.
        let semantic = SemanticIndex(
            articles: weights.semantic > 0 ? base.articles : [],
            keep: { analyzer.analyze($0).detectedLanguage.map { $0 == .english } ?? true })
        self.init(
            weights: weights, analyzer: analyzer, documents: documents, postings: postings, idf: idf,
            documentsByCode: Self.documentsByCode(documents), documentsByCodePair: Self.documentsByCodePair(documents),
            tagBits: tagBits, directionFactors: directionFactors, codeBookArticle: codeBookArticle,
            overviewDocument: indexByID["smtp-reply-codes"], typos: typos, semantic: semantic,
            context: CompiledContextRule.compile(base.lexicon.context, analyzer: analyzer, documentIndex: indexByID))
    }

    /// What counting the articles' words gives: the documents, each field's term counts and length per
    /// document, and, by folded word, its stem and how often it occurs (for the typo corrector).
    private struct TermCounts {
        var documents: [Document] = []
        var fieldTerms: [[[Int32: Int]]] = []
        var lengths: [[Double]] = []
        var surfaceStems: [Int32]
        var surfaceFrequency: [Int32]
    }

    /// Counts the terms of every field of every article.
    private static func termCounts(of articles: [Article], analyzer: TextAnalyzer) -> TermCounts {
        var counts = TermCounts(
            surfaceStems: [Int32](repeating: TypoCorrector.notSurface, count: analyzer.foldCount),
            surfaceFrequency: [Int32](repeating: 0, count: analyzer.foldCount))
        for article in articles {
            counts.documents.append(
                Document(id: article.id, title: article.title, tags: article.tags, codes: article.allCodes))
            var perField: [[Int32: Int]] = []
            var perLength: [Double] = []
            for field in Field.allCases {
                var terms: [Int32: Int] = [:]
                for text in texts(of: article, field: field) {
                    let analysis = analyzer.analyze(text)
                    for (term, count) in analysis.countedTermIDs { terms[term, default: 0] += count }
                    let words = analysis.words
                    for (position, fold) in analysis.folds.enumerated() where fold >= 0 {
                        let flags = analyzer.flags(fold: fold, text: "")
                        guard flags.contains(.atLeastFour), !flags.contains(.stopword) else { continue }
                        if counts.surfaceStems[Int(fold)] == TypoCorrector.notSurface {
                            let stem = analyzer.stem(words[position], language: analysis.language)
                            counts.surfaceStems[Int(fold)] = analyzer.termID(stem) ?? -1
                        }
                        counts.surfaceFrequency[Int(fold)] += 1
                    }
                }
                perField.append(terms)
                perLength.append(Double(terms.values.reduce(0, +)))
            }
            counts.fieldTerms.append(perField)
            counts.lengths.append(perLength)
        }
        return counts
    }

    /// The BM25F postings: per term, the documents with its saturated, length-normalised weight.
    private static func postings(_ counts: TermCounts, analyzer: TextAnalyzer, weights: RankingWeights)
        -> [PostingList]
    {
        let documentCount = counts.documents.count
        let fieldCount = Field.allCases.count
        var averages = [Double](repeating: 1, count: fieldCount)
        if documentCount > 0 {
            for field in 0..<fieldCount {
                averages[field] = max(1, counts.lengths.map { $0[field] }.reduce(0, +) / Double(documentCount))
            }
        }
        var postings = [PostingList](repeating: PostingList(), count: analyzer.termCount)
        for (doc, perField) in counts.fieldTerms.enumerated() {
            var fieldCountsByTerm: [Int32: [Float]] = [:]
            for (field, terms) in perField.enumerated() {
                for (term, count) in terms {
                    fieldCountsByTerm[term, default: [Float](repeating: 0, count: fieldCount)][field] = Float(count)
                }
            }
            for (term, fieldCounts) in fieldCountsByTerm.sorted(by: { $0.key < $1.key }) {
                var weighted = 0.0
                for field in Field.allCases {
                    let tf = Double(fieldCounts[field.rawValue])
                    guard tf > 0 else { continue }
                    let b = field.lengthNormalization
                    let norm = 1 - b + b * counts.lengths[doc][field.rawValue] / averages[field.rawValue]
                    weighted += weights.field[field.rawValue] * tf / norm
                }
                if analyzer.termText(term).hasPrefix(TextAnalyzer.conceptPrefix) { weighted *= weights.concept }
                let saturated = weighted / (weights.k1 + weighted)
                postings[Int(term)].docs.append(Int32(doc))
                postings[Int(term)].saturated.append(Float(saturated))
                postings[Int(term)].fieldCounts.append(contentsOf: fieldCounts)
            }
        }
        for term in postings.indices { postings[term].densify(documentCount: documentCount) }
        return postings
    }

    /// Documents by each code they list.
    private static func documentsByCode(_ documents: [Document]) -> [String: [Int]] {
        var byCode: [String: [Int]] = [:]
        for (index, document) in documents.enumerated() {
            for code in document.codes { byCode[code, default: []].append(index) }
        }
        return byCode
    }

    /// Documents listing both a reply code and an enhanced code, by reply code then enhanced code.
    private static func documentsByCodePair(_ documents: [Document]) -> [String: [String: [Int]]] {
        var byPair: [String: [String: [Int]]] = [:]
        for (index, document) in documents.enumerated() {
            let replies = document.codes.filter { !$0.contains(".") }
            let enhanced = document.codes.filter { $0.contains(".") }
            for reply in replies {
                for code in enhanced { byPair[reply, default: [:]][code, default: []].append(index) }
            }
        }
        return byPair
    }

    /// An index from its parts as they were built (for decoding a serialised one, `SearchIndex+Blob`).
    init(
        weights: RankingWeights, analyzer: TextAnalyzer, documents: [Document], postings: [PostingList], idf: [Double],
        documentsByCode: [String: [Int]], documentsByCodePair: [String: [String: [Int]]], tagBits: [UInt8],
        directionFactors: [[Float]], codeBookArticle: [String: Int], overviewDocument: Int?, typos: TypoCorrector,
        semantic: SemanticIndex, context: [CompiledContextRule]
    ) {
        self.context = context
        self.semantic = semantic
        self.weights = weights
        self.analyzer = analyzer
        self.documents = documents
        self.postings = postings
        self.idf = idf
        self.documentsByCode = documentsByCode
        self.documentsByCodePair = documentsByCodePair
        self.tagBits = tagBits
        self.directionFactors = directionFactors
        self.codeBookArticle = codeBookArticle
        self.overviewDocument = overviewDocument
        self.typos = typos
    }

    /// Most query terms scored: the most informative (highest idf) ones. Long pasted texts
    /// carry hundreds of words; the rarest few decide the ranking.
    static let maximumQueryTerms = 48
    /// Longest text analysed, in bytes; the rest of a longer paste is ignored.
    static let maximumQueryBytes = 20_000

    private struct QueryTerm {
        var term: Int32
        var factor: Double
        var idf: Double
        /// The misspelt word, for a term reached through typo correction.
        var typo: String?
        var weight: Double { idf * factor }
    }

    /// The meaningful terms of a text (stems and concepts, no stop words) with how much each tells
    /// (its idf over the articles), the text read in `language`: for comparing a question with the
    /// sentences of one article.
    public func informativeTerms(in text: String, language: Language) -> [Int32: Double] {
        let analysis = analyzer.analyze(Self.prefix(text, bytes: Self.maximumQueryBytes), language: language)
        var terms: [Int32: Double] = [:]
        for (term, _) in analysis.countedTermIDs where Int(term) < idf.count { terms[term] = idf[Int(term)] }
        return terms
    }

    /// Ranks articles for a text; with `explain`, every hit says why it scored.
    public func search(_ text: String, limit: Int = 5, explain: Bool = false) -> SearchResult {
        let analysis = analyzer.analyze(Self.prefix(text, bytes: Self.maximumQueryBytes))
        var parts: [[ScorePart]] = explain ? Array(repeating: [], count: documents.count) : []

        let counted = analysis.countedTermIDs
        var queryTerms: [QueryTerm] = []
        for (term, _) in counted where !postings[Int(term)].docs.isEmpty {
            queryTerms.append(QueryTerm(term: term, factor: 1, idf: idf[Int(term)]))
        }
        let corrections = typos.corrections(in: analysis, terms: counted, analyzer: analyzer) { term in
            !postings[Int(term)].docs.isEmpty
        }
        for (word, correction) in corrections
        where correction >= 0 && !postings[Int(correction)].docs.isEmpty {
            queryTerms.append(QueryTerm(term: correction, factor: weights.typo, idf: idf[Int(correction)], typo: word))
        }
        if queryTerms.count > Self.maximumQueryTerms {
            queryTerms.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
            queryTerms.removeLast(queryTerms.count - Self.maximumQueryTerms)
        }
        var scores = [Float](repeating: 0, count: documents.count)
        for query in queryTerms { postings[Int(query.term)].add(weight: Float(query.weight), to: &scores) }
        scoreCodes(analysis.codes, scores: &scores, parts: &parts, explain: explain)
        if explain {
            for query in queryTerms {
                let list = postings[Int(query.term)]
                let term = analyzer.termText(query.term)
                let label = query.typo.map { "typo \($0)→\(term)" } ?? term
                for (index, doc) in list.docs.enumerated() {
                    let value = query.weight * Double(list.saturated[index])
                    let counts = Array(list.fieldCounts[(index * 5)..<(index * 5 + 5)])
                    parts[Int(doc)].append(ScorePart(label: label, value: value, detail: Self.describe(counts)))
                }
            }
        }
        let direction = analysis.direction
        if direction == .sending || direction == .receiving {
            let wanted = Self.bits(of: [direction])
            FloatKernels.multiply(&scores, by: directionFactors[direction == .sending ? 0 : 1])
            if explain {
                for index in scores.indices where scores[index] > 0 {
                    let factor = tagBits[index] & wanted != 0 ? weights.directionMatch : weights.directionMismatch
                    parts[index].append(ScorePart(label: "direction \(direction.rawValue)", value: factor, detail: "×"))
                }
            }
        }

        let cosines = semantic.fuse(
            Self.prefix(text, bytes: SemanticIndex.maximumBytes), into: &scores, weight: weights.semantic,
            floor: weights.semanticFloor)
        if explain, let cosines {
            for index in scores.indices {
                parts[index].append(ScorePart(label: "semantic", value: Double(cosines[index]), detail: "cosine"))
            }
        }
        if analysis.codes.isEmpty, weights.codeArticleWithoutCode != 1 {
            for index in scores.indices where documents[index].isCodeArticle {
                scores[index] *= Float(weights.codeArticleWithoutCode)
            }
        }
        if !context.isEmpty {
            let present = counted.map(\.id)
            for rule in context where rule.applies(to: present) {
                for (document, factor) in zip(rule.documents, rule.factors) {
                    scores[Int(document)] *= factor
                    if explain {
                        parts[Int(document)].append(ScorePart(label: "context", value: Double(factor), detail: "×"))
                    }
                }
            }
        }
        let best = Self.top(max(limit, 2), of: scores) { documents[$0].id < documents[$1].id }
        let hits = best.map { index in
            SearchHit(
                id: documents[index].id, title: documents[index].title,
                score: (Double(scores[index]) * 100).rounded() / 100,
                explanation: explain ? parts[index].sorted { $0.value > $1.value } : [])
        }
        let (confidence, clarification) = judge(hits: hits, ranked: best, analysis: analysis)
        let certainty = RankingCertainty.probability(
            first: Double(best.first.map { scores[$0] } ?? 0),
            second: Double(best.dropFirst().first.map { scores[$0] } ?? 0),
            cosine: best.first.flatMap { first in cosines.map { Double($0[first]) } })
        return SearchResult(
            hits: Array(hits.prefix(limit)), direction: direction, codes: analysis.codes, confidence: confidence,
            certainty: certainty, clarification: clarification, language: analysis.language,
            mentionsMail: analysis.mentionsMail)
    }

    /// The start of a text, at most `bytes` long, cut at a character boundary.
    private static func prefix(_ text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: bytes)
        while end > text.startIndex, text.utf8[end] & 0xC0 == 0x80 { end = text.utf8.index(before: end) }
        return String(text[..<end])
    }

    private static func bits(of tags: Set<Direction>) -> UInt8 {
        (tags.contains(.sending) ? 1 : 0) | (tags.contains(.receiving) ? 2 : 0)
    }

    /// The indices of the `count` highest positive scores, best first (ties broken by `before`), in one pass.
    private static func top(_ count: Int, of scores: [Float], before: (Int, Int) -> Bool) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(count + 1)
        func better(_ a: Int, _ b: Int) -> Bool { scores[a] != scores[b] ? scores[a] > scores[b] : before(a, b) }
        // Only a score at least as high as the last of a full list can enter it.
        var bar: Float = .leastNonzeroMagnitude
        for index in scores.indices where scores[index] >= bar {
            if best.count == count, let last = best.last, !better(index, last) { continue }
            var position = best.count
            while position > 0, better(index, best[position - 1]) { position -= 1 }
            best.insert(index, at: position)
            if best.count > count { best.removeLast() }
            if best.count == count, let last = best.last { bar = scores[last] }
        }
        return best
    }

    private func scoreCodes(
        _ codes: [FoundCode], scores: inout [Float], parts: inout [[ScorePart]], explain: Bool
    ) {
        var seenPairs = SeenKeys<FoundCode>()
        var seen = SeenKeys<String>()
        func add(_ doc: Int, _ value: Double, _ label: @autoclosure () -> String) {
            scores[doc] += Float(value)
            if explain { parts[doc].append(ScorePart(label: label(), value: value, detail: "")) }
        }
        for found in codes {
            if let reply = found.reply, let enhanced = found.enhanced, seenPairs.insert(found) {
                for doc in documentsByCodePair[reply]?[enhanced] ?? [] {
                    add(doc, weights.codePair, "code pair \(reply) \(enhanced)")
                }
            }
            for code in found.parts where seen.insert(code) {
                let isEnhanced = code.contains(".")
                let generic = Self.genericCodes.contains(code)
                let docs = documentsByCode[code] ?? []
                if !docs.isEmpty {
                    let value =
                        (isEnhanced ? weights.enhancedCode : weights.replyCode) / Double(docs.count).squareRoot()
                        * (generic ? 0.5 : 1)
                    for doc in docs { add(doc, value, "code \(code)") }
                }
                if isEnhanced, let doc = codeBookArticle[code] {
                    add(doc, generic ? weights.codeBook / 7 : weights.codeBook, "code book \(code)")
                }
                if docs.isEmpty, codeBookArticle[code] == nil, let overview = overviewDocument {
                    add(overview, weights.replyCode * 0.6, "unlisted code \(code)")
                }
            }
        }
    }

    private func judge(hits: [SearchHit], ranked: [Int], analysis: Analysis) -> (Confidence, Clarification?) {
        guard let best = hits.first else { return (.weak, analysis.direction == .unknown ? .direction : .errorText) }
        // A low score is still an answer when it stands well clear of the next one and the direction is
        // known ("can I send 1000 emails at once for a newsletter?": limits, far ahead of anything else).
        let clearLead =
            analysis.direction != .unknown && best.score >= 1.5 && (hits.count < 2 || hits[1].score < best.score * 0.75)
        guard best.score >= 2.5 || clearLead else {
            return (.weak, analysis.direction == .unknown ? .direction : .errorText)
        }
        guard hits.count > 1, hits[1].score >= best.score * 0.92 else { return (.confident, nil) }
        let second = hits[1]
        let clientIDs: Set<String> = ["email-client", "webmail-test", "webmail-login"]
        if clientIDs.contains(best.id) && clientIDs.contains(second.id) { return (.tie, .webmailOrApp) }
        // Two answers to the same code are not a tie worth a question.
        if best.id.hasPrefix("smtp-") && second.id.hasPrefix("smtp-") && !analysis.codes.isEmpty {
            return (.confident, nil)
        }
        if analysis.direction == .unknown, documents[ranked[0]].tags != documents[ranked[1]].tags {
            return (.tie, .direction)
        }
        return (.tie, analysis.codes.isEmpty ? .errorText : .webmailOrApp)
    }

    private static func describe(_ counts: [Float]) -> String {
        Field.allCases.compactMap { field in
            let count = counts[field.rawValue]
            return count > 0 ? "\(field)×\(Int(count))" : nil
        }.joined(separator: " ")
    }

    private static func texts(of article: Article, field: Field) -> [String] {
        switch field {
        case .title: [article.title] + article.translationTexts(\.title)
        case .keywords: article.keywords
        case .examples: article.examples
        case .summary: [article.summary]
        case .body: [article.body] + article.translationTexts(\.summary)
        }
    }
}
