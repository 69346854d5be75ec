import ByteText
import CSemanticTable

/// The WordPiece vocabulary stored in the table file: token bytes by id, and ids sorted by bytes for lookup.
public struct TokenVocabulary: Sendable {
    let bytes: PinnedBytes
    /// Number of tokens.
    public let count: Int
    let sortedOffset: Int
    let offsetsOffset: Int
    let stringsOffset: Int
    /// The id of `[UNK]`.
    public let unknown: Int32

    init(bytes: PinnedBytes, count: Int, sortedOffset: Int, offsetsOffset: Int, stringsOffset: Int) {
        self.bytes = bytes
        self.count = count
        self.sortedOffset = sortedOffset
        self.offsetsOffset = offsetsOffset
        self.stringsOffset = stringsOffset
        var unknown: Int32 = 0
        let probe = Array("[UNK]".utf8)
        let found = probe.withByteView { buffer -> Int32? in
            Self.search(buffer, continuation: false, count: count) { index in
                Self.token(
                    id: Int(bytes.uint32(at: sortedOffset + 4 * index)), bytes: bytes, offsets: offsetsOffset,
                    strings: stringsOffset)
            }
        }
        if let found { unknown = found }
        self.unknown = unknown
    }

    /// The text of a token.
    public func token(_ id: Int32) -> String {
        Self.token(id: Int(id), bytes: bytes, offsets: offsetsOffset, strings: stringsOffset).bytes.string
    }

    /// The id of a piece (with `continuation`, of `##piece`), if the vocabulary has it.
    package func id(of piece: ByteView, continuation: Bool) -> Int32? {
        Self.search(piece, continuation: continuation, count: count) { index in
            Self.token(
                id: Int(bytes.uint32(at: sortedOffset + 4 * index)), bytes: bytes, offsets: offsetsOffset,
                strings: stringsOffset)
        }
    }

    private static func token(id: Int, bytes: PinnedBytes, offsets: Int, strings: Int) -> (
        bytes: ByteView, id: Int32
    ) {
        let start = Int(bytes.uint32(at: offsets + 4 * id))
        let end = Int(bytes.uint32(at: offsets + 4 * id + 4))
        return (bytes.view(at: strings + start, count: end - start), Int32(id))
    }

    /// Binary search over the ids sorted by token bytes.
    private static func search(
        _ piece: ByteView, continuation: Bool, count: Int,
        entry: (Int) -> (bytes: ByteView, id: Int32)
    ) -> Int32? {
        let prefix: Int = continuation ? 2 : 0
        let length = piece.count + prefix
        func byte(_ position: Int) -> UInt8 {
            position < prefix ? UInt8(ascii: "#") : piece[position - prefix]
        }
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            let candidate = entry(middle)
            let bytes = candidate.bytes
            var order = 0
            let shared = min(length, bytes.count)
            var position = 0
            while position < shared {
                let a = byte(position)
                let b = bytes[position]
                if a != b {
                    order = a < b ? -1 : 1
                    break
                }
                position += 1
            }
            if order == 0 { order = length < bytes.count ? -1 : (length > bytes.count ? 1 : 0) }
            if order == 0 { return candidate.id }
            if order < 0 { high = middle } else { low = middle + 1 }
        }
        return nil
    }
}

/// The static embedding distilled from all-MiniLM-L6-v2 (`make distill`): one int8 row with a float scale per
/// WordPiece token, already weighted; a text is the normalised sum of its tokens' rows.
public struct StaticEmbedding: Sendable {
    /// The tokenizer, over the table's vocabulary.
    public let tokenizer: WordPiece
    /// Vector dimension.
    public let dimension: Int
    let bytes: PinnedBytes
    let scalesOffset: Int
    let rowsOffset: Int

    /// The table assembled into the binary; nil only if it is missing or malformed.
    public static let embedded: StaticEmbedding? = StaticEmbedding(
        bytes: PinnedBytes(linkedAt: maildoctor_semantic_table_start(), count: maildoctor_semantic_table_size()))

    /// A table from the bytes of a `minilm-static.bin` file (tests, tools).
    public init?(contents: [UInt8]) {
        self.init(bytes: PinnedBytes(copying: contents))
    }

    init?(bytes: PinnedBytes) {
        guard bytes.count >= 20, bytes.uint32(at: 0) == 0x4553_444D, bytes.uint32(at: 4) == 1 else { return nil }
        let count = Int(bytes.uint32(at: 8))
        let dimension = Int(bytes.uint32(at: 12))
        let stringBytes = Int(bytes.uint32(at: 16))
        let sorted = 20
        let offsets = sorted + 4 * count
        let strings = offsets + 4 * (count + 1)
        let scales = strings + stringBytes
        let rows = scales + 4 * count
        guard count > 0, dimension > 0, rows + count * dimension <= bytes.count else { return nil }
        self.bytes = bytes
        self.dimension = dimension
        self.scalesOffset = scales
        self.rowsOffset = rows
        self.tokenizer = WordPiece(
            vocabulary: TokenVocabulary(
                bytes: bytes, count: count, sortedOffset: sorted, offsetsOffset: offsets, stringsOffset: strings))
    }

    /// The normalised weighted mean of a text's token vectors; all zeros when no token carries weight.
    public func vector(_ text: String) -> [Float] {
        var sum = [Float](repeating: 0, count: dimension)
        tokenizer.forEachToken(in: text) { id in add(id, into: &sum) }
        return Self.normalised(sum)
    }

    /// Adds one token's weighted row to `sum`.
    func add(_ id: Int32, into sum: inout [Float]) {
        let token = Int(id)
        guard token >= 0, token < tokenizer.vocabulary.count else { return }
        let scale = Float(bitPattern: bytes.uint32(at: scalesOffset + 4 * token))
        bytes.addScaledInt8Row(at: rowsOffset + token * dimension, scale: scale, into: &sum)
    }

    static func normalised(_ vector: [Float]) -> [Float] {
        var squares: Float = 0
        for value in vector { squares += value * value }
        guard squares > 0 else { return vector }
        let factor = 1 / squares.squareRoot()
        return vector.map { $0 * factor }
    }
}
