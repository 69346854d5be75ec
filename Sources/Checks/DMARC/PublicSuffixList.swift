import Foundation
import MailModel

/// The Public Suffix List: finds a domain's organisational domain (RFC 7489 §3.2).
///
/// `shared` reads the list the system keeps current (Debian's `publicsuffix` package) and falls back on the
/// copy compiled into the binary (`public_suffix_list.dat` beside this file, embedded by the
/// `EmbedPublicSuffixList` plugin). It is parsed once, on first use — only when a DMARC check runs.
/// Internationalised rules stay in Unicode, and lookups also try the Unicode form of `xn--` labels.
public struct PublicSuffixList: Sendable {
    /// Where a list's rules came from.
    public enum Source: Sendable, Equatable {
        /// A list file (the system's, or the one `MAILDOCTOR_PSL` names).
        case file(String)
        /// The copy compiled into the binary.
        case embedded
        /// Text given to `init(text:)`.
        case text
    }

    /// The rules, lower-case, one string each (`co.uk`, `*.ck`, `!www.ck`).
    private let rules: Set<String>

    /// Where the rules came from.
    public let source: Source

    /// The list file Debian's `publicsuffix` package installs.
    public static let systemPath = "/usr/share/publicsuffix/public_suffix_list.dat"

    /// The list in use: the file `MAILDOCTOR_PSL` names, else the system's, else the embedded copy.
    /// A `static let` is initialised once, on first use, and safely from any thread.
    public static let shared = load(path: ProcessInfo.processInfo.environment["MAILDOCTOR_PSL"] ?? systemPath)

    /// The list shipped inside the binary, parsed on first use.
    public static let embedded = PublicSuffixList(rules: parse(embeddedRules), source: .embedded)

    /// Reads the list at `path`; the embedded copy when the file is missing, unreadable, not UTF-8 or holds no rule.
    public static func load(path: String) -> PublicSuffixList {
        if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
            let rules = parse(text)
            if !rules.isEmpty { return PublicSuffixList(rules: rules, source: .file(path)) }
        }
        return embedded
    }

    private init(rules: Set<String>, source: Source) {
        self.rules = rules
        self.source = source
    }

    /// Uses rules in the publicsuffix.org format, one per line; `//` comment lines are ignored.
    public init(text: String) {
        self.init(rules: Self.parse(text), source: .text)
    }

    /// The rules of a list in the publicsuffix.org format: each line up to its first white space, lower-case,
    /// comment (`//`) and blank lines left out. A loop over the bytes: twice as fast as splitting the text.
    private static func parse(_ text: String) -> Set<String> {
        var rules = Set<String>(minimumCapacity: 10_000)
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            var stop = start
            while stop < end && bytes[stop] != 0x20 && bytes[stop] != 0x09 && bytes[stop] != 0x0D { stop += 1 }
            let rule = bytes[start..<stop]
            if !rule.isEmpty && !rule.starts(with: [0x2F, 0x2F]) {
                let string = String(decoding: rule, as: UTF8.self)
                // Only upper-case ASCII or non-ASCII text can change when lower-cased.
                let plain = rule.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }
                rules.insert(plain ? string : string.lowercased())
            }
            start = end + 1
        }
        return rules
    }

    /// How many rules the list has.
    public var count: Int { rules.count }

    /// Top-level names reserved for documentation and tests (RFC 2606, RFC 6761): never on the list, yet
    /// names under them are domain names in examples and test setups.
    public static let reservedTopLevels: Set<String> = ["example", "test", "invalid", "localhost"]

    /// Whether `domain` ends in a top-level name the list knows (`com`, `de`, a `*.ck` wildcard) or a
    /// reserved one (``reservedTopLevels``): false for a word pair such as `hans.mueller`.
    public func hasKnownTopLevel(_ domain: String) -> Bool {
        let name = DNSName.normalize(domain)
        guard let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex else { return false }
        let top = String(name[name.index(after: dot)...])
        return Self.reservedTopLevels.contains(top) || rules.contains(top) || rules.contains("*." + top)
    }

    /// The public suffix of `domain` (e.g. `co.uk` for `mail.example.co.uk`); unknown TLDs count as suffixes.
    public func publicSuffix(of domain: String) -> String {
        let labels = DNSName.normalize(domain).split(separator: ".").map(String.init)
        guard !labels.isEmpty else { return "" }
        let unicode =
            labels.contains { $0.hasPrefix("xn--") }
            ? Punycode.toUnicode(labels.joined(separator: ".")).split(separator: ".").map(String.init) : nil
        func listed(_ prefix: String, from start: Int) -> Bool {
            if rules.contains(prefix + labels[start...].joined(separator: ".")) { return true }
            if let unicode, unicode.count == labels.count {
                return rules.contains(prefix + unicode[start...].joined(separator: "."))
            }
            return false
        }
        var suffixLength = 1
        for start in 0..<labels.count {
            let length = labels.count - start
            if listed("!", from: start) {
                suffixLength = length - 1
                break
            }
            if listed("", from: start) || (start + 1 < labels.count && listed("*.", from: start + 1)) {
                suffixLength = max(suffixLength, length)
                break
            }
        }
        return labels.suffix(suffixLength).joined(separator: ".")
    }

    /// The organisational domain: the public suffix plus one label; nil when `domain` is itself a public suffix.
    public func organizationalDomain(of domain: String) -> String? {
        let name = DNSName.normalize(domain)
        let suffix = publicSuffix(of: name)
        let labels = name.split(separator: ".")
        let suffixCount = suffix.split(separator: ".").count
        guard labels.count > suffixCount else { return nil }
        return labels.suffix(suffixCount + 1).joined(separator: ".")
    }
}
