import Localization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small string helpers that stay in the standard library (Foundation's `trimmingCharacters` and
/// `range(of:)` bridge through NSString and dominated the cost of a reply).
extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    var trimmed: Substring { trimmed("") }

    /// The text without leading and trailing characters from `set` (and whitespace when `whitespace`).
    func trimmed(_ set: String, whitespace: Bool = true) -> Substring {
        if let fast = asciiTrimmed(set, whitespace: whitespace) { return fast }
        let drop = { (character: Character) in set.contains(character) || (whitespace && character.isWhitespace) }
        let start = firstIndex { !drop($0) } ?? endIndex
        let end = lastIndex { !drop($0) }.map { index(after: $0) } ?? start
        return Substring(self[start..<Swift.max(start, end)])
    }

    /// `trimmed` by bytes, for an ASCII `set`. Nil (use characters) when a kept end of the text is not
    /// ASCII: there a character may be white space or carry a combining mark, and bytes would disagree.
    private func asciiTrimmed(_ set: String, whitespace: Bool) -> Substring? {
        guard set.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D && $0 != 0x0A }) else { return nil }
        func drop(_ byte: UInt8) -> Bool {
            byte < 0x80 && (set.utf8.contains(byte) || (whitespace && (byte == 0x20 || (byte >= 0x09 && byte <= 0x0D))))
        }
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex, drop(bytes[start]) { start = bytes.index(after: start) }
        var end = bytes.endIndex
        while end > start, drop(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        if start < end, bytes[start] >= 0x80 || bytes[bytes.index(before: end)] >= 0x80 { return nil }
        return text[start..<end]
    }

    /// Whether the UTF-8 bytes of `needle` occur in the text (exact, case-sensitive).
    func has(_ needle: String) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { text in
            needle.utf8.withContiguousStorageIfAvailable { pattern in
                Self.contains(pattern, in: text)
            }
        }
        if let found, let found { return found }
        return slowHas(Array(needle.utf8))
    }

    /// Byte search: `memchr` for the first byte, then a compare.
    private static func contains(_ pattern: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = pattern.first else { return true }
        guard let base = text.baseAddress, let needle = pattern.baseAddress, text.count >= pattern.count else {
            return false
        }
        var offset = 0
        let last = text.count - pattern.count
        while offset <= last {
            guard let hit = memchr(base + offset, Int32(first), last - offset + 1) else { return false }
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + position, needle, pattern.count) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    private func slowHas(_ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first else { return true }
        let text = utf8
        var start = text.startIndex
        while let found = text[start...].firstIndex(of: first) {
            if text[found...].starts(with: pattern) { return true }
            start = text.index(after: found)
        }
        return false
    }
}

extension StringProtocol {
    /// Whether the text has at most `limit` characters, without counting past the limit (a
    /// character is at least one byte, so short texts need no counting at all).
    func hasAtMost(characters limit: Int) -> Bool {
        utf8.count <= limit || prefix(limit + 1).count <= limit
    }
}

extension String {
    /// How many pieces `split(separator: " ")` makes, counting at most `limit + 1`: by bytes for ASCII
    /// text, by characters otherwise (a space followed by a combining mark is not a separator there).
    func spaceSeparatedCount(limit: Int) -> Int {
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
    func asciiTokens(where isPart: (UInt8) -> Bool) -> [Substring]? {
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
