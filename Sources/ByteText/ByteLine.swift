/// Small predicates on one line of bytes, used by every scanner.
extension Array where Element == UInt8 {
    /// True when the line starts with `prefix` (exact bytes).
    @inlinable @inline(__always)
    package func hasPrefixBytes(_ prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        for index in 0..<prefix.count where self[index] != prefix[index] { return false }
        return true
    }

    /// True when the line starts with `prefix`, comparing ASCII letters case-insensitively (`prefix` lower-case).
    @inlinable @inline(__always)
    package func hasPrefixCI(_ prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        for index in 0..<prefix.count where ASCII.lower(self[index]) != prefix[index] { return false }
        return true
    }

    /// True when the line ends with `suffix` (exact bytes).
    @inlinable
    package func hasSuffixBytes(_ suffix: [UInt8]) -> Bool {
        guard count >= suffix.count else { return false }
        let offset = count - suffix.count
        for index in 0..<suffix.count where self[offset + index] != suffix[index] { return false }
        return true
    }

    /// Copy without leading and trailing blanks (space, tab, CR, LF, VT, FF).
    @inlinable
    package func trimmedBytes() -> [UInt8] {
        var start = 0
        var end = count
        while start < end, ASCII.isWhitespace(self[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(self[end - 1]) { end -= 1 }
        if start == 0 && end == count { return self }
        return Array(self[start..<end])
    }

    /// True when the line holds only blanks.
    @inlinable
    package var isBlankLine: Bool {
        for byte in self where !ASCII.isWhitespace(byte) { return false }
        return true
    }

    /// Number of leading spaces or tabs.
    @inlinable
    package var leadingBlanks: Int {
        var index = 0
        while index < count, ASCII.isBlank(self[index]) { index += 1 }
        return index
    }

    /// Lower-cased copy (ASCII letters only).
    @inlinable
    package var lowercasedBytes: [UInt8] { ASCII.lowercased(self) }

    /// True when the lower-cased line contains `needle` (already lower-case).
    @inlinable @inline(__always)
    package func containsCI(_ needle: [UInt8]) -> Bool {
        ByteSearch.contains(ASCII.lowercased(self), needle)
    }

    /// UTF-8 string view of the bytes (invalid sequences replaced by U+FFFD).
    @inlinable
    package var utf8String: String { String(decoding: self, as: UTF8.self) }
}

/// A cheap key for short lower-case names (header field names, reason names): length, first and last byte.
///
/// Lists of names compare keys first and the names themselves only on a key match, which is cheaper
/// than hashing a name for a dictionary.
@usableFromInline package enum NameKey {
    /// The key of a lower-case name.
    @inlinable @inline(__always)
    package static func of(_ name: String) -> UInt64 {
        let utf8 = name.utf8
        guard let first = utf8.first, let last = utf8.last else { return 0 }
        return of(count: utf8.count, first: first, last: last)
    }

    /// The key of a name of `count` bytes starting with `first` and ending with `last` (lower-cased).
    @inlinable @inline(__always)
    package static func of(count: Int, first: UInt8, last: UInt8) -> UInt64 {
        UInt64(truncatingIfNeeded: count) << 16 | UInt64(first) << 8 | UInt64(last)
    }
}
