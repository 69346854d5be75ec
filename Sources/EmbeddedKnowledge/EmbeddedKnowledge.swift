import ByteText
import Knowledge

/// The knowledge base compiled into the binary, with its search index built at compile time.
///
/// The build (plugin `EmbedKnowledgeBase`, tool `KBEmbedder`) parses `KnowledgeBase/`, indexes it and
/// serialises both (``CompiledKnowledge``) into a blob carried as a string literal in read-only data;
/// a start decodes it in a fraction of the time parsing and indexing take. A blob that is refused
/// (truncated, corrupt, another format version) is reported in ``Loaded/refusal`` and the knowledge
/// base is parsed and indexed from the embedded files instead, as before.
public enum EmbeddedKnowledge {
    /// What loading gave: the knowledge base and index, and why the compiled blob was refused, if it was.
    public struct Loaded: Sendable {
        /// The parsed knowledge base.
        public var base: KnowledgeBase
        /// The search index over its articles.
        public var index: SearchIndex
        /// The conversational intents with their index.
        public var intents: IntentIndex
        /// Why the compiled blob could not be used (the knowledge base was then built at start).
        public var refusal: BlobError?
    }

    /// The embedded knowledge base and index, loaded once per process on first use.
    public static let loaded: Loaded = load(base64: embeddedKnowledgeBlob)

    /// The compiled blob's bytes (decoded from the embedded text), for tests and tools.
    public static func blob() throws(BlobError) -> [UInt8] {
        try embeddedKnowledgeBlob.withByteView { (text) throws(BlobError) in try KnowledgeBlob.decodeBase64(text) }
    }

    /// Loads from a blob in base64 form, falling back to parsing and indexing the embedded files.
    static func load(base64: StaticString) -> Loaded {
        let decoded = base64.withByteView { text in
            Result { () throws(BlobError) in try CompiledKnowledge(base64: text) }
        }
        return loaded(decoded)
    }

    /// Loads from blob bytes, falling back to parsing and indexing the embedded files when they are
    /// refused.
    public static func load(blob: [UInt8]) -> Loaded {
        loaded(blob.withByteView { view in Result { () throws(BlobError) in try CompiledKnowledge(blob: view) } })
    }

    /// The knowledge base parsed and indexed from the embedded files, the way every start did before.
    public static func buildFromFiles() -> CompiledKnowledge {
        CompiledKnowledge(files: embeddedKnowledgeBaseFiles)
    }

    /// The decoded blob, or what the embedded files build when it was refused.
    private static func loaded(_ decoded: Result<CompiledKnowledge, BlobError>) -> Loaded {
        switch decoded {
        case .success(let compiled):
            return Loaded(base: compiled.base, index: compiled.index, intents: compiled.intents, refusal: nil)
        case .failure(let refusal):
            let compiled = buildFromFiles()
            return Loaded(base: compiled.base, index: compiled.index, intents: compiled.intents, refusal: refusal)
        }
    }
}

extension KnowledgeBase {
    /// The knowledge base compiled into the binary (decoded once; parsed when the blob is refused).
    public static func embedded() -> KnowledgeBase {
        EmbeddedKnowledge.loaded.base
    }

    /// The id and title of every article compiled into the binary, read from the front matter's
    /// `id:` and `title:` lines without parsing or decoding the rest. A test keeps it equal to the
    /// titles of ``embedded()``.
    public static func embeddedTitles() -> [String: String] {
        titles(in: embeddedKnowledgeBaseFiles)
    }

    /// The ids of the provider profiles compiled into the binary, read from each profile's `id:` line:
    /// for checking a `--provider` name at start-up before the knowledge base is loaded. A test keeps it
    /// equal to the profiles of ``embedded()``.
    public static func embeddedProviderIDs() -> Set<String> {
        providerIDs(in: embeddedKnowledgeBaseFiles)
    }
}
