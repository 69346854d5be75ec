/// Trimming, in the three flavours the package uses; each says which bytes or characters it drops.
extension StringProtocol {
    /// The text without leading and trailing whitespace and newlines (`Character.isWhitespace`).
    @inlinable
    package var trimmed: Substring { trimmed("") }

    /// The text without leading and trailing characters from `set` (and whitespace when `whitespace`).
    ///
    /// By bytes when `set` is ASCII and the kept ends of the text are ASCII; by characters otherwise
    /// (there a character may be white space or carry a combining mark, and bytes would disagree).
    @inlinable
    package func trimmed(_ set: String, whitespace: Bool = true) -> Substring {
        if let fast = asciiTrimmed(set, whitespace: whitespace) { return fast }
        let drop = { (character: Character) in set.contains(character) || (whitespace && character.isWhitespace) }
        let start = firstIndex { !drop($0) } ?? endIndex
        let end = lastIndex { !drop($0) }.map { index(after: $0) } ?? start
        return Substring(self[start..<Swift.max(start, end)])
    }

    /// `trimmed` by bytes, for an ASCII `set`; nil (use characters) when a kept end is not ASCII.
    @inlinable
    package func asciiTrimmed(_ set: String, whitespace: Bool) -> Substring? {
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

    /// Copy without leading and trailing spaces, tabs, LFs and CRs (bytes; nothing else is dropped).
    @inlinable
    package func trimmingCharactersBlank() -> String {
        let view = Substring(self)
        let utf8 = view.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while start < end, isBlank(utf8[start]) { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard isBlank(utf8[before]) else { break }
            end = before
        }
        if start == utf8.startIndex && end == utf8.endIndex { return String(view) }
        return String(view[start..<end])
    }

    /// The text without leading and trailing Unicode white space (`Unicode.Scalar.Properties.isWhitespace`).
    @inlinable
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
