import Localization

/// One reason an article scored: a matched term in some fields, a code, a typo fix or a boost.
public struct ScorePart: Sendable, Equatable, Codable {
    /// What matched (`stem`, `~concept`, `code 550`, `typo recieve→receiv`, `direction`).
    public var label: String
    /// Points added (or, for a boost, the multiplier).
    public var value: Double
    /// Per-field detail (`title×1 keywords×2`), empty when not applicable.
    public var detail: String
}

/// One ranked article.
public struct SearchHit: Sendable, Equatable, Codable {
    /// Article id.
    public var id: String
    /// Article title.
    public var title: String
    /// Final score.
    public var score: Double
    /// Why it scored, when asked for.
    public var explanation: [ScorePart]
}

/// How sure the ranking is.
public enum Confidence: String, Sendable, Codable {
    /// The best article stands out.
    case confident
    /// The best article barely matched.
    case weak
    /// Two articles of different kinds scored about the same.
    case tie
}

/// A question to ask instead of guessing.
public enum Clarification: String, Sendable, Codable {
    /// Sending, receiving, or both?
    case direction
    /// What exactly does the error say?
    case errorText
    /// Does it fail in webmail too, or only in an app?
    case webmailOrApp
}

/// The ranked answer to one query.
public struct SearchResult: Sendable, Codable {
    /// Articles, best first.
    public var hits: [SearchHit]
    /// The direction read from the text.
    public var direction: Direction
    /// Codes found in the text.
    public var codes: [FoundCode]
    /// How sure the ranking is.
    public var confidence: Confidence
    /// The probability, calibrated on labelled complaints, that the first hit is the right article (0 without hits).
    public var certainty: Double = 0
    /// What to ask when not confident.
    public var clarification: Clarification?
    /// The language used for stemming.
    public var language: Language
    /// Whether the text is about email at all.
    public var mentionsMail: Bool
}
