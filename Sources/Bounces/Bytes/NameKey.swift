/// A cheap key for short lower-case names (header field names, reason names): length, first and last byte.
///
/// Lists of names compare keys first and the names themselves only on a key match, which is cheaper
/// than hashing a name for a dictionary.
enum NameKey {
    /// The key of a lower-case name.
    @inline(__always)
    static func of(_ name: String) -> UInt64 {
        let utf8 = name.utf8
        guard let first = utf8.first, let last = utf8.last else { return 0 }
        return of(count: utf8.count, first: first, last: last)
    }

    /// The key of a name of `count` bytes starting with `first` and ending with `last` (lower-cased).
    @inline(__always)
    static func of(count: Int, first: UInt8, last: UInt8) -> UInt64 {
        UInt64(truncatingIfNeeded: count) << 16 | UInt64(first) << 8 | UInt64(last)
    }
}
