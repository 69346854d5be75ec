import Localization

extension KnowledgeBase {
    /// Serialises the parsed knowledge base (articles, lexicon, code book, providers, problems) so
    /// that ``init(decoding:)`` gives back an equal one without parsing Markdown or YAML.
    public func encode(to writer: inout BlobWriter) {
        writer.writeList(articles) { writer, article in article.encode(to: &writer) }
        // `byID` keeps the first of articles sharing an id in file order; say which one it is.
        let byIDEntries = byID.sorted { $0.key < $1.key }
        writer.writeCount(byIDEntries.count)
        for (id, article) in byIDEntries {
            writer.write(id)
            if let position = articles.firstIndex(of: article) {
                writer.write(position)
            } else {
                writer.write(-1)
                article.encode(to: &writer)
            }
        }
        writer.write(lexicon.stopwords)
        writer.writeList(lexicon.synonyms) { writer, group in writer.write(group) }
        writer.write(lexicon.direction)
        writer.write(lexicon.boilerplate)
        writer.write(lexicon.mailWords)
        writer.write(lexicon.languageCues)
        writer.writeList(lexicon.context) { writer, rule in
            writer.write(rule.when)
            writer.write(rule.unless)
            let scale = rule.scale.sorted { $0.key < $1.key }
            writer.write(scale.map(\.key))
            writer.writeRaw(scale.map(\.value))
        }
        writer.write(codeBook.classes)
        writer.write(codeBook.subjects)
        let entries = codeBook.entries.sorted { $0.key < $1.key }
        writer.writeCount(entries.count)
        for (_, entry) in entries {
            writer.write(entry.code)
            writer.write(entry.meaning)
            writer.write(entry.article)
        }
        let profiles = providers.sorted { $0.key < $1.key }
        writer.writeCount(profiles.count)
        for (key, profile) in profiles {
            writer.write(key)
            writer.write(profile.id)
            writer.write(profile.values)
            writer.write(profile.mxHosts)
            writer.write(profile.spfInclude)
            writer.write(profile.dkimSelectors)
            writer.writeByLanguage(profile.translations) { writer, _, values in writer.write(values) }
        }
        writer.writeCount(intents.count)
        for intent in intents {
            writer.write(intent.id)
            writer.write(intent.summary)
            writer.write(intent.kind.rawValue)
            writer.write(intent.article)
            writer.write(intent.answer)
            writer.write(intent.examples)
            writer.write(intent.cues)
            writer.write(intent.measure)
            writer.write(intent.source)
        }
        writer.writeList(problems) { writer, problem in
            writer.write(problem.file)
            writer.write(problem.line)
            writer.write(problem.message)
        }
        writer.writeByLanguage(strings.templates) { writer, language, templates in
            writer.write(templates)
            writer.write(stringSources[language] ?? [:])
        }
    }

    /// Decodes what ``encode(to:)`` wrote.
    package init(decoding reader: inout BlobReader) throws(BlobError) {
        let articles = try reader.list(minimumSize: 16) { reader throws(BlobError) in try Article(decoding: &reader) }
        let idCount = try reader.count(minimumSize: 12)
        var byID: [String: Article] = [:]
        byID.reserveCapacity(idCount)
        for _ in 0..<idCount {
            let id = try reader.string()
            let position = try reader.int()
            if position == -1 {
                byID[id] = try Article(decoding: &reader)
            } else {
                guard articles.indices.contains(position) else {
                    throw BlobError("corrupt: article \(position) of \(articles.count) for id '\(id)'")
                }
                byID[id] = articles[position]
            }
        }
        let stopwords = try reader.stringListMap()
        let synonyms = try reader.list(minimumSize: 4) { reader throws(BlobError) in try reader.strings() }
        let direction = try reader.stringListMap()
        let boilerplate = try reader.strings()
        let mailWords = try reader.strings()
        let languageCues = try reader.stringListMap()
        let context = try reader.list(minimumSize: 32) { reader throws(BlobError) -> ContextRule in
            let when = try reader.strings()
            let unless = try reader.strings()
            let ids = try reader.strings()
            let factors = try reader.raw(Double.self)
            guard ids.count == factors.count else { throw BlobError("corrupt: a context rule's factors") }
            return ContextRule(
                when: when, unless: unless, scale: Dictionary(zip(ids, factors), uniquingKeysWith: { a, _ in a }))
        }
        let lexicon = Lexicon(
            stopwords: stopwords, synonyms: synonyms, direction: direction, languageCues: languageCues,
            mailWords: mailWords, boilerplate: boilerplate, context: context)
        let classes = try reader.stringMap()
        let subjects = try reader.stringMap()
        let entries = try reader.list(minimumSize: 12) { reader throws(BlobError) in
            CodeBook.Entry(code: try reader.string(), meaning: try reader.string(), article: try reader.string())
        }
        let profileCount = try reader.count(minimumSize: 24)
        var providers: [String: ProviderProfile] = [:]
        for _ in 0..<profileCount {
            let key = try reader.string()
            var profile = ProviderProfile(
                id: try reader.string(), values: try reader.stringMap(), mxHosts: try reader.strings(),
                spfInclude: try reader.optionalString(), dkimSelectors: try reader.strings())
            profile.translations = try reader.byLanguage(minimumSize: 16) { reader throws(BlobError) in
                try reader.stringMap()
            }
            providers[key] = profile
        }
        let intentCount = try reader.count(minimumSize: 40)
        var intents: [IntentDefinition] = []
        for _ in 0..<intentCount {
            let id = try reader.string()
            let summary = try reader.string()
            let kindName = try reader.string()
            guard let kind = IntentDefinition.Kind(rawValue: kindName) else {
                throw BlobError("corrupt: intent '\(id)' has kind '\(kindName)'")
            }
            intents.append(
                IntentDefinition(
                    id: id, summary: summary, kind: kind, article: try reader.optionalString(),
                    answer: try reader.optionalString(), examples: try reader.stringListMap(),
                    cues: try reader.stringListMap(), measure: try reader.bool(), source: try reader.string()))
        }
        let problems = try reader.list(minimumSize: 16) { reader throws(BlobError) in
            Problem(file: try reader.string(), line: try reader.int(), message: try reader.string())
        }
        let tables = try reader.byLanguage(minimumSize: 16) { reader throws(BlobError) in
            (templates: try reader.stringMap(), sources: try reader.stringMap())
        }
        self.init(
            articles: articles, byID: byID, lexicon: lexicon,
            codeBook: CodeBook(classes: classes, subjects: subjects, entries: entries), providers: providers,
            intents: intents, problems: problems)
        strings = StringsTable(templates: tables.mapValues(\.templates))
        stringSources = tables.mapValues(\.sources)
    }

