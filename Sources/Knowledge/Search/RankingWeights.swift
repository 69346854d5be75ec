/// The knobs of the ranking: field weights, saturation, boosts. The defaults are the shipped ones.
public struct RankingWeights: Sendable, Equatable {
    /// Weight per field, in `SearchIndex.Field` order: title, keywords, examples, summary, body.
    public var field: [Double] = [2.5, 3.0, 1.6, 1.2, 0.6]
    /// BM25 term-frequency saturation.
    public var k1 = 1.2
    /// Multiplier for lexicon concepts (synonym groups) over plain words.
    public var concept = 1.0
    /// Factor for a term reached through typo correction.
    public var typo = 0.6
    /// Score factor when an article's tags match the direction read from the text.
    public var directionMatch = 1.25
    /// Score factor when they do not.
    public var directionMismatch = 0.8
    /// Points for a reply code (`550`), shared among the articles that list it.
    public var replyCode = 8.0
    /// Points for an enhanced code (`5.7.26`), shared likewise.
    public var enhancedCode = 6.0
    /// Extra points when a reply code and an enhanced code found side by side are both listed.
    public var codePair = 2.0
    /// Points for the article the code book names for an enhanced code.
    public var codeBook = 7.0
    /// Weight of the semantic signal (static MiniLM cosine) fused with BM25F; 0 = keywords alone.
    public var semantic = 0.5
    /// Cosine below which an article gets no semantic points.
    public var semanticFloor = 0.4
    /// Score factor for an article about one reply code (`smtp-552`) when the text quotes no code at all:
    /// "my mailbox is full" is the mailbox article's, not the 552 article's.
    /// Chosen on the `train` split (top-1 50.7 % at 1.0, 56.2 % at 0.7, 58.2 % at 0.6, 59.2 % at 0.4).
    public var codeArticleWithoutCode = 0.6

    /// The shipped weights.
    public init() {}
}
