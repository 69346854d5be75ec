/// The DNS record types the checks ask for.
public enum DNSRecordType: UInt16, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case a = 1
    case ns = 2
    case cname = 5
    case soa = 6
    case ptr = 12
    case mx = 15
    case txt = 16
    case aaaa = 28
    /// The obsolete SPF record type (RFC 4408), removed by RFC 7208; data as TXT.
    case spf = 99

    /// The conventional upper-case mnemonic ("MX", "TXT"…).
    public var description: String {
        switch self {
        case .a: "A"
        case .ns: "NS"
        case .cname: "CNAME"
        case .soa: "SOA"
        case .ptr: "PTR"
        case .mx: "MX"
        case .txt: "TXT"
        case .aaaa: "AAAA"
        case .spf: "SPF"
        }
    }
}
