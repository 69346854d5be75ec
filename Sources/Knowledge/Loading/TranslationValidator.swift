import Localization

/// Checks that the knowledge base speaks all six languages: every article translated with the English
/// article's structure, every provider text value translated, every string of the code translated with
/// the same placeholders, and no English sentence left in a translation.
public enum TranslationValidator {
    /// The languages every article and string is translated into.
    public static let languages = Language.allCases.filter { $0 != .english }

    /// Every translation problem of `base`, with file and line.
    public static func problems(in base: KnowledgeBase) -> [Problem] {
        var problems: [Problem] = []
        for article in base.articles {
            for language in languages {
                guard let text = article.translations[language] else {
                    problems.append(
                        Problem(
                            file: "articles/\(language.code)/\(article.id).md",
                            message: "the \(language.nativeName) translation of '\(article.id)' is missing"))
                    continue
                }
                problems += articleProblems(article, text)
            }
        }
        problems += providerProblems(base)
        problems += stringProblems(base)
        return problems
    }

    /// A translated article against its English original.
    static func articleProblems(_ article: Article, _ text: ArticleText) -> [Problem] {
        var problems: [Problem] = []
        let file = text.source
        func report(_ line: Int, _ message: String) {
            problems.append(Problem(file: file, line: line, message: message))
        }
        if text.title.isEmpty { report(text.lines["title"] ?? 1, "title is empty") }
        if text.summary.isEmpty { report(text.lines["summary"] ?? 1, "summary is missing") }
        if text.keywords.count < 3 { report(text.lines["keywords"] ?? 1, "fewer than 3 keywords in this language") }
        for (key, english, translated) in [
            ("title", article.title, text.title), ("summary", article.summary, text.summary),
        ] {
            let line = text.lines[key] ?? 1
            if Set(ProviderProfile.placeholders(in: english)) != Set(ProviderProfile.placeholders(in: translated)) {
                report(line, "\(key) placeholders differ from the English: \(placeholderList(english))")
            }
            if Set(codes(in: english)) != Set(codes(in: translated)) {
                report(line, "\(key) codes differ from the English: \(codes(in: english).sorted())")
            }
            if let english = englishLeft(in: translated) { report(line, "\(key) looks untranslated: \"\(english)\"") }
        }
        let original = Dictionary(article.sections.map { ($0.title, $0.text) }, uniquingKeysWith: { first, _ in first })
        let translatedSections = translatedSectionLines(text)
        let titles = translatedSections.map(\.title)
        if titles != Validator.sections {
            report(
                text.lines["body"] ?? 1,
                "sections are \(titles); expected the English headings \(Validator.sections.joined(separator: ", "))")
        }
        for section in translatedSections {
            guard let english = original[section.title] else { continue }
            let line = section.line
            let englishItems = listItems(english)
            let items = listItems(section.text)
            if englishItems != items {
                report(line, "\"\(section.title)\" has \(items) list items; the English has \(englishItems)")
            }
            if Set(ProviderProfile.placeholders(in: english)) != Set(ProviderProfile.placeholders(in: section.text)) {
                report(line, "\"\(section.title)\" placeholders differ from the English: \(placeholderList(english))")
            }
            let englishCodes = Set(codes(in: english))
            if englishCodes != Set(codes(in: section.text)) {
                report(line, "\"\(section.title)\" codes differ from the English: \(englishCodes.sorted())")
            }
            for (offset, paragraph) in section.text.split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated()
            {
                if let english = englishLeft(in: String(paragraph)) {
                    report(line + 1 + offset, "looks untranslated: \"\(english)\"")
                }
            }
        }
        return problems
    }

    /// The translated provider values: the generic profile's text values all in each language, and no
    /// translated value for a key the English profile does not have.
    static func providerProblems(_ base: KnowledgeBase) -> [Problem] {
        var problems: [Problem] = []
        let numeric = Set("0123456789")
        for (id, profile) in base.providers.sorted(by: { $0.key < $1.key }) {
            for language in languages {
                let file = "providers/\(language.code)/\(id).yaml"
                let translated = profile.translations[language] ?? [:]
                for key in translated.keys.sorted() where profile.values[key] == nil {
                    problems.append(Problem(file: file, message: "'\(key)' is not a value of the English profile"))
                }
                guard id == "generic" else { continue }
                for (key, value) in profile.values.sorted(by: { $0.key < $1.key })
                where key != "id" && !value.allSatisfy({ numeric.contains($0) }) && !value.isEmpty
                    && translated[key] == nil
                {
                    problems.append(Problem(file: file, message: "'\(key)' has no \(language.nativeName) value"))
                }
            }
        }
        return problems
    }

