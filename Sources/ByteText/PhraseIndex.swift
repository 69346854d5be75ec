#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A multi-phrase matcher: finds which of many lower-case phrases occur in a text in one pass.
///
/// Phrases are bucketed by a hash of their first three bytes (two-byte phrases by their pair);
/// scanning looks each text position up and compares only the phrases in that bucket, so the cost
/// grows with the text, not with the number of phrases. Phrase bytes live in one flat buffer.
/// The bounce reader's reason matcher runs ``scan(_:_:)`` over every text it classifies.
@usableFromInline package struct PhraseIndex: Sendable {
    @usableFromInline static let bucketBits = 14
    @usableFromInline static let bucketCount = 1 << bucketBits

    /// One phrase: its first (up to) eight bytes as a word with the mask of the bytes that count,
    /// where the rest of it starts in `bytes`, its length and the next phrase of its bucket.
    @usableFromInline struct Entry: Sendable {
        @usableFromInline var prefix: UInt64
        @usableFromInline var mask: UInt64
        @usableFromInline var start: Int32
        @usableFromInline var length: Int32
        /// Next phrase in the same bucket (-1 = end).
        @usableFromInline var next: Int32
    }

    /// All phrase bytes, back to back.
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let entries: [Entry]
    /// Head of the bucket list per 3-byte hash (index into the phrases, -1 = empty).
    @usableFromInline let heads: [Int32]
    /// Two-byte phrases: head per byte pair is not worth a table; they are few and checked by pair.
    @usableFromInline let pairs: [(key: UInt16, phrase: Int)]

    /// Builds the index over phrases of at least two bytes (shorter ones are never matched).
    package init(_ phrases: [[UInt8]]) {
        var bytes = [UInt8]()
        var entries = [Entry]()
        for phrase in phrases {
            var prefix: UInt64 = 0
            var mask: UInt64 = 0
            for (offset, byte) in phrase.prefix(8).enumerated() {
                prefix |= UInt64(byte) << UInt64(8 * offset)
                mask |= 0xFF << UInt64(8 * offset)
            }
            entries.append(
                Entry(prefix: prefix, mask: mask, start: Int32(bytes.count), length: Int32(phrase.count), next: -1))
            bytes += phrase
        }
        var heads = [Int32](repeating: -1, count: Self.bucketCount)
        var pairs = [(key: UInt16, phrase: Int)]()
        for (index, phrase) in phrases.enumerated().reversed() {
            if phrase.count >= 3 {
                let key = Self.hash(phrase[0], phrase[1], phrase[2])
                entries[index].next = heads[key]
                heads[key] = Int32(index)
            } else if phrase.count == 2 {
                pairs.append((UInt16(phrase[0]) << 8 | UInt16(phrase[1]), index))
            }
        }
        self.bytes = bytes
        self.entries = entries
        self.heads = heads
        self.pairs = pairs
    }

    @inlinable @inline(__always)
    static func hash(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int {
        let value = UInt32(first) &* 0x9E37 ^ UInt32(second) &* 0x85EB ^ UInt32(third) &* 0xC2B3
        return Int((value ^ (value >> 14)) & UInt32(bucketCount - 1))
    }

    /// Calls `found` with the index of every phrase present in `text` (possibly more than once).
    @inlinable
    package func scan(_ text: [UInt8], _ found: (Int) -> Void) {
        guard text.count >= 2 else { return }
        // Unsafe: the per-text hot loop of bounce classification; eight-byte loads only when
        // `remaining >= 8`, and memcmp only past a phrase's first eight bytes when `length <= remaining`.
        text.withUnsafeBufferPointer { input in
            bytes.withUnsafeBufferPointer { phraseBytes in
                entries.withUnsafeBufferPointer { entries in
                    heads.withUnsafeBufferPointer { heads in
                        guard let base = input.baseAddress, let phraseBase = phraseBytes.baseAddress else { return }
                        let count = input.count
                        if count >= 3 {
                            for position in 0..<(count - 2) {
                                var entry = heads[Self.hash(input[position], input[position + 1], input[position + 2])]
                                guard entry >= 0 else { continue }
                                // The next eight text bytes (fewer at the end, zero-padded), first byte lowest.
                                let remaining = count - position
                                var word: UInt64 = 0
                                if remaining >= 8 {
                                    word = UInt64(
                                        littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self))
                                } else {
                                    for offset in 0..<remaining {
                                        word |= UInt64(input[position + offset]) << UInt64(8 * offset)
                                    }
                                }
                                while entry >= 0 {
                                    let phrase = Int(entry)
                                    let candidate = entries[phrase]
                                    let length = Int(candidate.length)
                                    if length <= remaining, word & candidate.mask == candidate.prefix,
                                        length <= 8
                                            || memcmp(
                                                base + position + 8, phraseBase + Int(candidate.start) + 8, length - 8)
                                                == 0
                                    {
                                        found(phrase)
                                    }
                                    entry = candidate.next
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
