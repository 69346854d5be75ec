import ByteText

/// One term's postings, struct-of-arrays for a tight scoring loop; documents ascending. Field counts
/// are kept flat (five per posting) for explanations only.
///
/// A term found in a large share of a big knowledge base also gets a dense copy (one value per
/// document, zero where absent): adding it is then a straight vectorised pass instead of a scatter,
/// with the same sums (adding zero leaves a score as it was).
struct PostingList: Sendable {
    var docs: [Int32] = []
    var saturated: [Float] = []
    var fieldCounts: [Float] = []
    /// `saturated` by document for frequent terms; empty otherwise.
    var dense: [Float] = []

    /// Dense copies are made for terms in at least this share of the documents…
    static let denseShare = 6
    /// …of a knowledge base with at least this many documents.
    static let denseMinimumDocuments = 512

    /// Makes the dense copy when the term is frequent enough among `documentCount` documents.
    mutating func densify(documentCount: Int) {
        guard documentCount >= Self.denseMinimumDocuments, docs.count * Self.denseShare >= documentCount else {
            return
        }
        var values = [Float](repeating: 0, count: documentCount)
        for (index, doc) in docs.enumerated() { values[Int(doc)] = saturated[index] }
        dense = values
    }

    /// Adds `weight` × each posting's saturated term frequency to its document's score.
    func add(weight: Float, to scores: inout [Float]) {
        if !dense.isEmpty, dense.count == scores.count {
            FloatKernels.addScaled(dense, weight: weight, into: &scores)
            return
        }
        FloatKernels.scatterAdd(saturated, at: docs, weight: weight, into: &scores)
    }
}
