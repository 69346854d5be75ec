/// One header field: lower-cased name and the unfolded raw value.
struct HeaderField: Sendable {
    /// Field name, lower-cased (`content-type`).
    let name: String
    /// Raw value bytes with folding removed; not yet RFC 2047 decoded.
    var value: [UInt8]
    /// Hash of `name`, compared before the name itself when looking fields up.
    let key: UInt64

    /// Creates a field; `name` must already be lower-cased.
    init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
        self.key = Self.key(name)
    }

    /// Creates a field whose `key` the caller already computed with ``key(_:)``.
    init(name: String, value: [UInt8], key: UInt64) {
        self.name = name
        self.value = value
        self.key = key
    }

    /// Hash of a field name: its length and first and last bytes (collisions are settled by the name).
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
