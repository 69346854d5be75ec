#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-wise comparisons of strings, by name: `containsBytes`, `rangeOfBytes`…
///
/// The standard library's `contains(_:)` and Foundation's `range(of:)` compare characters (canonical
/// equivalence) and cost far more; these compare UTF-8 bytes, which is what matching ASCII phrases and
/// codes needs. Their names say so, so that a reader always sees when a comparison is byte-wise.
extension StringProtocol {
    /// Whether the UTF-8 bytes of `needle` occur in the text (exact, case-sensitive; true for "").
    @inlinable
    package func containsBytes(_ needle: some StringProtocol) -> Bool {
        ByteSearch.offset(of: needle, in: self) != nil
    }

    /// The range of the first occurrence of the UTF-8 bytes of `needle` (an empty range at the start for "").
    @inlinable
    package func rangeOfBytes(_ needle: some StringProtocol) -> Range<Index>? {
        guard let start = ByteSearch.offset(of: needle, in: self) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// The range of the last occurrence of the UTF-8 bytes of `needle` (nil for "").
    @inlinable
    package func lastRangeOfBytes(_ needle: some StringProtocol) -> Range<Index>? {
        let start = ByteSearch.withBytes(self) { hay in
            ByteSearch.withBytes(needle) { ByteSearch.lastOffset($0, in: hay) }
        }
        guard let start else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// `hasSuffix` by UTF-8 bytes (no Unicode normalisation; for ASCII host names and the like).
    @inlinable
    package func hasSuffixBytes(_ suffix: some StringProtocol) -> Bool {
        guard utf8.count >= suffix.utf8.count else { return false }
        return ByteSearch.withBytes(self) { whole in
            ByteSearch.withBytes(suffix) { tail in
                guard let wholeBase = whole.baseAddress, let tailBase = tail.baseAddress else { return true }
                // Unsafe: whole.count ≥ tail.count, so both ranges compared lie inside their buffers.
                return memcmp(wholeBase + (whole.count - tail.count), tailBase, tail.count) == 0
            }
        }
    }

    /// Whether the text starts with `prefix`, ignoring case (by `lowercased()`, as the DNS checks always did).
    @inlinable
    package func hasPrefixIgnoringCase(_ prefix: String) -> Bool {
        lowercased().hasPrefix(prefix.lowercased())
    }

    /// Whether the text starts with the bytes of `prefix`, ASCII letters compared case-insensitively.
    @inlinable
    package func hasPrefixIgnoringASCIICase(_ prefix: some StringProtocol) -> Bool {
        let text = utf8
        let head = prefix.utf8
        guard text.count >= head.count else { return false }
        return zip(text, head).allSatisfy { ASCII.lower($0) == ASCII.lower($1) }
    }

    /// Whether every scalar is 7-bit ASCII.
    @inlinable
    package var isASCII: Bool {
        utf8.allSatisfy { $0 < 0x80 }
    }
}

extension String {
    /// Lower-cases ASCII letters only (bytes ≥ 0x80 kept): much cheaper than `lowercased()`, and what
    /// matching against lower-case ASCII phrase tables needs.
    @inlinable
    package var asciiLowercased: String {
        var needsWork = false
        for byte in utf8 where byte >= 0x41 && byte <= 0x5A {
            needsWork = true
            break
        }
        return needsWork ? String(decoding: ASCII.lowercased(utf8), as: UTF8.self) : self
    }

    /// Upper-cases ASCII letters only (bytes ≥ 0x80 kept).
    @inlinable
    package var asciiUppercased: String {
        String(decoding: utf8.map { ASCII.upper($0) }, as: UTF8.self)
    }

    /// The UTF-8 bytes of the string.
    @inlinable
    package var bytes: [UInt8] { Array(utf8) }

    /// Lower-cased ASCII bytes of the string.
    @inlinable
    package var lowerBytes: [UInt8] { ASCII.lowered(self) }
}
