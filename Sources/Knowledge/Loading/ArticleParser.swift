import Foundation
import Yams

/// Reads one article file: YAML front matter between `---` lines, then Markdown.
enum ArticleParser {
    private struct FrontMatter: Decodable {
        var id: String
        var title: String
        var tags: [String]
        var keywords: [String]?
        var codes: [String]?
        var summary: String?
        var examples: [String]?
        var checks: [String]?
        var related: [String]?
    }

    /// Parses `text` from `path`; throws a `Problem` that says where it went wrong.
    static func parse(_ text: String, path: String) throws(Problem) -> Article {
        let (front, body, keyLines) = try read(FrontMatter.self, from: text, path: path)
        var tags = Set<Direction>()
        for tag in front.tags {
            guard let direction = Direction(rawValue: tag), direction == .sending || direction == .receiving else {
                throw Problem(
                    file: path, line: keyLines["tags"] ?? 0,
                    message: "unknown tag '\(tag)': use sending and/or receiving")
            }
            tags.insert(direction)
        }
        return Article(
            id: front.id, title: front.title, tags: tags, keywords: front.keywords ?? [], codes: front.codes ?? [],
            summary: front.summary ?? "", examples: front.examples ?? [], checks: front.checks ?? [],
            related: front.related ?? [], body: body, source: path, lines: keyLines)
    }

    private struct TranslationFrontMatter: Decodable {
        var id: String
        var title: String
        var summary: String
        var keywords: [String]?
    }

    /// Parses a translation (`articles/LANG/ID.md`): front matter with `id`, `title`, `summary` and
    /// optional `keywords`, then the body with the English section headings.
    static func parseTranslation(_ text: String, path: String) throws(Problem) -> (id: String, text: ArticleText) {
        let (front, body, keyLines) = try read(TranslationFrontMatter.self, from: text, path: path)
        return (
            front.id,
            ArticleText(
                title: front.title, summary: front.summary, body: body, keywords: front.keywords ?? [], source: path,
                lines: keyLines)
        )
    }

    /// An article file's front matter decoded as `type`, its body and the line of each front-matter key.
    private static func read<Front: Decodable>(
        _ type: Front.Type, from text: String, path: String
    ) throws(Problem) -> (front: Front, body: String, keyLines: [String: Int]) {
        let (yaml, body, keyLines) = try split(text, path: path)
        do {
            return (try YAMLDecoder().decode(type, from: yaml), body, keyLines)
        } catch {
            throw Problem(file: path, line: yamlLine(of: error, offset: 1), message: describe(error))
        }
    }

    /// An article file's front matter (YAML), body and the line of each front-matter key.
    private static func split(_ text: String, path: String) throws(Problem) -> (String, String, [String: Int]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            throw Problem(file: path, line: 1, message: "an article must start with a '---' front-matter line")
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
        else {
            throw Problem(file: path, line: 1, message: "front matter is not closed by a '---' line")
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var keyLines: [String: Int] = [:]
        for (index, line) in lines[1..<end].enumerated() {
            if let colon = line.firstIndex(of: ":"), !line.hasPrefix(" "), !line.hasPrefix("-") {
                keyLines[String(line[..<colon])] = index + 2
            }
        }
        keyLines["body"] = end + 2
        return (yaml, body, keyLines)
    }

    /// The 1-based line a Yams error points at, shifted by `offset`.
    static func yamlLine(of error: any Error, offset: Int) -> Int {
        if case DecodingError.dataCorrupted(let context) = error, let underlying = context.underlyingError {
            return yamlLine(of: underlying, offset: offset)
        }
        if let yamlError = error as? YamlError {
            switch yamlError {
            case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                return mark.line + offset
            default: break
            }
        }
        if let decoding = error as? DecodingError {
            switch decoding {
            case .keyNotFound, .typeMismatch, .valueNotFound, .dataCorrupted: return offset
            @unknown default: return offset
            }
        }
        return offset
    }

    /// A short human description of a YAML or decoding error.
    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(let type, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "'\(path)' should be \(type)"
        case DecodingError.valueNotFound(_, let context):
            return "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has no value"
        case DecodingError.dataCorrupted(let context):
            if let underlying = context.underlyingError { return describe(underlying) }
            return context.debugDescription
        case let yaml as YamlError:
            switch yaml {
            case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
                .composer(let context, let problem, _, _):
                return "YAML: \(problem)" + (context.map { " (\($0.text))" } ?? "")
            default: return "YAML: \(yaml)".replacingOccurrences(of: "\n", with: " ")
            }
        default: return "\(error)"
        }
    }
}
