/// Small string helpers that stay in the standard library (Foundation's `trimmingCharacters` and
/// `range(of:)` bridge through NSString and dominated the cost of a reply).
extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines.
    var trimmed: Substring { trimmed("") }

    /// The text without leading and trailing characters from `set` (and whitespace when `whitespace`).
    func trimmed(_ set: String, whitespace: Bool = true) -> Substring {
        let drop = { (character: Character) in set.contains(character) || (whitespace && character.isWhitespace) }
        let start = firstIndex { !drop($0) } ?? endIndex
        let end = lastIndex { !drop($0) }.map { index(after: $0) } ?? start
        return Substring(self[start..<Swift.max(start, end)])
    }

    /// Whether the UTF-8 bytes of `needle` occur in the text (exact, case-sensitive).
    func has(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
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
