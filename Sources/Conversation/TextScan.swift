/// Small string helpers that stay in the standard library (Foundation's `trimmingCharacters` and
/// `range(of:)` bridge through NSString and dominated the cost of a reply).
extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    var trimmed: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return Substring(self[start..<Swift.max(start, end)])
    }

    /// The text without leading and trailing characters from `set` (and whitespace when `whitespace`).
    func trimmed(_ set: String, whitespace: Bool = true) -> Substring {
        let drop = { (character: Character) in set.contains(character) || (whitespace && character.isWhitespace) }
        let start = firstIndex { !drop($0) } ?? endIndex
        let end = lastIndex { !drop($0) }.map { index(after: $0) } ?? start
        return Substring(self[start..<Swift.max(start, end)])
    }

    /// Whether the UTF-8 bytes of `needle` occur in the text (exact, case-sensitive).
    func has(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            guard let first = pattern.first else { return true }
            let bytes = Array(utf8)
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == first {
                    var offset = 1
                    while offset < pattern.count, bytes[index + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
