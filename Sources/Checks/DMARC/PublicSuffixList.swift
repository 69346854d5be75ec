#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Public Suffix List: finds a domain's organisational domain (RFC 7489 §3.2).
///
/// The rules are kept as the list's own text and searched line by line (`memchr`), so nothing is
/// parsed at start-up; a lookup costs a few searches of ~115 KB. Internationalised rules stay in
/// Unicode, and lookups also try the Unicode form of `xn--` labels.
public struct PublicSuffixList: Sendable {
    /// "\n" + one rule per line + "\n", comments and blank lines included.
    private let text: [UInt8]

    /// The list shipped with MailDoctor (see `PublicSuffixData.swift`).
    public static let shared = PublicSuffixList(normalizedText: PublicSuffixList.rules)

    /// Uses text that is already one lower-case rule per line (the shipped data), without copying it line by line.
    private init(normalizedText: String) {
        text = [0x0A] + Array(normalizedText.utf8) + [0x0A]
    }

    /// Uses rules in the publicsuffix.org format, one per line; `//` comment lines are ignored.
    public init(text: String) {
        var bytes: [UInt8] = [0x0A]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let rule = line.split(separator: " ").first.map { $0.lowercased() } ?? ""
            bytes += Array(rule.utf8)
            bytes.append(0x0A)
        }
        self.text = bytes
    }

    /// How many rules the list has (comment lines excluded).
    public var count: Int {
        text.split(separator: 0x0A).filter { !($0.starts(with: [0x2F, 0x2F])) }.count
    }

    /// Whether `rule` is a line of the list.
    private func contains(_ rule: String) -> Bool {
        let needle = [0x0A] + Array(rule.utf8) + [0x0A]
        return text.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { pattern in
                guard let base = haystack.baseAddress, let wanted = pattern.baseAddress else { return false }
                var offset = 0
                let last = haystack.count - pattern.count
                // Every line starts after a newline: jump from newline to newline and compare there.
                while offset <= last {
                    guard let found = memchr(base + offset, 0x0A, last - offset + 1) else { return false }
                    let position = base.distance(to: UnsafeRawPointer(found))
                    if memcmp(found, wanted, pattern.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }

    /// The public suffix of `domain` (e.g. `co.uk` for `mail.example.co.uk`); unknown TLDs count as suffixes.
    public func publicSuffix(of domain: String) -> String {
        let labels = DNSName.normalize(domain).split(separator: ".").map(String.init)
        guard !labels.isEmpty else { return "" }
        let unicode =
            labels.contains { $0.hasPrefix("xn--") }
            ? Punycode.toUnicode(labels.joined(separator: ".")).split(separator: ".").map(String.init) : nil
        func listed(_ prefix: String, from start: Int) -> Bool {
            if contains(prefix + labels[start...].joined(separator: ".")) { return true }
            if let unicode, unicode.count == labels.count {
                return contains(prefix + unicode[start...].joined(separator: "."))
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
