/// Text evidence for one bounce reason: phrases that prove it, ordered word pairs, and vetoes.
struct ReasonPattern: Sendable {
    /// Lower-case phrases; any one present is evidence.
    let phrases: [String]
    /// Lower-case pieces that must all appear, in this order.
    let sequences: [[String]]
    /// Lower-case phrases that veto the evidence when present.
    let vetoes: [String]

    init(_ phrases: [String], sequences: [[String]] = [], vetoes: [String] = []) {
        self.phrases = phrases
        self.sequences = sequences
        self.vetoes = vetoes
    }
}
