#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-level substring search for Swift strings.
///
/// The standard library's generic `contains(_:)` and Foundation's `range(of:)` go through
/// Unicode-aware machinery that dominated parse time; every search in this module is on UTF-8
/// bytes where byte equality is what is wanted, so these concrete overloads replace them.
enum FastStringSearch {
    /// Byte offset of `needle` in `haystack` at or after `from`, or nil.
    @inline(__always)
    static func offset(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0)
        -> Int?
    {
        let count = needle.count
        guard count > 0 else { return from <= haystack.count ? from : nil }
        guard let hay = haystack.baseAddress, let need = needle.baseAddress, haystack.count - from >= count else {
            return nil
        }
        let first = Int32(need.pointee)
        let lastByte = need[count - 1]
        let last = haystack.count - count
        var position = from
        while position <= last {
            guard let hit = memchr(hay + position, first, last - position + 1) else { return nil }
            let offset = UnsafeRawPointer(hay).distance(to: UnsafeRawPointer(hit))
            // The last byte first: most candidates fail there, without a call to memcmp.
            if hay[offset + count - 1] == lastByte && (count <= 2 || memcmp(hay + offset + 1, need + 1, count - 2) == 0)
            {
                return offset
            }
            position = offset + 1
        }
        return nil
    }

    /// Runs `body` with contiguous UTF-8 bytes of the string (copying only for bridged strings).
    @inline(__always)
    static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    /// Byte offset of `needle` in `text`, or nil.
    static func offset(of needle: some StringProtocol, in text: some StringProtocol, from: Int = 0) -> Int? {
        withBytes(text) { hay in withBytes(needle) { need in offset(need, in: hay, from: from) } }
    }
}

extension String {
    /// True when `other` occurs in the string (byte comparison of UTF-8).
    @inline(__always)
    func contains(_ other: String) -> Bool { FastStringSearch.offset(of: other, in: self) != nil }

    /// True when `other` occurs in the string (byte comparison of UTF-8).
    @inline(__always)
    func contains(_ other: Substring) -> Bool { FastStringSearch.offset(of: other, in: self) != nil }

    /// The range of the last occurrence of `other` (byte comparison of UTF-8).
    func lastRange(of other: String) -> Range<String.Index>? {
        let needle = Array(other.utf8)
        guard !needle.isEmpty else { return nil }
        let start: Int? = FastStringSearch.withBytes(self) { hay in
            var position = hay.count - needle.count
            while position >= 0 {
                if hay[position] == needle[0], needle.indices.allSatisfy({ hay[position + $0] == needle[$0] }) {
                    return position
                }
                position -= 1
            }
            return nil
        }
        guard let start else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        return lower..<utf8.index(lower, offsetBy: needle.count)
    }

    /// The range of the first occurrence of `other` (byte comparison of UTF-8).
    func range(of other: String) -> Range<String.Index>? {
        guard let start = FastStringSearch.offset(of: other, in: self) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: other.utf8.count)
        return lower..<upper
    }
}

extension Substring {
    /// True when `other` occurs in the substring (byte comparison of UTF-8).
    @inline(__always)
    func contains(_ other: String) -> Bool { FastStringSearch.offset(of: other, in: self) != nil }

    /// The range of the first occurrence of `other` (byte comparison of UTF-8).
    func range(of other: String) -> Range<Substring.Index>? {
        guard let start = FastStringSearch.offset(of: other, in: self) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        let upper = utf8.index(lower, offsetBy: other.utf8.count)
        return lower..<upper
    }
}

extension String {
    /// Lower-cases ASCII letters only (bytes ≥ 0x80 kept): much cheaper than `lowercased()`, and what
    /// matching against lower-case ASCII phrase tables needs.
    var asciiLowercased: String {
        var needsWork = false
        for byte in utf8 where byte >= 0x41 && byte <= 0x5A {
            needsWork = true
            break
        }
        return needsWork ? String(decoding: ASCII.lowercased(utf8), as: UTF8.self) : self
    }

    /// Upper-cases ASCII letters only (bytes ≥ 0x80 kept).
    var asciiUppercased: String {
        String(decoding: utf8.map { ASCII.upper($0) }, as: UTF8.self)
    }

    /// `hasSuffix` by UTF-8 bytes (no Unicode normalisation; our inputs are ASCII host names).
    func utf8HasSuffix(_ suffix: String) -> Bool {
        guard utf8.count >= suffix.utf8.count else { return false }
        var whole = self
        var tail = suffix
        return whole.withUTF8 { wholeBytes in
            tail.withUTF8 { tailBytes in
                guard let wholeBase = wholeBytes.baseAddress, let tailBase = tailBytes.baseAddress else { return true }
                return memcmp(wholeBase + (wholeBytes.count - tailBytes.count), tailBase, tailBytes.count) == 0
            }
        }
    }
}
