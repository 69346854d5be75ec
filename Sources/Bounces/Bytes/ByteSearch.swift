#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search over byte buffers, backed by `memchr`/`memcmp` so it stays fast.
enum ByteSearch {
    /// Returns the offset of the first occurrence of `needle` in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
        let start = max(0, from)
        let needleCount = needle.count
        guard needleCount > 0 else { return start <= haystack.count ? start : nil }
        guard haystack.count - start >= needleCount else { return nil }
        return haystack.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { need -> Int? in
                guard let hayBase = hay.baseAddress, let needBase = need.baseAddress else { return nil }
                let first = Int32(needBase.pointee)
                let lastByte = needBase[needleCount - 1]
                let last = hay.count - needleCount
                var position = start
                while position <= last {
                    guard let hit = memchr(hayBase + position, first, last - position + 1) else { return nil }
                    let offset = UnsafeRawPointer(hayBase).distance(to: UnsafeRawPointer(hit))
                    // The last byte first: most candidates fail there, without a call to memcmp.
                    if hayBase[offset + needleCount - 1] == lastByte
                        && (needleCount <= 2 || memcmp(hayBase + offset + 1, needBase + 1, needleCount - 2) == 0)
                    {
                        return offset
                    }
                    position = offset + 1
                }
                return nil
            }
        }
    }

    /// Offset of the first occurrence of `needle` (lower-case, first byte not a letter) in `haystack` at
    /// or after `from`, comparing letters case-insensitively, without a lower-cased copy.
    static func findLowered(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress, from >= 0 else { return nil }
        let last = haystack.count - needle.count
        var position = from
        while position <= last {
            guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            var matched = true
            for index in 1..<needle.count where ASCII.lower(base[offset + index]) != needle[index] {
                matched = false
                break
            }
            if matched { return offset }
            position = offset + 1
        }
        return nil
    }

    /// Returns true when `needle` occurs in `haystack`.
    @inline(__always)
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        find(needle, in: haystack) != nil
    }

    /// Returns true when the pieces occur in `haystack` in this order, without overlapping.
    static func containsInOrder(_ haystack: [UInt8], _ pieces: [[UInt8]]) -> Bool {
        var position = 0
        for piece in pieces {
            guard let hit = find(piece, in: haystack, from: position) else { return false }
            position = hit + piece.count
        }
        return true
    }

    /// Counts non-overlapping occurrences of `needle`.
    static func count(_ needle: [UInt8], in haystack: [UInt8]) -> Int {
        var total = 0
        var position = 0
        while let hit = find(needle, in: haystack, from: position) {
            total += 1
            position = hit + max(1, needle.count)
        }
        return total
    }
}
