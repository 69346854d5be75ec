import Foundation
import Yams

/// The loaded knowledge base: articles, lexicon, code book and provider profiles.
///
/// Loading never stops at a broken file: the file is reported in `problems` and the rest loads.
public struct KnowledgeBase: Sendable {
    /// Articles in id order.
    public private(set) var articles: [Article]
    /// Articles by id.
    public private(set) var byID: [String: Article]
    /// Synonyms, stop words and cues.
    public var lexicon: Lexicon
    /// Enhanced status code meanings.
    public var codeBook: CodeBook
    /// Provider profiles by id.
    public var providers: [String: ProviderProfile]
    /// What could not be loaded.
    public var problems: [Problem]

    /// The ids every knowledge base must have (DESIGN.md).
    public static let requiredIDs: [String] = [
        "service-active", "email-client", "mailbox-full", "webmail-test", "webmail-login", "incidents",
        "mx-records", "smtp-reply-codes", "smtp-420", "smtp-421", "smtp-432", "smtp-449", "smtp-450", "smtp-451",
        "smtp-452", "smtp-455", "smtp-500", "smtp-501", "smtp-502", "smtp-503", "smtp-504", "smtp-535",
        "smtp-550", "smtp-550-5.7.1", "smtp-550-5.7.26", "smtp-551", "smtp-552", "smtp-553", "smtp-554",
        "smtp-555", "spf", "dkim", "dmarc", "blacklists", "sending-limits", "account-blocked-spam", "reverse-dns",
    ]

    /// Builds a knowledge base from files given as (path relative to the root, text).
    public init(files: [(path: String, text: String)]) {
        var articles: [Article] = []
        var problems: [Problem] = []
        var lexicon = Lexicon()
        var codeBook = CodeBook()
        var providers: [String: ProviderProfile] = [:]
        for file in files.sorted(by: { $0.path < $1.path }) {
            do throws(Problem) {
                if file.path.hasPrefix("articles/"), file.path.hasSuffix(".md") {
                    articles.append(try ArticleParser.parse(file.text, path: file.path))
                } else if file.path == "lexicon.yaml" {
                    lexicon = try Self.decode(Lexicon.self, from: file.text, path: file.path)
                } else if file.path == "codes.yaml" {
                    codeBook = try Self.loadCodeBook(file.text, path: file.path)
                } else if file.path.hasPrefix("providers/"), file.path.hasSuffix(".yaml") {
                    let profile = try Self.loadProvider(file.text, path: file.path)
                    providers[profile.id] = profile
                }
            } catch {
                problems.append(error)
            }
        }
        self.articles = articles.sorted { $0.id < $1.id }
        self.byID = Dictionary(articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.lexicon = lexicon
        self.codeBook = codeBook
        self.providers = providers
        self.problems = problems
    }

    /// Loads the knowledge base compiled into the binary.
    public static func embedded() -> KnowledgeBase {
        KnowledgeBase(files: embeddedKnowledgeBaseFiles)
    }

    /// The id and title of every article compiled into the binary, read from the front matter's
    /// `id:` and `title:` lines without parsing the rest: for callers that only name articles
    /// (`explain --json`), where parsing the whole knowledge base would be most of the start-up time.
    /// A test keeps it equal to the titles of ``embedded()``.
    public static func embeddedTitles() -> [String: String] {
        var titles: [String: String] = [:]
        for file in embeddedKnowledgeBaseFiles where file.path.hasPrefix("articles/") && file.path.hasSuffix(".md") {
            var id: String?
            var title: String?
            var inFrontMatter = false
            for line in file.text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("---") {
                    if inFrontMatter { break }
                    inFrontMatter = true
                    continue
                }
                guard inFrontMatter else { continue }
                if line.hasPrefix("id:") { id = scalarValue(line.dropFirst(3)) }
                if line.hasPrefix("title:") { title = scalarValue(line.dropFirst(6)) }
            }
            if let id, let title { titles[id] = title }
        }
        return titles
    }

    /// A one-line YAML scalar: plain, 'single-quoted' or "double-quoted" (with \" and \\ escapes).
    private static func scalarValue(_ raw: Substring) -> String {
        let text = raw.drop { $0 == " " }.reversed().drop { $0 == " " || $0 == "\r" }.reversed()
        let value = String(text)
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
            var out = ""
            var escaped = false
            for character in value.dropFirst().dropLast() {
                if escaped {
                    out.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    out.append(character)
                }
            }
            return out
        }
        if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") {
            return String(value.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        }
        return value
    }

    /// Loads a knowledge base from a directory laid out like `KnowledgeBase/`.
    public static func load(directory: URL) throws(Problem) -> KnowledgeBase {
        let root = directory.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw Problem(file: directory.path, message: "no such knowledge-base directory")
        }
        var files: [(path: String, text: String)] = []
        var unreadable: [Problem] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard ["md", "yaml", "yml"].contains(url.pathExtension) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            if let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8)
            {
                files.append((relative, text))
            } else {
                unreadable.append(Problem(file: relative, message: "cannot read the file as UTF-8"))
            }
        }
        var base = KnowledgeBase(files: files)
        base.problems += unreadable
        return base
    }

    private static func decode<T: Decodable>(_ type: T.Type, from text: String, path: String) throws(Problem) -> T {
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch {
            throw Problem(
                file: path, line: ArticleParser.yamlLine(of: error, offset: 0),
                message: ArticleParser.describe(error))
        }
    }

    private static func loadCodeBook(_ text: String, path: String) throws(Problem) -> CodeBook {
        struct File: Decodable {
            var classes: [String: String]?
            var subjects: [String: String]?
            var codes: [CodeBook.Entry]?
        }
        let file = try decode(File.self, from: text, path: path)
        return CodeBook(classes: file.classes ?? [:], subjects: file.subjects ?? [:], entries: file.codes ?? [])
    }

    private static func loadProvider(_ text: String, path: String) throws(Problem) -> ProviderProfile {
        let node: Any?
        do {
            node = try Yams.load(yaml: text)
        } catch {
            throw Problem(
                file: path, line: ArticleParser.yamlLine(of: error, offset: 0), message: ArticleParser.describe(error))
        }
        guard let root = node as? [String: Any] else {
            throw Problem(file: path, line: 1, message: "a provider profile must be a YAML mapping")
        }
        var values: [String: String] = [:]
        func flatten(_ value: Any, key: String) {
            switch value {
            case let map as [String: Any]:
                for (name, inner) in map { flatten(inner, key: key.isEmpty ? name : "\(key).\(name)") }
            case let list as [Any]:
                values[key] = list.map { "\($0)" }.joined(separator: ", ")
            default:
                values[key] = "\(value)"
            }
        }
        flatten(root, key: "")
        let fileID = String(path.split(separator: "/").last?.split(separator: ".").first ?? "")
        let id = values["id"] ?? fileID
        func list(_ key: String) -> [String] { (root[key] as? [Any])?.map { "\($0)" } ?? [] }
        return ProviderProfile(
            id: id, values: values, mxHosts: list("mx_hosts"), spfInclude: values["spf_include"],
            dkimSelectors: list("dkim_selectors"))
    }
}
