import ByteText

/// Helpers for DNS names: normalisation, validation and ancestry.
public enum DNSName {
    /// Lower-cases ASCII letters and removes one trailing dot.
    public static func normalize(_ name: String) -> String {
        var text = name
        if text.hasSuffix(".") && text.count > 1 { text.removeLast() }
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Why `name` cannot be sent as a DNS query (empty label, label over 63 bytes, name over 253), or nil.
    public static func wireProblem(_ name: String) -> String? {
        let text = normalize(name)
        if text.isEmpty || text == "." { return "the name is empty" }
        if text.utf8.count > 253 { return "the name is longer than 253 characters" }
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { return "the name has an empty label (two dots in a row)" }
            if label.utf8.count > 63 { return "the label \"\(label.prefix(20))…\" is longer than 63 characters" }
        }
        return nil
    }

    /// Why `name` is not a usable host name (letters, digits, hyphens, underscores; at least two labels), or nil.
    public static func hostnameProblem(_ name: String) -> String? {
        if let problem = wireProblem(name) { return problem }
        let labels = normalize(name).split(separator: ".")
        if labels.count < 2 { return "\"\(name)\" has no dot — a domain needs at least two parts, like example.com" }
        for label in labels {
            let allowed = label.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
            }
            if !allowed { return "the label \"\(label)\" contains characters not allowed in a domain name" }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                return "the label \"\(label)\" starts or ends with a hyphen"
            }
        }
        if let last = labels.last, last.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "the last part \"\(last)\" is all digits, which no top-level domain is"
        }
        return nil
    }

    /// Whether `name` equals `ancestor` or lies under it (case-insensitive).
    public static func isSubdomain(_ name: String, of ancestor: String) -> Bool {
        let child = normalize(name)
        let parent = normalize(ancestor)
        return child == parent || child.hasSuffix("." + parent)
    }

    /// The labels of a normalised name.
    static func labels(_ name: String) -> [Substring] {
        normalize(name).split(separator: ".", omittingEmptySubsequences: false)
    }
}
