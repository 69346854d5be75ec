/// A multi-phrase matcher: finds which of many lower-case phrases occur in a text in one pass.
///
/// Phrases are bucketed by a hash of their first three bytes (two-byte phrases by their pair);
/// scanning looks each text position up and compares only the phrases in that bucket, so the cost
/// grows with the text, not with the number of phrases. Phrase bytes live in one flat buffer.
struct PhraseIndex: Sendable {
    private static let bucketBits = 14
    private static let bucketCount = 1 << bucketBits

    /// All phrase bytes, back to back.
    private let bytes: [UInt8]
    /// Start offset in `bytes` and length of each phrase.
    private let starts: [Int32]
    private let lengths: [Int32]
    /// Head of the bucket list per 3-byte hash (index into the phrases, -1 = empty).
    private let heads: [Int32]
    /// Next phrase in the same bucket (-1 = end).
    private let next: [Int32]
    /// Two-byte phrases: head per byte pair is not worth a table; they are few and checked by pair.
    private let pairs: [(key: UInt16, phrase: Int)]

    /// Builds the index over phrases of at least two bytes (shorter ones are never matched).
    init(_ phrases: [[UInt8]]) {
        var bytes = [UInt8]()
        var starts = [Int32]()
        var lengths = [Int32]()
        for phrase in phrases {
            starts.append(Int32(bytes.count))
            lengths.append(Int32(phrase.count))
            bytes += phrase
        }
        var heads = [Int32](repeating: -1, count: Self.bucketCount)
        var next = [Int32](repeating: -1, count: phrases.count)
        var pairs = [(key: UInt16, phrase: Int)]()
        for (index, phrase) in phrases.enumerated().reversed() {
            if phrase.count >= 3 {
                let key = Self.hash(phrase[0], phrase[1], phrase[2])
                next[index] = heads[key]
                heads[key] = Int32(index)
            } else if phrase.count == 2 {
                pairs.append((UInt16(phrase[0]) << 8 | UInt16(phrase[1]), index))
            }
        }
        self.bytes = bytes
        self.starts = starts
        self.lengths = lengths
        self.heads = heads
        self.next = next
        self.pairs = pairs
    }

    @inline(__always)
    private static func hash(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        let value = UInt32(first) &* 0x9E37 ^ UInt32(second) &* 0x85EB ^ UInt32(third) &* 0xC2B3
        return Int((value ^ (value >> 14)) & UInt32(bucketCount - 1))
    }

    /// Calls `found` with the index of every phrase present in `text` (possibly more than once).
    func scan(_ text: [UInt8], _ found: (Int) -> Void) {
        guard text.count >= 2 else { return }
        text.withUnsafeBufferPointer { input in
            bytes.withUnsafeBufferPointer { phraseBytes in
                starts.withUnsafeBufferPointer { starts in
                    lengths.withUnsafeBufferPointer { lengths in
                        heads.withUnsafeBufferPointer { heads in
                            next.withUnsafeBufferPointer { next in
                                let count = input.count
                                if count >= 3 {
                                    for position in 0..<(count - 2) {
                                        var entry = heads[
                                            Self.hash(input[position], input[position + 1], input[position + 2])]
                                        while entry >= 0 {
                                            let phrase = Int(entry)
                                            let length = Int(lengths[phrase])
                                            if length <= count - position {
                                                let start = Int(starts[phrase])
                                                var offset = 0
                                                while offset < length,
                                                    input[position + offset] == phraseBytes[start + offset]
                                                {
                                                    offset += 1
                                                }
                                                if offset == length { found(phrase) }
                                            }
                                            entry = next[phrase]
                                        }
                                    }
                                }
                                guard !pairs.isEmpty else { return }
                                for position in 0..<(count - 1) {
                                    let key = UInt16(input[position]) << 8 | UInt16(input[position + 1])
                                    for pair in pairs where pair.key == key { found(pair.phrase) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
