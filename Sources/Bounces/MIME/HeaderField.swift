/// Header field names as keys: a cheap hash compared before the name itself when looking fields up.
enum HeaderField {
    /// Hash of a lower-cased field name: its length and first and last bytes (collisions are settled by the name).
    @inline(__always)
    static func key(_ name: String) -> UInt64 {
        let utf8 = name.utf8
        guard let first = utf8.first, let last = utf8.last else { return 0 }
        return key(count: utf8.count, first: first, last: last)
    }

    /// The key for a name of `count` bytes starting with `first` and ending with `last` (lower-cased).
    @inline(__always)
    static func key(count: Int, first: UInt8, last: UInt8) -> UInt64 {
        UInt64(truncatingIfNeeded: count) << 16 | UInt64(first) << 8 | UInt64(last)
    }
}
