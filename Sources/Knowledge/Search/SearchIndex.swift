import Foundation

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

    /// One term's postings, struct-of-arrays for a tight scoring loop; field counts are kept
    /// flat (five per posting) for explanations only.
    private struct PostingList: Sendable {
        var docs: [Int32] = []
        var saturated: [Float] = []
        var fieldCounts: [Float] = []
    }

    private struct Document: Sendable {
        var id: String
        var title: String
        var tags: Set<Direction>
        var codes: Set<String>
    }

    private let weights: RankingWeights
    /// Enhanced codes so broad that the words around them say more than the code.
    private static let genericCodes: Set<String> = [
        "5.0.0", "4.0.0", "5.7.0", "5.7.1", "4.7.0", "4.7.1", "5.5.0", "5.1.0", "5.2.0", "5.4.0", "4.4.0", "5.3.0",
    ]
    private let analyzer: TextAnalyzer
    private let documents: [Document]
    private let postings: [String: PostingList]
    private let idf: [String: Double]
    private let documentsByCode: [String: [Int]]
    /// Documents listing both a reply code and an enhanced code of the same class, by "550 5.7.1".
    private let documentsByCodePair: [String: [Int]]
    /// Tags as bits (1 sending, 2 receiving), for the direction boost without touching documents.
    private let tagBits: [UInt8]
    private let codeBookArticle: [String: Int]
    private let overviewDocument: Int?
    private let surfaceStems: [String: String]
    private let deletions: [String: [String]]
    private let surfaceFrequency: [String: Int]

    /// The analyser shared with callers that want to look at text the same way.
    public var textAnalyzer: TextAnalyzer { analyzer }

    /// Number of indexed articles.
    public var count: Int { documents.count }

    /// Builds the index for a knowledge base.
    public init(base: KnowledgeBase, weights: RankingWeights = RankingWeights()) {
        self.weights = weights
        let analyzer = TextAnalyzer(lexicon: base.lexicon)
        self.analyzer = analyzer
        var documents: [Document] = []
        var fieldTerms: [[[String: Int]]] = []
        var lengths: [[Double]] = []
        var surfaceStems: [String: String] = [:]
        var surfaceFrequency: [String: Int] = [:]
        for article in base.articles {
            documents.append(
                Document(id: article.id, title: article.title, tags: article.tags, codes: article.allCodes))
            var perField: [[String: Int]] = []
            var perLength: [Double] = []
            for field in Field.allCases {
                var terms: [String: Int] = [:]
                for text in Self.texts(of: article, field: field) {
                    let analysis = analyzer.analyze(text)
                    for (term, count) in analysis.terms { terms[term, default: 0] += count }
                    for word in analysis.words where word.count >= 4 && !analyzer.isStopword(word) {
                        if surfaceStems[word] == nil {
                            surfaceStems[word] = analyzer.stem(word, language: analysis.language)
                        }
                        surfaceFrequency[word, default: 0] += 1
                    }
                }
                perField.append(terms)
                perLength.append(Double(terms.values.reduce(0, +)))
            }
            fieldTerms.append(perField)
            lengths.append(perLength)
        }
        let fieldCount = Field.allCases.count
        var averages = [Double](repeating: 1, count: fieldCount)
        if !documents.isEmpty {
            for field in 0..<fieldCount {
                averages[field] = max(1, lengths.map { $0[field] }.reduce(0, +) / Double(documents.count))
            }
        }
        var postings: [String: PostingList] = [:]
        for (doc, perField) in fieldTerms.enumerated() {
            var counts: [String: [Float]] = [:]
            for (field, terms) in perField.enumerated() {
                for (term, count) in terms {
                    counts[term, default: [Float](repeating: 0, count: fieldCount)][field] = Float(count)
                }
            }
            for (term, fieldCounts) in counts {
                var weighted = 0.0
                for field in Field.allCases {
                    let tf = Double(fieldCounts[field.rawValue])
                    guard tf > 0 else { continue }
                    let b = field.lengthNormalization
                    let norm = 1 - b + b * lengths[doc][field.rawValue] / averages[field.rawValue]
                    weighted += weights.field[field.rawValue] * tf / norm
                }
                if term.hasPrefix(TextAnalyzer.conceptPrefix) { weighted *= weights.concept }
                let saturated = weighted / (weights.k1 + weighted)
                postings[term, default: PostingList()].docs.append(Int32(doc))
                postings[term, default: PostingList()].saturated.append(Float(saturated))
                postings[term, default: PostingList()].fieldCounts.append(contentsOf: fieldCounts)
            }
        }
        let total = Double(documents.count)
        var idf: [String: Double] = [:]
        for (term, list) in postings {
            let df = Double(list.docs.count)
            idf[term] = log(1 + (total - df + 0.5) / (df + 0.5))
        }
        var byCode: [String: [Int]] = [:]
        for (index, document) in documents.enumerated() {
            for code in document.codes { byCode[code, default: []].append(index) }
        }
        var byPair: [String: [Int]] = [:]
        for (index, document) in documents.enumerated() {
            let replies = document.codes.filter { !$0.contains(".") }
            let enhanced = document.codes.filter { $0.contains(".") }
            for reply in replies { for code in enhanced { byPair["\(reply) \(code)", default: []].append(index) } }
        }
        self.documentsByCodePair = byPair
        self.tagBits = documents.map { Self.bits(of: $0.tags) }
        let indexByID = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var codeBookArticle: [String: Int] = [:]
        for (code, entry) in base.codeBook.entries {
            if let index = indexByID[entry.article] { codeBookArticle[code] = index }
        }
        var deletions: [String: [String]] = [:]
        for word in surfaceStems.keys where word.count >= 5 {
            for variant in Self.deletionVariants(of: word) { deletions[variant, default: []].append(word) }
        }
        self.documents = documents
        self.postings = postings
        self.idf = idf
        self.documentsByCode = byCode
        self.codeBookArticle = codeBookArticle
        self.overviewDocument = indexByID["smtp-reply-codes"]
        self.surfaceStems = surfaceStems
        self.deletions = deletions
        self.surfaceFrequency = surfaceFrequency
    }

    /// Most query terms scored: the most informative (highest idf) ones. Long pasted texts
    /// carry hundreds of words; the rarest few decide the ranking.
    static let maximumQueryTerms = 48

    /// Ranks articles for a text; with `explain`, every hit says why it scored.
    public func search(_ text: String, limit: Int = 5, explain: Bool = false) -> SearchResult {
        let analysis = analyzer.analyze(String(text.prefix(20_000)))
        var scores = [Double](repeating: 0, count: documents.count)
        var parts: [[ScorePart]] = explain ? Array(repeating: [], count: documents.count) : []

        var queryTerms: [(term: String, factor: Double, label: String, idf: Double)] = []
        for term in analysis.terms.keys {
            if let weight = idf[term] { queryTerms.append((term, 1, term, weight)) }
        }
        for (word, correction) in typoCorrections(in: analysis) {
            if let weight = idf[correction] {
                queryTerms.append((correction, weights.typo, "typo \(word)→\(correction)", weight))
            }
        }
        if queryTerms.count > Self.maximumQueryTerms {
            queryTerms.sort { $0.idf * $0.factor > $1.idf * $1.factor }
            queryTerms.removeLast(queryTerms.count - Self.maximumQueryTerms)
        }
        scores.withUnsafeMutableBufferPointer { scores in
            for query in queryTerms {
                guard let list = postings[query.term] else { continue }
                let weight = query.idf * query.factor
                list.docs.withUnsafeBufferPointer { docs in
                    list.saturated.withUnsafeBufferPointer { saturated in
                        for index in 0..<docs.count { scores[Int(docs[index])] += weight * Double(saturated[index]) }
                    }
                }
            }
        }
        if explain {
            for query in queryTerms {
                guard let list = postings[query.term] else { continue }
                for (index, doc) in list.docs.enumerated() {
                    let value = query.idf * query.factor * Double(list.saturated[index])
                    let counts = Array(list.fieldCounts[(index * 5)..<(index * 5 + 5)])
                    parts[Int(doc)].append(ScorePart(label: query.label, value: value, detail: Self.describe(counts)))
                }
            }
        }
        scoreCodes(analysis.codes, scores: &scores, parts: &parts, explain: explain)

        let direction = analysis.direction
        if direction == .sending || direction == .receiving {
            let wanted = Self.bits(of: [direction])
            for index in scores.indices where scores[index] > 0 {
                let factor = tagBits[index] & wanted != 0 ? weights.directionMatch : weights.directionMismatch
                scores[index] *= factor
                if explain {
                    parts[index].append(ScorePart(label: "direction \(direction.rawValue)", value: factor, detail: "×"))
                }
            }
        }

        let ranked = Self.top(max(limit, 2), of: scores) { documents[$0].id < documents[$1].id }
        let hits = ranked.map { index in
            SearchHit(
                id: documents[index].id, title: documents[index].title, score: (scores[index] * 100).rounded() / 100,
                explanation: explain ? parts[index].sorted { $0.value > $1.value } : [])
        }
        let (confidence, clarification) = judge(hits: hits, analysis: analysis)
        return SearchResult(
            hits: Array(hits.prefix(limit)), direction: direction, codes: analysis.codes, confidence: confidence,
            clarification: clarification, language: analysis.language, mentionsMail: analysis.mentionsMail)
    }

    private static func bits(of tags: Set<Direction>) -> UInt8 {
        (tags.contains(.sending) ? 1 : 0) | (tags.contains(.receiving) ? 2 : 0)
    }

    /// The indices of the `count` highest positive scores, best first (ties broken by `before`), in one pass.
    private static func top(_ count: Int, of scores: [Double], before: (Int, Int) -> Bool) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(count + 1)
        func better(_ a: Int, _ b: Int) -> Bool { scores[a] != scores[b] ? scores[a] > scores[b] : before(a, b) }
        for index in scores.indices where scores[index] > 0 {
            if best.count == count, let last = best.last, !better(index, last) { continue }
            var position = best.count
            while position > 0, better(index, best[position - 1]) { position -= 1 }
            best.insert(index, at: position)
            if best.count > count { best.removeLast() }
        }
        return best
    }

    private func scoreCodes(
        _ codes: [FoundCode], scores: inout [Double], parts: inout [[ScorePart]], explain: Bool
    ) {
        var seen = Set<String>()
        func add(_ doc: Int, _ value: Double, _ label: String) {
            scores[doc] += value
            if explain { parts[doc].append(ScorePart(label: label, value: value, detail: "")) }
        }
        for found in codes {
            if let reply = found.reply, let enhanced = found.enhanced, seen.insert("\(reply) \(enhanced)").inserted {
                for doc in documentsByCodePair["\(reply) \(enhanced)"] ?? [] {
                    add(doc, weights.codePair, "code pair \(reply) \(enhanced)")
                }
            }
            for code in found.parts where seen.insert(code).inserted {
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

    private func judge(hits: [SearchHit], analysis: Analysis) -> (Confidence, Clarification?) {
        guard let best = hits.first, best.score >= 2.5 else {
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
        if analysis.direction == .unknown, tags(of: best.id) != tags(of: second.id) { return (.tie, .direction) }
        return (.tie, analysis.codes.isEmpty ? .errorText : .webmailOrApp)
    }

    private func tags(of id: String) -> Set<Direction>? { documents.first { $0.id == id }?.tags }

    private func typoCorrections(in analysis: Analysis) -> [(String, String)] {
        var corrections: [(String, String)] = []
        var seen = Set<String>()
        for word in analysis.words
        where word.count >= 6 && surfaceStems[word] == nil && !word.allSatisfy(\.isNumber) && seen.insert(word).inserted
        {
            if postings[analyzer.stem(word, language: analysis.language)] != nil { continue }
            if corrections.count >= 8 { break }
            var candidates = Set(deletions[word] ?? [])
            for variant in Self.deletionVariants(of: word) {
                if surfaceStems[variant] != nil { candidates.insert(variant) }
                for candidate in deletions[variant] ?? [] { candidates.insert(candidate) }
            }
            let best = candidates.max { a, b in
                let fa = surfaceFrequency[a] ?? 0
                let fb = surfaceFrequency[b] ?? 0
                return fa != fb ? fa < fb : a > b
            }
            if let best, let stem = surfaceStems[best], analysis.terms[stem] == nil {
                corrections.append((word, stem))
            }
        }
        return corrections
    }

    private static func deletionVariants(of word: String) -> [String] {
        let characters = Array(word)
        return characters.indices.map { index in
            var copy = characters
            copy.remove(at: index)
            return String(copy)
        }
    }

    private static func describe(_ counts: [Float]) -> String {
        Field.allCases.compactMap { field in
            let count = counts[field.rawValue]
            return count > 0 ? "\(field)×\(Int(count))" : nil
        }.joined(separator: " ")
    }

    private static func texts(of article: Article, field: Field) -> [String] {
        switch field {
        case .title: [article.title]
        case .keywords: article.keywords
        case .examples: article.examples
        case .summary: [article.summary]
        case .body: [article.body]
        }
    }
}