    /// A language code written by ``encode(to:)``.
    static func language(_ reader: inout BlobReader) throws(BlobError) -> Language {
        let code = try reader.string()
        guard let language = Language(rawValue: code) else { throw BlobError("corrupt: language '\(code)'") }
        return language
    }
}

extension Article {
    /// Tags as bits, in `Direction.allCases` order.
    private static func bits(of tags: Set<Direction>) -> UInt32 {
        var bits: UInt32 = 0
        for (position, direction) in Direction.allCases.enumerated() where tags.contains(direction) {
            bits |= 1 << UInt32(position)
        }
        return bits
    }

    fileprivate func encode(to writer: inout BlobWriter) {
        writer.write(id)
        writer.write(title)
        writer.write(Self.bits(of: tags))
        writer.write(keywords)
        writer.write(codes)
        writer.write(summary)
        writer.write(examples)
        writer.write(checks)
        writer.write(related)
        writer.write(body)
        writer.write(source)
        Self.write(lines, to: &writer)
        writer.writeByLanguage(translations) { writer, _, text in
            writer.write(text.title)
            writer.write(text.summary)
            writer.write(text.body)
            writer.write(text.keywords)
            writer.write(text.source)
            Self.write(text.lines, to: &writer)
        }
    }

    private static func write(_ lines: [String: Int], to writer: inout BlobWriter) {
        let keyLines = lines.sorted { $0.key < $1.key }
        writer.writeCount(keyLines.count)
        for (key, line) in keyLines {
            writer.write(key)
            writer.write(line)
        }
    }

    private static func lines(_ reader: inout BlobReader) throws(BlobError) -> [String: Int] {
        let lineCount = try reader.count(minimumSize: 12)
        var lines: [String: Int] = [:]
        for _ in 0..<lineCount {
            let key = try reader.string()
            lines[key] = try reader.int()
        }
        return lines
    }

    fileprivate init(decoding reader: inout BlobReader) throws(BlobError) {
        let id = try reader.string()
        let title = try reader.string()
        let bits = try reader.uint32()
        var tags = Set<Direction>()
        for (position, direction) in Direction.allCases.enumerated() where bits & (1 << UInt32(position)) != 0 {
            tags.insert(direction)
        }
        let keywords = try reader.strings()
        let codes = try reader.strings()
        let summary = try reader.string()
        let examples = try reader.strings()
        let checks = try reader.strings()
        let related = try reader.strings()
        let body = try reader.string()
        let source = try reader.string()
        let lines = try Self.lines(&reader)
        self.init(
            id: id, title: title, tags: tags, keywords: keywords, codes: codes, summary: summary, examples: examples,
            checks: checks, related: related, body: body, source: source, lines: lines)
        translations = try reader.byLanguage(minimumSize: 40) { reader throws(BlobError) in
            ArticleText(
                title: try reader.string(), summary: try reader.string(), body: try reader.string(),
                keywords: try reader.strings(), source: try reader.string(), lines: try Self.lines(&reader))
        }
    }
}

extension BlobWriter {
    /// Appends a map keyed by language, in language-code order: its count, then for each language its code
    /// and what `value` writes for it.
    fileprivate mutating func writeByLanguage<Value>(
        _ values: [Language: Value], _ value: (inout BlobWriter, Language, Value) -> Void
    ) {
        writeList(values.sorted { $0.key.rawValue < $1.key.rawValue }) { writer, entry in
            writer.write(entry.key.rawValue)
            value(&writer, entry.key, entry.value)
        }
    }
}

extension BlobReader {
    /// Reads what ``BlobWriter/writeByLanguage(_:_:)`` wrote; each entry takes at least `minimumSize` bytes.
    fileprivate mutating func byLanguage<Value>(
        minimumSize: Int, _ value: (inout BlobReader) throws(BlobError) -> Value
    ) throws(BlobError) -> [Language: Value] {
        let count = try count(minimumSize: minimumSize)
        var values: [Language: Value] = [:]
        for _ in 0..<count {
            let language = try KnowledgeBase.language(&self)
            values[language] = try value(&self)
        }
        return values
    }
}
