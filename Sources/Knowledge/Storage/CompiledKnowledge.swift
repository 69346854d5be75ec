import ByteText

/// A parsed knowledge base with the search index of its articles: what the build makes once from
/// `KnowledgeBase/` and carries in the binary (see the `EmbeddedKnowledge` module), so that a start
/// decodes it instead of parsing Markdown and YAML and analysing every article.
///
/// Each document set is stored as sections of one ``KnowledgeBlob``: the parsed documents and the
/// ``SearchIndex`` built over them. A second set (intents) is one more index section, encoded and
/// decoded by the same ``SearchIndex/encode(to:)`` and ``SearchIndex/init(decoding:)``, listed in
/// ``Section``.
public struct CompiledKnowledge: Sendable {
    /// The parsed knowledge base.
    public var base: KnowledgeBase
    /// The search index over its articles.
    public var index: SearchIndex
    /// The conversational intents, indexed by the same engine.
    public var intents: IntentIndex

    /// The blob's section names.
    public enum Section {
        /// The parsed knowledge base (``KnowledgeBase/encode(to:)``).
        public static let base = "knowledge-base"
        /// The search index over the articles (``SearchIndex/encode(to:)``).
        public static let articleIndex = "index/articles"
        /// The search index over the intents' examples (``IntentIndex``).
        public static let intentIndex = "index/intents"
        /// The language model of people's words (``LanguageGuesser``).
        public static let languageModel = "language-model"
        /// The stems of the lexicon's stop words in every language (``IntentIndex/stopStems``).
        public static let intentStopStems = "intent-stop-stems"
    }

    /// Pairs a knowledge base with its indexes.
    public init(base: KnowledgeBase, index: SearchIndex, intents: IntentIndex) {
        self.base = base
        self.index = index
        self.intents = intents
    }

    /// Parses knowledge-base files (path relative to the root, text) and indexes the articles: the
    /// work done at build time, and at start when no usable blob is at hand.
    public init(files: [(path: String, text: String)]) {
        let base = KnowledgeBase(files: files)
        self.init(base: base, index: SearchIndex(base: base), intents: IntentIndex(base: base))
    }

    /// The blob carrying this knowledge base and its index.
    public func serialized() -> [UInt8] {
        var baseWriter = BlobWriter()
        base.encode(to: &baseWriter)
        var indexWriter = BlobWriter()
        index.encode(to: &indexWriter)
        var intentWriter = BlobWriter()
        intents.index.encode(to: &intentWriter)
        var languageWriter = BlobWriter()
        intents.languages.encode(to: &languageWriter)
        var stopWriter = BlobWriter()
        stopWriter.write(intents.stopStems.sorted())
        return KnowledgeBlob.pack([
            (Section.base, baseWriter.bytes),
            (Section.articleIndex, indexWriter.bytes),
            (Section.intentIndex, intentWriter.bytes),
            (Section.languageModel, languageWriter.bytes),
            (Section.intentStopStems, stopWriter.bytes),
        ])
    }

    /// Decodes a blob made by ``serialized()``; a truncated, corrupt or foreign one throws. The article
    /// index is decoded on a second core while this thread decodes the rest: together they are most of a
    /// cold start.
    package init(blob: ByteView) throws(BlobError) {
        let sections = try KnowledgeBlob.sections(of: blob)
        let indexBytes = try Self.section(Section.articleIndex, of: sections)
        let (decodedIndex, rest) = Concurrently.both(
            { () -> Result<SearchIndex, BlobError> in
                Result { () throws(BlobError) in
                    var indexReader = BlobReader(indexBytes)
                    let index = try SearchIndex(decoding: &indexReader)
                    guard indexReader.isAtEnd else {
                        throw BlobError("corrupt: bytes left in '\(Section.articleIndex)'")
                    }
                    return index
                }
            },
            { () -> Result<(KnowledgeBase, IntentIndex), BlobError> in
                Result { () throws(BlobError) in try Self.decodeRest(sections) }
            })
        let index = try decodedIndex.get()
        let (base, intents) = try rest.get()
        guard index.count == base.articles.count else {
            throw BlobError("corrupt: the index has \(index.count) articles, the knowledge base \(base.articles.count)")
        }
        self.init(base: base, index: index, intents: intents)
    }

    /// A section's bytes, or the error naming the missing one.
    private static func section(_ name: String, of sections: [String: ByteView]) throws(BlobError) -> ByteView {
        guard let bytes = sections[name] else { throw BlobError("no '\(name)' section") }
        return bytes
    }

    /// The knowledge base and the intents (their index, language model and stop stems) of a blob's sections.
    private static func decodeRest(_ sections: [String: ByteView]) throws(BlobError) -> (KnowledgeBase, IntentIndex) {
        func section(_ name: String) throws(BlobError) -> BlobReader {
            BlobReader(try Self.section(name, of: sections))
        }
        var baseReader = try section(Section.base)
        let base = try KnowledgeBase(decoding: &baseReader)
        guard baseReader.isAtEnd else { throw BlobError("corrupt: bytes left in '\(Section.base)'") }
        var intentReader = try section(Section.intentIndex)
        let intentIndex = try SearchIndex(decoding: &intentReader)
        guard intentReader.isAtEnd else { throw BlobError("corrupt: bytes left in '\(Section.intentIndex)'") }
        guard intentIndex.count == base.intents.count else {
            throw BlobError(
                "corrupt: the intent index has \(intentIndex.count) intents, the knowledge base \(base.intents.count)")
        }
        var languageReader = try section(Section.languageModel)
        let languages = try LanguageGuesser(decoding: &languageReader)
        guard languageReader.isAtEnd else { throw BlobError("corrupt: bytes left in '\(Section.languageModel)'") }
        var stopReader = try section(Section.intentStopStems)
        let stopStems = Set(try stopReader.strings())
        guard stopReader.isAtEnd else { throw BlobError("corrupt: bytes left in '\(Section.intentStopStems)'") }
        return (base, IntentIndex(base: base, index: intentIndex, languages: languages, stopStems: stopStems))
    }

    /// Decodes a blob given in ``KnowledgeBlob/base64(_:)`` form.
    package init(base64 text: ByteView) throws(BlobError) {
        let bytes = try KnowledgeBlob.decodeBase64(text)
        self = try bytes.withByteView { (blob) throws(BlobError) in try CompiledKnowledge(blob: blob) }
    }
}
