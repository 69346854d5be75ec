/// The float loops of ranking: adding weighted postings to document scores, scaling scores, and the
/// dot products of a query vector with every article vector. Written over raw buffers so that the
/// optimiser sees plain loops without a bounds check per element (they run per message, over every
/// document); each function checks its sizes once, up front.
@usableFromInline package enum FloatKernels {
    /// `scores[i] += weight × values[i]` for every document (a dense posting list).
    @inlinable
    package static func addScaled(_ values: [Float], weight: Float, into scores: inout [Float]) {
        precondition(values.count == scores.count, "addScaled: sizes differ")
        // Unsafe: the per-message scoring loop; both sizes checked equal above.
        values.withUnsafeBufferPointer { values in
            scores.withUnsafeMutableBufferPointer { scores in
                for index in 0..<scores.count { scores[index] += weight * values[index] }
            }
        }
    }

    /// `scores[documents[i]] += weight × values[i]` (a sparse posting list). Every document number must be
    /// in `0..<scores.count`; `values` holds at least as many values as `documents`.
    @inlinable
    package static func scatterAdd(
        _ values: [Float], at documents: [Int32], weight: Float, into scores: inout [Float]
    ) {
        precondition(values.count >= documents.count, "scatterAdd: fewer values than documents")
        // Unsafe: the per-message scoring loop; document numbers come from the index built over these
        // documents (`SearchIndex` checks them when it decodes), so they are below `scores.count`.
        documents.withUnsafeBufferPointer { documents in
            values.withUnsafeBufferPointer { values in
                scores.withUnsafeMutableBufferPointer { scores in
                    for index in 0..<documents.count { scores[Int(documents[index])] += weight * values[index] }
                }
            }
        }
    }

    /// `scores[i] *= factors[i]` over the shorter of the two.
    @inlinable
    package static func multiply(_ scores: inout [Float], by factors: [Float]) {
        // Unsafe: the per-message scoring loop, bounded by the shorter count.
        factors.withUnsafeBufferPointer { factors in
            scores.withUnsafeMutableBufferPointer { scores in
                for index in 0..<min(scores.count, factors.count) { scores[index] *= factors[index] }
            }
        }
    }

    /// The dot product of `query` with each of the `rows` consecutive vectors of `query.count` floats
    /// in `matrix` (row-major), in order.
    @inlinable
    package static func dotProducts(_ query: [Float], rows: Int, of matrix: [Float]) -> [Float] {
        let dimension = query.count
        precondition(rows >= 0 && matrix.count >= rows * dimension, "dotProducts: matrix too small")
        var result = [Float](repeating: 0, count: rows)
        // Unsafe: the per-message cosine loop over every article; the matrix size is checked above.
        query.withUnsafeBufferPointer { query in
            matrix.withUnsafeBufferPointer { matrix in
                for row in 0..<rows {
                    let start = row * dimension
                    var dot: Float = 0
                    for index in 0..<dimension { dot += query[index] * matrix[start + index] }
                    result[row] = dot
                }
            }
        }
        return result
    }
}
