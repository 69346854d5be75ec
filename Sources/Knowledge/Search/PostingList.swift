/// One term's postings, struct-of-arrays for a tight scoring loop; documents ascending. Field counts
/// are kept flat (five per posting) for explanations only.
struct PostingList: Sendable {
    var docs: [Int32] = []
    var saturated: [Float] = []
    var fieldCounts: [Float] = []

    /// Adds `weight` × each posting's saturated term frequency to its document's score.
    func add(weight: Float, to scores: UnsafeMutableBufferPointer<Float>) {
        docs.withUnsafeBufferPointer { docs in
            saturated.withUnsafeBufferPointer { saturated in
                for index in 0..<docs.count { scores[Int(docs[index])] += weight * saturated[index] }
            }
        }
    }
}
