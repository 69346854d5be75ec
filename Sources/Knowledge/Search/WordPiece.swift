import ByteText
import Foundation

/// BERT's uncased WordPiece tokenizer (bert-base-uncased, as all-MiniLM-L6-v2 uses it): the basic tokenizer
/// (drop control characters, space out CJK ideographs, lower-case, strip accents, split on whitespace and
/// punctuation), then greedy longest-match-first sub-words with `##` continuations.
public struct WordPiece: Sendable {
    /// The vocabulary it looks pieces up in.
    public let vocabulary: TokenVocabulary
    /// Longer words become one `[UNK]`, as in BERT.
    static let maximumWordCharacters = 100

    /// A tokenizer over a vocabulary.
    public init(vocabulary: TokenVocabulary) {
        self.vocabulary = vocabulary
    }

    /// Token ids of a text, without `[CLS]`/`[SEP]`; `[UNK]` for words no pieces cover.
    public func tokenIDs(_ text: String) -> [Int32] {
        var ids: [Int32] = []
        ids.reserveCapacity(text.utf8.count / 3)
        forEachToken(in: text) { ids.append($0) }
        return ids
    }

    /// Calls `body` with each token id of a text, in order, without building an array.
    public func forEachToken(in text: String, _ body: (Int32) -> Void) {
        var word = Word()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    word.append(byte | 0x20)
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    word.append(byte)
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                    emitSingle(scalar, word: &word, body)
                case 0x09, 0x0A, 0x0D, 0x20:
                    emit(&word, body)
                default:
                    // Other control characters: BERT drops them without separating words.
                    break
                }
                continue
            }
            appendNonASCII(scalar, word: &word, body)
        }
        emit(&word, body)
    }

    /// The basic token being collected: its lower-cased, accent-free UTF-8 bytes and its character count.
    private struct Word {
        var bytes: [UInt8] = []
        var characters = 0

        init() { bytes.reserveCapacity(64) }

        mutating func append(_ byte: UInt8) {
            bytes.append(byte)
            characters += 1
        }

        mutating func append(_ scalar: Unicode.Scalar) {
            bytes.append(contentsOf: String(scalar).utf8)
            characters += 1
        }
    }

    /// Tokenizes the collected word, if any, and starts a new one.
    private func emit(_ word: inout Word, _ body: (Int32) -> Void) {
        if !word.bytes.isEmpty { piece(word.bytes, characters: word.characters, body) }
        word.bytes.removeAll(keepingCapacity: true)
        word.characters = 0
    }

    /// A character that is a word of its own (punctuation, CJK ideograph).
    private func emitSingle(_ scalar: Unicode.Scalar, word: inout Word, _ body: (Int32) -> Void) {
        emit(&word, body)
        word.append(scalar)
        emit(&word, body)
    }

    private func appendNonASCII(_ scalar: Unicode.Scalar, word: inout Word, _ body: (Int32) -> Void) {
        if scalar.value == 0xFFFD { return }
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .surrogate, .unassigned:
            return
        case .spaceSeparator, .lineSeparator, .paragraphSeparator:
            emit(&word, body)
            return
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation:
            emitSingle(scalar, word: &word, body)
            return
        default:
            break
        }
        if Self.isCJK(scalar.value) {
            emitSingle(scalar, word: &word, body)
            return
        }
        // Lower-case, then canonical decomposition without the combining marks (accents).
        for lowered in String(scalar).lowercased().unicodeScalars {
            for part in String(lowered).decomposedStringWithCanonicalMapping.unicodeScalars
            where part.properties.generalCategory != .nonspacingMark {
                word.append(part)
            }
        }
    }

    /// BERT's "Chinese character" blocks (CJK ideographs), each of which is a word of its own.
    static func isCJK(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x20000...0x2A6DF).contains(value)
            || (0x2A700...0x2B73F).contains(value) || (0x2B740...0x2B81F).contains(value)
            || (0x2B820...0x2CEAF).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0x2F800...0x2FA1F).contains(value)
    }

    /// Greedy longest-match-first pieces of one basic token.
    private func piece(_ word: [UInt8], characters: Int, _ body: (Int32) -> Void) {
        guard characters <= Self.maximumWordCharacters else {
            body(vocabulary.unknown)
            return
        }
        word.withByteView { bytes in
            if let whole = vocabulary.id(of: bytes, continuation: false) {
                body(whole)
                return
            }
            var found: [Int32] = []
            var start = 0
            while start < bytes.count {
                var end = bytes.count
                var match: Int32?
                while end > start {
                    if let id = vocabulary.id(of: bytes[start..<end], continuation: start > 0) {
                        match = id
                        break
                    }
                    // Back up one whole character (never inside a UTF-8 sequence).
                    end -= 1
                    while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
                }
                guard let match else {
                    body(vocabulary.unknown)
                    return
                }
                found.append(match)
                start = end
            }
            for id in found { body(id) }
        }
    }
}
