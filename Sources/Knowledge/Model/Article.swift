import Foundation
import Localization

/// Which way mail is failing for the user.
public enum Direction: String, Sendable, Codable, CaseIterable {
    case sending, receiving, both, unknown
}

/// One knowledge-base article: front matter plus a Markdown body.
public struct Article: Sendable, Identifiable, Equatable {
    /// Stable id, also the file name (`smtp-550-5.7.26`).
    public var id: String
    /// Human title.
    public var title: String
    /// `sending`, `receiving`, or both.
    public var tags: Set<Direction>
    /// Words and phrases people use for this problem.
    public var keywords: [String]
    /// SMTP reply and enhanced status codes the article explains.
    public var codes: [String]
    /// One or two sentences said first in a reply.
    public var summary: String
    /// Real-sounding user phrasings that must rank this article first.
    public var examples: [String]
    /// Ids of live checks the article can offer.
    public var checks: [String]
    /// Ids of related articles.
    public var related: [String]
    /// Markdown body, with provider placeholders still in it.
    public var body: String
    /// Where the article came from (relative path), for messages.
    public var source: String
    /// Line of each front-matter key in the source file, for lint messages.
    public var lines: [String: Int]
    /// The article's words in the other languages (`articles/LANG/ID.md`).
    public var translations: [Language: ArticleText] = [:]

    /// Creates an article.
    public init(
        id: String, title: String, tags: Set<Direction>, keywords: [String] = [], codes: [String] = [],
        summary: String = "", examples: [String] = [], checks: [String] = [], related: [String] = [],
        body: String = "", source: String = "", lines: [String: Int] = [:]
    ) {
        self.id = id
        self.title = title
        self.tags = tags
        self.keywords = keywords
        self.codes = codes
        self.summary = summary
        self.examples = examples
        self.checks = checks
        self.related = related
        self.body = body
        self.source = source
        self.lines = lines
    }

    /// Codes the id itself names: `smtp-550-5.7.26` names `550` and `5.7.26`.
    public var idCodes: [String] {
        guard id.hasPrefix("smtp-") else { return [] }
        return id.dropFirst(5).split(separator: "-").map(String.init).filter { part in
            part.first?.isNumber == true
        }
    }

    /// All codes the article answers for: its `codes` and those in its id.
    public var allCodes: Set<String> { Set(codes).union(idCodes) }

    /// The body's `## Section` blocks, in order.
    public var sections: [(title: String, text: String)] {
        var result: [(title: String, text: String)] = []
        var title = ""
        var lines: [Substring] = []
        func flush() {
            let text = Self.trimmed(lines.joined(separator: "\n"), newlines: true)
            if !title.isEmpty || !text.isEmpty { result.append((title, text)) }
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                flush()
                title = Self.trimmed(String(line.dropFirst(3)), newlines: false)
                lines = []
            } else {
                lines.append(line)
            }
        }
        flush()
        return result
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)` (`.whitespaces` without `newlines`), the
    /// same scalars trimmed without Foundation's bridging, which made splitting every article into
    /// sections most of a service's start-up. A test holds it to Foundation's result.
    static func trimmed(_ text: String, newlines: Bool) -> String {
        func isTrimmed(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
            case 0x0A...0x0D, 0x85, 0x2028, 0x2029: newlines
            default: false
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !isTrimmed($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}
