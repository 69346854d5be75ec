/// Small predicates on one line of bytes, used by every scanner.
extension Array where Element == UInt8 {
    /// True when the line starts with `prefix` (exact bytes).
    @inline(__always)
    func hasPrefixBytes(_ prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        for index in 0..<prefix.count where self[index] != prefix[index] { return false }
        return true
    }

    /// True when the line starts with `prefix`, comparing ASCII letters case-insensitively (`prefix` lower-case).
    @inline(__always)
    func hasPrefixCI(_ prefix: [UInt8]) -> Bool {
        guard count >= prefix.count else { return false }
        for index in 0..<prefix.count where ASCII.lower(self[index]) != prefix[index] { return false }
        return true
    }

    /// True when the line ends with `suffix` (exact bytes).
    func hasSuffixBytes(_ suffix: [UInt8]) -> Bool {
        guard count >= suffix.count else { return false }
        let offset = count - suffix.count
        for index in 0..<suffix.count where self[offset + index] != suffix[index] { return false }
        return true
    }

    /// Copy without leading and trailing blanks (space, tab, CR, LF).
    func trimmedBytes() -> [UInt8] {
        var start = 0
        var end = count
        while start < end, ASCII.isWhitespace(self[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(self[end - 1]) { end -= 1 }
        if start == 0 && end == count { return self }
        return Array(self[start..<end])
    }

    /// True when the line holds only blanks.
    var isBlankLine: Bool {
        for byte in self where !ASCII.isWhitespace(byte) { return false }
        return true
    }

    /// Number of leading spaces or tabs.
    var leadingBlanks: Int {
        var index = 0
        while index < count, ASCII.isBlank(self[index]) { index += 1 }
        return index
    }

    /// Lower-cased copy (ASCII letters only).
    var lowercasedBytes: [UInt8] { ASCII.lowercased(self) }

    /// True when the lower-cased line contains `needle` (already lower-case).
    @inline(__always)
    func containsCI(_ needle: [UInt8]) -> Bool {
        ByteSearch.contains(ASCII.lowercased(self), needle)
    }

    /// UTF-8 string view of the bytes (invalid sequences replaced).
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}

extension String {
    /// The UTF-8 bytes of the string.
    var bytes: [UInt8] { Array(utf8) }
    /// Lower-cased ASCII bytes of the string.
    var lowerBytes: [UInt8] { ASCII.lowered(self) }
}