    /// The strings tables against the English one: every key translated, the same placeholders, nothing
    /// stale, nothing left in English.
    static func stringProblems(_ base: KnowledgeBase) -> [Problem] {
        var problems: [Problem] = []
        let english = base.strings.templates[.english] ?? [:]
        if english.isEmpty {
            problems.append(Problem(file: "strings/en.yaml", message: "the English strings table is missing"))
            return problems
        }
        for (key, value) in english where key != value {
            problems.append(
                at(base, .english, key, "the English value must repeat its key \"\(key)\""))
        }
        for language in languages {
            let table = base.strings.templates[language] ?? [:]
            let file = "strings/\(language.code).yaml"
            for key in english.keys.sorted() {
                guard let template = table[key] else {
                    problems.append(
                        Problem(file: file, message: "no \(language.nativeName) text for \"\(key.prefix(70))\""))
                    continue
                }
                if StringsTable.placeholders(in: key) != StringsTable.placeholders(in: template) {
                    problems.append(
                        at(
                            base, language, key,
                            "placeholders \(StringsTable.placeholders(in: template).sorted()) differ from the English \(StringsTable.placeholders(in: key).sorted())"
                        ))
                }
                if template == key, let left = englishLeft(in: key, minimumWords: 2) {
                    problems.append(at(base, language, key, "untranslated: \"\(left)\""))
                } else if let left = englishLeft(in: template) {
                    problems.append(
                        at(base, language, key, "looks untranslated: \"\(left)\""))
                }
            }
            for key in table.keys.sorted() where english[key] == nil {
                problems.append(
                    at(base, language, key, "\"\(key.prefix(70))\" is no longer used by the code"))
            }
        }
        return problems
    }

    /// A problem at the line where a key's translation is written.
    private static func at(_ base: KnowledgeBase, _ language: Language, _ key: String, _ message: String) -> Problem {
        let fallback = "strings/\(language.code).yaml"
        guard let source = base.stringSources[language]?[key], let colon = source.lastIndex(of: ":"),
            let line = Int(source[source.index(after: colon)...])
        else { return Problem(file: fallback, message: message) }
        return Problem(file: String(source[..<colon]), line: line, message: message)
    }

    // MARK: Pieces

    /// The sections of a translation with the line each heading is on.
    static func translatedSectionLines(_ text: ArticleText) -> [(title: String, text: String, line: Int)] {
        let start = text.lines["body"] ?? 1
        var result: [(title: String, text: String, line: Int)] = []
        var title = ""
        var line = start
        var lines: [Substring] = []
        func flush() {
            if !title.isEmpty { result.append((title, lines.joined(separator: "\n"), line)) }
        }
        // The body was trimmed: find its first line in the file by counting from the front matter.
        for (offset, raw) in text.body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if raw.hasPrefix("## ") {
                flush()
                title = String(raw.dropFirst(3).drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
                line = start + offset
                lines = []
            } else {
                lines.append(raw)
            }
        }
        flush()
        return result
    }

    /// How many bullet and numbered items a section has.
    static func listItems(_ text: String) -> Int {
        text.split(separator: "\n").filter { line in
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") { return true }
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            return !digits.isEmpty && trimmed.dropFirst(digits.count).hasPrefix(". ")
        }.count
    }

    /// The reply and enhanced codes a text quotes, read plainly (every 4xx/5xx number and x.y.z code):
    /// a translation must keep them all, whatever words surround them.
    static func codes(in text: String) -> [String] {
        text.matches(of: /(^|[^\d.])([245](\.\d{1,3}\.\d{1,3}|\d\d))(?![\d.]\d|\d)/).map { String($0.output.2) }
    }

    private static func placeholderList(_ text: String) -> String {
        let keys = Set(ProviderProfile.placeholders(in: text)).sorted()
        return keys.isEmpty ? "none" : keys.map { "{{provider.\($0)}}" }.joined(separator: ", ")
    }

    /// Words that are English and no word of the other five languages.
    static let englishWords: Set<String> = [
        "the", "and", "your", "you", "with", "this", "that", "which", "from", "have", "has", "are", "is", "not",
        "will", "would", "should", "can't", "don't", "does", "into", "when", "there", "their", "they", "what",
        "it's", "if", "or", "of", "to", "be", "was", "were", "been", "by", "an", "then", "than", "only", "also",
        "because", "before", "after", "still", "yet", "some", "any", "each", "every", "here", "how", "why", "who",
        "mail", "sent", "send", "check", "checks", "server", "address", "domain", "message", "messages",
    ]

    /// Words that read the same in English and in another language, or that a support text keeps in
    /// English (names of records and products); they do not count either way.
    private static let neutralWords: Set<String> = [
        "a", "in", "on", "for", "no", "so", "as", "at", "i", "de", "e", "o", "la", "le", "die", "es", "il", "per",
        "spam", "webmail", "dns", "mx", "spf", "dkim", "dmarc", "smtp", "imap", "pop", "tls", "ssl", "ip", "ptr",
        "outlook", "thunderbird", "gmail", "ok", "email", "e-mail", "mail",
    ]

    /// A run of English in a translated text (outside backticks, quotes and placeholders), or nil: a text
    /// whose counted words are mostly English words, with at least `minimumWords` of them.
    public static func englishLeft(in text: String, minimumWords: Int = 3) -> String? {
        var cleaned = ""
        var skipping: Character?
        for character in text {
            if let closing = skipping {
                if character == closing { skipping = nil }
                continue
            }
            switch character {
            case "`": skipping = "`"
            case "\"": skipping = "\""
            case "«": skipping = "»"
            case "„": skipping = "“"
            case "{": skipping = "}"
            case "“": skipping = "”"
            default: cleaned.append(character)
            }
        }
        let words = cleaned.lowercased().split { !($0.isLetter || $0 == "'") }.map(String.init)
        let counted = words.filter { !neutralWords.contains($0) }
        let english = counted.filter { englishWords.contains($0) }
        guard english.count >= minimumWords, Double(english.count) >= 0.5 * Double(counted.count) else { return nil }
        return String(text.prefix(80))
    }
}
