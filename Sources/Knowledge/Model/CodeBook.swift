/// Meanings of RFC 3463 enhanced status codes and the article each one leads to.
public struct CodeBook: Sendable, Equatable {
    /// One enhanced status code.
    public struct Entry: Sendable, Equatable, Decodable {
        /// The code, such as `5.1.1`.
        public var code: String
        /// What it means, in plain words.
        public var meaning: String
        /// The article that explains it.
        public var article: String
    }

    /// Meaning of the class digit (`2`, `4`, `5`).
    public var classes: [String: String]
    /// Meaning of the subject digit (`1` … `7`).
    public var subjects: [String: String]
    /// Entries by code.
    public var entries: [String: Entry]

    /// Creates a code book.
    public init(classes: [String: String] = [:], subjects: [String: String] = [:], entries: [Entry] = []) {
        self.classes = classes
        self.subjects = subjects
        self.entries = Dictionary(entries.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A plain description of any enhanced code: the entry's meaning, else class and subject.
    public func describe(_ code: String) -> String? {
        if let entry = entries[code] { return entry.meaning }
        let parts = code.split(separator: ".")
        guard parts.count == 3, let kind = classes[String(parts[0])] else { return nil }
        if let subject = subjects[String(parts[1])] { return "\(kind); the problem concerns \(subject)." }
        return kind
    }
}
