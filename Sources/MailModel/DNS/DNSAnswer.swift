import Localization

/// A DNS question: a name (lower case, no trailing dot) and a record type.
public struct DNSQuestion: Sendable, Hashable, CustomStringConvertible {
    /// The queried name.
    public var name: String
    /// The queried type.
    public var type: DNSRecordType

    /// Creates a question; the name is lower-cased and its trailing dot removed.
    public init(_ name: String, _ type: DNSRecordType) {
        self.name = DNSName.normalize(name)
        self.type = type
    }

    /// The value as text, for logs and messages.
    public var description: String { "\(name) \(type)" }
}

/// How a DNS query ended. NXDOMAIN, NODATA and the failures all mean different things to a check.
public enum DNSOutcome: Sendable, Hashable {
    /// NOERROR with at least one record of the asked type.
    case answer
    /// NOERROR, the name exists, but it has no record of the asked type.
    case noData
    /// The name does not exist (NXDOMAIN).
    case nxdomain
    /// The server could not answer (SERVFAIL), e.g. a broken delegation or DNSSEC failure.
    case servfail
    /// The server refused to answer (REFUSED).
    case refused
    /// No answer arrived before the deadline.
    case timeout
    /// Another failure: bad name, malformed answer, connection refused…
    case failure(String)

    /// Whether the DNS gave a definite answer (records, no data, or no such name).
    public var isDefinitive: Bool {
        switch self {
        case .answer, .noData, .nxdomain: true
        case .servfail, .refused, .timeout, .failure: false
        }
    }

    /// A short technical label: NOERROR, NODATA, NXDOMAIN, SERVFAIL, REFUSED, TIMEOUT, ERROR.
    public var label: String {
        switch self {
        case .answer: "NOERROR"
        case .noData: "NODATA"
        case .nxdomain: "NXDOMAIN"
        case .servfail: "SERVFAIL"
        case .refused: "REFUSED"
        case .timeout: "TIMEOUT"
        case .failure: "ERROR"
        }
    }

    /// Why the DNS could not answer, in words, for non-definitive outcomes.
    public var explanation: String { explanationText.english }

    /// The explanation, to be shown in the reader's language.
    public var explanationText: LocalizedText {
        switch self {
        case .answer: L("the DNS answered")
        case .noData: L("the name exists but has no record of that type")
        case .nxdomain: L("the name does not exist")
        case .servfail:
            L(
                "the DNS server failed to answer (SERVFAIL) — often a broken delegation, unreachable name servers or a DNSSEC error"
            )
        case .refused: L("the DNS server refused to answer (REFUSED) — it may not serve this zone or allow recursion")
        case .timeout: L("no DNS answer arrived in time (timeout)")
        case .failure(let reason): L("the DNS lookup failed: \(reason)")
        }
    }
}

/// The answer to one DNS question, with CNAME chains already followed.
public struct DNSAnswer: Sendable, Hashable {
    /// The question asked.
    public var question: DNSQuestion
    /// How the query ended.
    public var outcome: DNSOutcome
    /// Records of the asked type at the end of the alias chain (empty unless `outcome == .answer`).
    public var records: [DNSRecord]
    /// The alias targets followed, in order (empty when the name is not an alias).
    public var cnameChain: [String]

    /// Creates an answer; the outcome is `.answer` or `.noData` from the records when `rcode` is NOERROR.
    public init(question: DNSQuestion, outcome: DNSOutcome, records: [DNSRecord] = [], cnameChain: [String] = []) {
        self.question = question
        self.outcome = outcome
        self.records = records
        self.cnameChain = cnameChain
    }

    /// The name the records belong to: the last alias target, or the question's name.
    public var canonicalName: String {
        cnameChain.last ?? question.name
    }

    /// The joined text of every TXT record.
    public var texts: [String] {
        records.compactMap(\.joinedText)
    }

    /// The addresses of every A or AAAA record.
    public var addresses: [String] {
        records.compactMap { record in
            switch record {
            case .a(let value), .aaaa(let value): value
            default: nil
            }
        }
    }
}
