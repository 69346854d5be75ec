import ByteText
import Foundation
import Localization
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
    /// Conversational intents (`intents/*.yaml`) in id order.
    public var intents: [IntentDefinition] = []
    /// What could not be loaded.
    public var problems: [Problem]
    /// The translations of the user-facing texts of the code (`strings/LANG.yaml`).
    public var strings = StringsTable.empty
    /// Where each translation is written (`strings/fr.yaml:12`), by language and key, for lint messages.
    public var stringSources: [Language: [String: String]] = [:]

    /// The ids every knowledge base must have: the guide's steps, the articles the code links to, and one
    /// article per SMTP reply code it explains. `kb lint` (``Validator``) reports a missing one.
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
        var intents: [IntentDefinition] = []
        var articleTexts: [(language: Language, id: String, text: ArticleText)] = []
        var providerTexts: [(language: Language, id: String, values: [String: String])] = []
        var templates: [Language: [String: String]] = [:]
        var stringSources: [Language: [String: String]] = [:]
        for file in files.sorted(by: { $0.path < $1.path }) {
            do throws(Problem) {
                if let language = Self.translationLanguage(file.path, folder: "articles/", ext: ".md") {
                    let (id, text) = try ArticleParser.parseTranslation(file.text, path: file.path)
                    articleTexts.append((language, id, text))
                } else if let language = Self.translationLanguage(file.path, folder: "providers/", ext: ".yaml") {
                    let profile = try Self.loadProvider(file.text, path: file.path)
                    providerTexts.append((language, profile.id, profile.values.filter { $0.key != "id" }))
                } else if file.path.hasPrefix("strings/"), file.path.hasSuffix(".yaml") {
                    // strings/LANG.yaml, or strings/LANG/PART.yaml for a table kept in parts.
                    let code = String(file.path.dropFirst(8).dropLast(5).split(separator: "/").first ?? "")
                    guard let language = Language(rawValue: code) else {
                        throw Problem(
                            file: file.path, line: 1, message: "'\(code)' is not one of en, fr, de, es, it, pt")
                    }
                    let table = try Self.decode([String: String].self, from: file.text, path: file.path)
                    templates[language, default: [:]].merge(table) { first, _ in first }
                    for (key, line) in Self.keyLines(file.text) where table[key] != nil {
                        stringSources[language, default: [:]][key] = "\(file.path):\(line)"
                    }
                } else if file.path.hasPrefix("articles/"), file.path.hasSuffix(".md") {
                    articles.append(try ArticleParser.parse(file.text, path: file.path))
                } else if file.path == "lexicon.yaml" {
                    lexicon = try Self.decode(Lexicon.self, from: file.text, path: file.path)
                } else if file.path == "codes.yaml" {
                    codeBook = try Self.loadCodeBook(file.text, path: file.path)
                } else if file.path.hasPrefix("intents/"), file.path.hasSuffix(".yaml") {
                    var intent = try Self.decode(IntentDefinition.self, from: file.text, path: file.path)
                    intent.source = file.path
                    intents.append(intent)
                } else if file.path.hasPrefix("providers/"), file.path.hasSuffix(".yaml") {
                    let profile = try Self.loadProvider(file.text, path: file.path)
                    providers[profile.id] = profile
                }
            } catch {
                problems.append(error)
            }
        }
        Self.attach(articleTexts, to: &articles, problems: &problems)
        for entry in providerTexts {
            guard providers[entry.id] != nil else {
                problems.append(
                    Problem(
                        file: "providers/\(entry.language.code)/\(entry.id).yaml", line: 1,
                        message: "no provider profile '\(entry.id)' to translate"))
                continue
            }
            providers[entry.id]?.translations[entry.language] = entry.values
        }
        self.articles = articles.sorted { $0.id < $1.id }
        self.byID = Dictionary(articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.lexicon = lexicon
        self.codeBook = codeBook
        self.providers = providers
        self.intents = intents.sorted { $0.id < $1.id }
        self.problems = problems
        self.strings = StringsTable(templates: templates)
        self.stringSources = stringSources
    }

    /// The line of each top-level double-quoted key of a strings file (`"key": "value"`).
    static func keyLines(_ text: String) -> [(String, Int)] {
        var found: [(String, Int)] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix("\"") else { continue }
            var key = ""
            var escaped = false
            var closed = false
            for character in line.dropFirst() {
                if escaped {
                    switch character {
                    case "n": key.append("\n")
                    case "t": key.append("\t")
                    default: key.append(character)
                    }
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    closed = true
                    break
                } else {
                    key.append(character)
                }
            }
            if closed { found.append((key, index + 1)) }
        }
        return found
    }

    /// The language of a translation file `FOLDER/LANG/NAME.EXT`, nil for any other path.
    static func translationLanguage(_ path: String, folder: String, ext: String) -> Language? {
        guard path.hasPrefix(folder), path.hasSuffix(ext) else { return nil }
        let parts = path.dropFirst(folder.count).split(separator: "/")
        guard parts.count == 2 else { return nil }
        return Language(rawValue: String(parts[0]))
    }

    /// Gives each article its translations.
    private static func attach(
        _ texts: [(language: Language, id: String, text: ArticleText)], to articles: inout [Article],
        problems: inout [Problem]
    ) {
        let positions = Dictionary(articles.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in texts {
            guard let position = positions[entry.id] else {
                problems.append(
                    Problem(
                        file: entry.text.source, line: entry.text.lines["id"] ?? 1,
                        message: "no article '\(entry.id)' to translate"))
                continue
            }
            // The translation's keywords stay with it: joined to the article's own (which already hold
            // phrases in all six languages) they lowered top-1 on the train split by 3.5 points.
            articles[position].translations[entry.language] = entry.text
        }
    }

    /// A knowledge base of the given articles only (the intent index is built this way).
    init(articles: [Article], lexicon: Lexicon) {
        self.articles = articles.sorted { $0.id < $1.id }
        self.byID = Dictionary(articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.lexicon = lexicon
        self.codeBook = CodeBook()
        self.providers = [:]
        self.problems = []
    }

    /// A knowledge base from its parts as they were (for decoding a serialised one).
    init(
        articles: [Article], byID: [String: Article], lexicon: Lexicon, codeBook: CodeBook,
        providers: [String: ProviderProfile], intents: [IntentDefinition], problems: [Problem]
    ) {
        self.articles = articles
        self.byID = byID
        self.lexicon = lexicon
        self.codeBook = codeBook
        self.providers = providers
        self.intents = intents
        self.problems = problems
    }

    /// The id and title of every article among `files`, read from the front matter's `id:` and
    /// `title:` lines without parsing the rest: for callers that only name articles (`explain --json`).
    public static func titles(in files: [(path: String, text: String)]) -> [String: String] {
        var titles: [String: String] = [:]
        for file in files
        where file.path.hasPrefix("articles/") && file.path.hasSuffix(".md")
            && translationLanguage(file.path, folder: "articles/", ext: ".md") == nil
        {
            let found =
                file.text.utf8.withContiguousByteView { frontMatterTitle($0) }
                ?? Array(file.text.utf8).withByteView { frontMatterTitle($0) }
            if let (id, title) = found { titles[id] = title }
        }
        return titles
    }

    /// The ids of the provider profiles among `files`, read from each profile's `id:` line without
    /// parsing the rest: for checking a `--provider` name at start-up.
    public static func providerIDs(in files: [(path: String, text: String)]) -> Set<String> {
        var ids = Set<String>()
        for file in files where file.path.hasPrefix("providers/") {
            for line in file.text.split(separator: "\n") where line.hasPrefix("id:") {
                ids.insert(line.dropFirst(3).trimmingCharacters(in: .whitespaces))
                break
            }
        }
        return ids
    }

    /// The `id:` and `title:` of an article's front matter, walking its UTF-8 bytes line by line
    /// only up to the closing `---`; nil when either is missing.
    private static func frontMatterTitle(_ bytes: ByteView) -> (String, String)? {
        let hyphen = UInt8(ascii: "-")
        var id: String?
        var title: String?
        var inFrontMatter = false
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = bytes[start..<end]
            start = end + 1
            if line.count >= 3, line[0] == hyphen, line[1] == hyphen, line[2] == hyphen {
                if inFrontMatter { break }
                inFrontMatter = true
                continue
            }
            guard inFrontMatter else { continue }
            if line.hasPrefix("id:") { id = scalarValue(line.dropFirst(3)) }
            if line.hasPrefix("title:") { title = scalarValue(line.dropFirst(6)) }
        }
        guard let id, let title else { return nil }
        return (id, title)
    }

    /// A one-line YAML scalar: plain, 'single-quoted' or "double-quoted" (with \" and \\ escapes).
    private static func scalarValue(_ raw: ByteView) -> String {
        var lower = 0
        var upper = raw.count
        while lower < upper, raw[lower] == UInt8(ascii: " ") { lower += 1 }
        while upper > lower, raw[upper - 1] == UInt8(ascii: " ") || raw[upper - 1] == UInt8(ascii: "\r") { upper -= 1 }
        let value = raw[lower..<upper]
        let quote = UInt8(ascii: "\"")
        let apostrophe = UInt8(ascii: "'")
        if value.count >= 2, raw[lower] == quote, raw[upper - 1] == quote {
            var out: [UInt8] = []
            out.reserveCapacity(value.count)
            var escaped = false
            for byte in raw[(lower + 1)..<(upper - 1)] {
                if escaped {
                    out.append(byte)
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else {
                    out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        if value.count >= 2, raw[lower] == apostrophe, raw[upper - 1] == apostrophe {
            var out: [UInt8] = []
            out.reserveCapacity(value.count)
            var index = lower + 1
            while index < upper - 1 {
                out.append(raw[index])
                // '' inside single quotes is one '.
                index += raw[index] == apostrophe && index + 1 < upper - 1 && raw[index + 1] == apostrophe ? 2 : 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return value.string
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
