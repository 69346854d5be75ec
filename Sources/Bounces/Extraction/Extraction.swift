/// What a recogniser found in a document: per-recipient facts and, when it knows them, the original's headers.
struct Extraction: Sendable {
    var facts: [DeliveryFacts]
    var kind: BounceKind
    /// Name of the recogniser that produced it (for tests and debugging).
    var recogniser: String
    /// Headers of the returned original found in the text (non-MIME bounces), if any.
    var original: HeaderBlock?
}

/// A recogniser for one family of bounce formats.
protocol Recogniser: Sendable {
    /// Short name (`Postfix`, `qmail`, `RFC3464`).
    var name: String { get }
    /// Extracts recipients, or nil when the document is not in this format.
    func extract(_ document: BounceDocument) -> Extraction?
}
