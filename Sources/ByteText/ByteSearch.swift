#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one substring searcher over bytes: `memchr` for the needle's first byte, then its last byte, then
/// `memcmp` for the rest. Every byte-wise `contains`/`range` in the package ends here.
@usableFromInline package enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `haystack` at or after `from`, or nil. An empty needle
    /// is found at `from` (when `from` is inside or at the end of the haystack).
    @inlinable
    package static func offset(
        _ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0
    )
        -> Int?
    {
        let from = max(0, from)
        let count = needle.count
        guard count > 0 else { return from <= haystack.count ? from : nil }
        guard let hay = haystack.baseAddress, let need = needle.baseAddress, haystack.count - from >= count else {
            return nil
        }
        // Unsafe: reads the needle's first and last bytes, which exist (count > 0 above).
        let first = Int32(need.pointee)
        let lastByte = need[count - 1]
        let last = haystack.count - count
        var position = from
        while position <= last {
            // Unsafe: position ≤ last, so the memchr window [position, last] and the compared bytes
            // [offset, offset + count) lie inside the haystack.
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

    /// Offset of the last occurrence of `needle` in `haystack`, or nil (nil for an empty needle).
    @inlinable
    package static func lastOffset(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>)
        -> Int?
    {
        guard let firstByte = needle.first else { return nil }
        // Unsafe: reads below both counts (0 ≤ position ≤ haystack.count - needle.count).
        var position = haystack.count - needle.count
        while position >= 0 {
            if haystack[position] == firstByte, needle.indices.allSatisfy({ haystack[position + $0] == needle[$0] }) {
                return position
            }
            position -= 1
        }
        return nil
    }

    /// Runs `body` with contiguous UTF-8 bytes of the text (copying only for bridged strings).
    @inlinable @inline(__always)
    package static func withBytes<R>(_ text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Unsafe: the buffer is only used inside `body`, while the string (or the copy) is alive.
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        let copy = Array(text.utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    /// Byte offset of `needle` in `text` at or after the byte offset `from`, or nil.
    @inlinable
    package static func offset(of needle: some StringProtocol, in text: some StringProtocol, from: Int = 0) -> Int? {
        withBytes(text) { hay in withBytes(needle) { need in offset(need, in: hay, from: from) } }
    }

    /// Returns the offset of the first occurrence of `needle` in `haystack` at or after `from`.
    @inlinable
    package static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int = 0) -> Int? {
        // Unsafe: both buffers live for the duration of the call and `offset` stays inside them.
        haystack.withUnsafeBufferPointer { hay in needle.withUnsafeBufferPointer { offset($0, in: hay, from: from) } }
    }

    /// Offset of the first occurrence of `needle` (lower-case, first byte not a letter) in `haystack` at
    /// or after `from`, comparing letters case-insensitively, without a lower-cased copy.
    @inlinable
    package static func findLowered(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int? {
        guard let first = needle.first, let base = haystack.baseAddress, from >= 0 else { return nil }
        let last = haystack.count - needle.count
        var position = from
        while position <= last {
            // Unsafe: position ≤ last keeps the memchr window and the compared bytes inside the haystack.
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

    /// ``findLowered(_:in:from:)`` over a view.
    @inlinable
    package static func findLowered(_ needle: [UInt8], in haystack: ByteView, from: Int = 0) -> Int? {
        haystack.withBuffer { findLowered(needle, in: $0, from: from) }
    }

    /// Offset of the first `byte` in `bytes` at or after `from`, or nil (nil when `from` is outside the
    /// view): `memchr`, for the long runs of a body between two special bytes.
    @inlinable @inline(__always)
    package static func offset(of byte: UInt8, in bytes: ByteView, from: Int = 0) -> Int? {
        // Unsafe: memchr reads `[from, count)` of the borrowed bytes, inside the view by the guard.
        guard from >= 0, from < bytes.count, let base = bytes.buffer.baseAddress else { return nil }
        guard let hit = memchr(base + from, Int32(byte), bytes.count - from) else { return nil }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// True when the bytes of `other` sit at `offset` in `bytes` (false when they would not fit).
    @inlinable
    package static func matches(
        _ other: UnsafeBufferPointer<UInt8>, in bytes: UnsafeBufferPointer<UInt8>, at offset: Int
    ) -> Bool {
        guard offset >= 0, bytes.count - offset >= other.count else { return false }
        guard let base = bytes.baseAddress, let otherBase = other.baseAddress else { return other.isEmpty }
        // Unsafe: offset + other.count ≤ bytes.count was checked above.
        return memcmp(base + offset, otherBase, other.count) == 0
    }

    /// True when the bytes of `other` sit at `offset` in `bytes` (false when they would not fit).
    @inlinable
    package static func matches(_ other: [UInt8], in bytes: [UInt8], at offset: Int) -> Bool {
        // Unsafe: both buffers live for the duration of the call.
        bytes.withUnsafeBufferPointer { whole in other.withUnsafeBufferPointer { matches($0, in: whole, at: offset) } }
    }

    /// True when the UTF-8 bytes of `other` sit at `offset` in `bytes` (false when they would not fit).
    @inlinable
    package static func matches(_ other: some StringProtocol, in bytes: [UInt8], at offset: Int) -> Bool {
        // Unsafe: both buffers live for the duration of the call.
        bytes.withUnsafeBufferPointer { whole in withBytes(other) { matches($0, in: whole, at: offset) } }
    }

    /// Returns true when `needle` occurs in `haystack`.
    @inlinable @inline(__always)
    package static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        find(needle, in: haystack) != nil
    }

    /// Returns true when the pieces occur in `haystack` in this order, without overlapping.
    @inlinable
    package static func containsInOrder(_ haystack: [UInt8], _ pieces: [[UInt8]]) -> Bool {
        var position = 0
        for piece in pieces {
            guard let hit = find(piece, in: haystack, from: position) else { return false }
            position = hit + piece.count
        }
        return true
    }

    /// Counts non-overlapping occurrences of `needle`.
    @inlinable
    package static func count(_ needle: [UInt8], in haystack: [UInt8]) -> Int {
        var total = 0
        var position = 0
        while let hit = find(needle, in: haystack, from: position) {
            total += 1
            position = hit + max(1, needle.count)
        }
        return total
    }
}
