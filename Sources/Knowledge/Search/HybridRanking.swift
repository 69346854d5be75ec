import ByteText
import Foundation

/// The semantic signal beside the keyword index: each article as a vector of the static MiniLM embedding
/// (title, keywords, examples), a message's cosine to every article, and the fusion of those cosines
/// with the BM25F scores into one ranking.
///
/// Fusion: `score = bm25 + weight × max(1, best bm25) × max(0, cosine − floor)`. Scaled by the best keyword
/// score, the semantic part reorders articles the keywords left close together without drowning a clear
/// keyword or code match, and with no keyword match at all it ranks by meaning with small scores, which the
/// callers' thresholds still read as a weak match.
public struct SemanticIndex: Sendable {
    /// The embedding used; nil when the binary carries no table (then the ranking is BM25F alone).
    public let embedding: StaticEmbedding?
    /// Article vectors, row-major, `count × embedding.dimension`, each normalised.
    let vectors: [Float]
    /// Number of articles.
    public let count: Int
    /// Longest text embedded, in bytes: the start of a long paste says what it is about.
    public static let maximumBytes = 4_000

    /// Article vectors for a knowledge base's articles, in its order. The model reads English: `keep` says
    /// which keywords and examples are English (all, by default); the others are left out of the vectors.
    public init(
        articles: [Article], embedding: StaticEmbedding? = StaticEmbedding.embedded,
        keep: (String) -> Bool = { _ in true }
    ) {
        self.embedding = embedding
        self.count = articles.count
        guard let embedding else {
            self.vectors = []
            return
        }
        var vectors: [Float] = []
        vectors.reserveCapacity(articles.count * embedding.dimension)
        for article in articles { vectors += embedding.vector(Self.text(of: article, keep: keep)) }
        self.vectors = vectors
    }

    /// Article vectors computed before (decoded from the compiled knowledge base).
    init(vectors: [Float], count: Int, embedding: StaticEmbedding?) {
        self.embedding = embedding
        self.vectors = vectors
        self.count = count
    }

    /// The text an article is embedded from.
    static func text(of article: Article, keep: (String) -> Bool = { _ in true }) -> String {
        ([article.title] + article.keywords.filter(keep) + article.examples.filter(keep)).joined(separator: ". ")
    }

    /// Cosine of a text to every article (articles' order); nil without a table or for a text with no known token.
    public func cosines(_ text: String) -> [Float]? {
        guard let embedding, count > 0 else { return nil }
        let query = embedding.vector(text)
        guard query.contains(where: { $0 != 0 }) else { return nil }
        return FloatKernels.dotProducts(query, rows: count, of: vectors)
    }

    /// Adds the semantic part to BM25F `scores` (articles' order) in place; returns the cosines used.
    @discardableResult
    public func fuse(_ text: String, into scores: inout [Float], weight: Double, floor: Double) -> [Float]? {
        guard weight > 0, scores.count == count, let cosines = cosines(text) else { return nil }
        let best = scores.max() ?? 0
        let scale = Float(weight) * max(1, best)
        let floor = Float(floor)
        for index in scores.indices { scores[index] += scale * max(0, cosines[index] - floor) }
        return cosines
    }
}

/// One calibrated confidence in [0, 1] for a fused ranking: the probability that its first article is right,
/// a logistic function of how far the first score stands above the second, the first article's cosine, and
/// the size of the first score. Fitted by scripts/semantic_tune.py on the shared corpus and our corpus's
/// `train` half (never on `validation`).
public enum RankingCertainty {
    /// Intercept and coefficients: margin `(s1 − s2) / s1`, cosine of the first article, `log(1 + s1)`.
    static let coefficients: (intercept: Double, margin: Double, cosine: Double, size: Double) = (
        -2.921, -0.496, 0.392, 1.506
    )

    /// The probability that the first of `scores` (best first) is the right article.
    public static func probability(first: Double, second: Double, cosine: Double?) -> Double {
        guard first > 0 else { return 0 }
        let margin = max(0, first - second) / first
        let c = coefficients
        let z = c.intercept + c.margin * margin + c.cosine * (cosine ?? 0) + c.size * log1p(first)
        return 1 / (1 + exp(-z))
    }
}
