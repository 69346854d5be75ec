/// One resource record's data, decoded. Names are lower case without the trailing dot.
public enum DNSRecord: Sendable, Hashable {
    /// An IPv4 address in dotted-quad form.
    case a(String)
    /// An IPv6 address in RFC 5952 form.
    case aaaa(String)
    /// A mail exchanger; an empty `exchange` with preference 0 is a null MX (RFC 7505).
    case mx(preference: Int, exchange: String)
    /// A TXT record's character strings, in order (join them for SPF, DKIM, DMARC).
    case txt([String])
    /// An obsolete SPF-type (99) record's character strings.
    case spf([String])
    /// A pointer (reverse DNS) target.
    case ptr(String)
    /// A name server.
    case ns(String)
    /// An alias target.
    case cname(String)
    /// A zone's start of authority.
    case soa(SOARecord)

    /// The record type of this data.
    public var type: DNSRecordType {
        switch self {
        case .a: .a
        case .aaaa: .aaaa
        case .mx: .mx
        case .txt: .txt
        case .spf: .spf
        case .ptr: .ptr
        case .ns: .ns
        case .cname: .cname
        case .soa: .soa
        }
    }

    /// The TXT strings joined without separator (RFC 7208 §3.3), or nil for other types.
    public var joinedText: String? {
        switch self {
        case .txt(let strings), .spf(let strings): strings.joined()
        default: nil
        }
    }

    /// The target name of MX/PTR/NS/CNAME records, the address of A/AAAA records.
    public var target: String? {
        switch self {
        case .a(let value), .aaaa(let value), .ptr(let value), .ns(let value), .cname(let value): value
        case .mx(_, let exchange): exchange
        case .txt, .spf, .soa: nil
        }
    }

    /// The record in zone-file presentation form, for people and JSON.
    public var presentation: String {
        switch self {
        case .a(let value), .aaaa(let value): value
        case .mx(let preference, let exchange): "\(preference) \(exchange.isEmpty ? "." : exchange + ".")"
        case .txt(let strings), .spf(let strings): strings.map { "\"\($0)\"" }.joined(separator: " ")
        case .ptr(let value), .ns(let value), .cname(let value): value + "."
        case .soa(let soa): "\(soa.mname). \(soa.rname). \(soa.serial)"
        }
    }
}

/// The data of an SOA record.
public struct SOARecord: Sendable, Hashable {
    /// The primary name server.
    public var mname: String
    /// The responsible mailbox, in DNS form.
    public var rname: String
    /// The zone serial number.
    public var serial: UInt32
    /// The negative-caching TTL (minimum field).
    public var minimum: UInt32

    /// Creates SOA data.
    public init(mname: String, rname: String, serial: UInt32, minimum: UInt32) {
        self.mname = mname
        self.rname = rname
        self.serial = serial
        self.minimum = minimum
    }
}
