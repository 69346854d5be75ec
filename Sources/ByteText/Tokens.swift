/// Counting and splitting ASCII text by bytes, with a character-based fallback for other text.
extension StringProtocol {
    /// Whether the text has at most `limit` characters, without counting past the limit (a
    /// character is at least one byte, so short texts need no counting at all).
    @inlinable
    package func hasAtMost(characters limit: Int) -> Bool {
        utf8.count <= limit || prefix(limit + 1).count <= limit
    }
}

extension String {
    /// How many pieces `split(separator: " ")` makes, counting at most `limit + 1`: by bytes for ASCII
    /// text, by characters otherwise (a space followed by a combining mark is not a separator there).
    @inlinable
    package func spaceSeparatedCount(limit: Int) -> Int {
        var count = 0
        var inWord = false
        for byte in utf8 {
            guard byte < 0x80 else { return min(split(separator: " ").count, limit + 1) }
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
                if count > limit { return count }
            }
        }
        return count
    }

    /// The runs of bytes for which `isPart` holds, when the text is ASCII; `nil` otherwise, so that
    /// callers fall back to Unicode-aware splitting. Much cheaper than splitting by `Character`.
    @inlinable
    package func asciiTokens(where isPart: (UInt8) -> Bool) -> [Substring]? {
        var tokens: [Substring] = []
        let bytes = utf8
        var start: String.Index?
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte < 0x80 else { return nil }
            if isPart(byte) {
                if start == nil { start = index }
            } else if let begin = start {
                tokens.append(self[begin..<index])
                start = nil
            }
            index = bytes.index(after: index)
        }
        if let begin = start { tokens.append(self[begin..<index]) }
        return tokens
    }
}
