/// One header field: lower-cased name and the unfolded raw value.
struct HeaderField: Sendable {
    /// Field name, lower-cased (`content-type`).
    let name: String
    /// Raw value bytes with folding removed; not yet RFC 2047 decoded.
    var value: [UInt8]
}
