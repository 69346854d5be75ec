import ByteText
import Foundation
import Localization

/// Guesses the language of a person's words from their letters: a naive Bayes model over the 1-, 2- and
/// 3-letter pieces of each word (" mo", "mot", "ot "), trained on the knowledge base's own six-language
/// text (articles and their translations, the strings tables, the intents' examples).
///
/// Cue words tell the language of most messages; short ones often carry none of them ("le mie mail
/// finiscono nello spam", "configurar email no iphone"), and their letters still do. The model is
/// trained at build time and carried in the compiled knowledge base.
public struct LanguageGuesser: Sendable {
    /// A guess: the language, how probable the model finds it against the other five, and how many
    /// words it read.
    public struct Guess: Sendable, Equatable {
        /// The most probable language.
        public var language: Language
        /// Its posterior probability among the six, from 0 to 1.
        public var probability: Double
        /// The letter words of two letters or more read (addresses, domains, links and numbers are left out).
        public var words: Int
        /// The letters read.
        public var letters: Int
    }

    /// Piece → row of `logs`.
    private let rows: ByteTable<Int32>
    /// Log-probability of each piece in each language, six per row, in `Language.allCases` order.
    private let logs: [Float]

    /// Pieces seen fewer times than this over all languages are left out of the model.
    static let minimumCount = 3
    /// Additive smoothing of the piece counts.
    static let smoothing = 0.5
    /// Longest text read, in bytes.
    static let maximumBytes = 2_048

    /// Trains the model on texts whose language is known.
    public init(samples: [(Language, String)]) {
        let languages = Language.allCases
        var counts: [String: [Int]] = [:]
        for (language, text) in samples {
            Self.forEachPiece(in: text) { piece in
                counts[String(decoding: piece, as: UTF8.self), default: Array(repeating: 0, count: languages.count)][
                    language.ordinal] += 1
            }
        }
        counts = counts.filter { $0.value.reduce(0, +) >= Self.minimumCount }
        var totals = Array(repeating: 0.0, count: languages.count)
        for row in counts.values { for index in row.indices { totals[index] += Double(row[index]) } }
        let kinds = Double(counts.count)
        var table: [String: Int32] = [:]
        var logs: [Float] = []
        for (piece, row) in counts.sorted(by: { $0.key < $1.key }) {
            table[piece] = Int32(logs.count / languages.count)
            for index in row.indices {
                let probability = (Double(row[index]) + Self.smoothing) / (totals[index] + Self.smoothing * kinds)
                logs.append(Float(log(probability)))
            }
        }
        self.rows = ByteTable(table)
        self.logs = logs
    }

    /// Trains the model on a knowledge base's own text in each language.
    public init(base: KnowledgeBase) {
        var samples: [(Language, String)] = []
        for article in base.articles {
            samples += [(.english, article.title), (.english, article.summary), (.english, article.body)]
            for (language, text) in article.translations {
                samples += [(language, text.title), (language, text.summary), (language, text.body)]
            }
        }
        for (language, templates) in base.strings.templates {
            for (key, template) in templates.sorted(by: { $0.key < $1.key }) {
                samples.append((language, template))
                if language == .french { samples.append((.english, key)) }  // the keys are the English texts
            }
        }
        for intent in base.intents {
            for (code, examples) in intent.examples.sorted(by: { $0.key < $1.key }) {
                guard let language = Language(code: code) else { continue }
                for example in examples { samples.append((language, example)) }
            }
        }
        self.init(samples: samples)
    }

    /// A model from its parts as they were built (decoded from the binary); nil when they do not fit.
    init?(rows: ByteTable<Int32>, logs: [Float]) {
        let width = Language.allCases.count
        guard logs.count % width == 0, rows.values.allSatisfy({ $0 >= 0 && Int($0) * width < logs.count }) else {
            return nil
        }
        self.rows = rows
        self.logs = logs
    }

    /// The most probable language of `text`, nil when it has no letter word the model knows.
    public func guess(_ text: String) -> Guess? {
        let width = Language.allCases.count
        var scores = [Double](repeating: 0, count: width)
        var known = 0
        let (words, letters) = Self.forEachPiece(in: text) { piece in
            guard let row = piece.withByteView({ rows.value(for: $0) }) else { return }
            known += 1
            let start = Int(row) * width
            for index in 0..<width { scores[index] += Double(logs[start + index]) }
        }
        guard known > 0, let best = scores.indices.max(by: { scores[$0] < scores[$1] }) else { return nil }
        let sum = scores.reduce(0) { $0 + exp($1 - scores[best]) }
        return Guess(language: Language.allCases[best], probability: 1 / sum, words: words, letters: letters)
    }

    /// Calls `body` with every 1-, 2- and 3-letter piece of each lower-cased letter word of `text`, the
    /// word padded with a space at each end; returns how many words of two letters or more, and how many
    /// letters, were read. Words in addresses,
    /// domains and links, and words with digits, are skipped: they are names, not language.
    @discardableResult
    static func forEachPiece(in text: String, _ body: (ArraySlice<UInt8>) -> Void) -> (words: Int, letters: Int) {
        var words = 0
        var letterCount = 0
        // One padded word's bytes, and where each of its letters starts (then where the last one ends):
        // a piece is a slice of it, so no string is made per piece.
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        for token in text.utf8.prefix(maximumBytes).split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }) {
            let token = String(decoding: token, as: UTF8.self)
            if token.contains("@") || token.contains("://") || token.contains(where: \.isNumber) { continue }
            // "example.com" is a name; "spam." ends a sentence.
            let inner = token.unicodeScalars.dropLast().drop { !$0.properties.isAlphabetic }
            if inner.contains(where: { $0 == "." || $0 == "/" || $0 == "_" }) { continue }
            for word in token.lowercased().split(whereSeparator: { !$0.isLetter }) {
                bytes.removeAll(keepingCapacity: true)
                bounds.removeAll(keepingCapacity: true)
                bounds.append(0)
                bytes.append(0x20)
                for character in word {
                    bounds.append(bytes.count)
                    bytes.append(contentsOf: character.utf8)
                }
                bounds.append(bytes.count)
                bytes.append(0x20)
                bounds.append(bytes.count)
                let letters = bounds.count - 1
                words += letters - 2 >= 2 ? 1 : 0
                letterCount += letters - 2
                for length in 1...3 where letters >= length {
                    for start in 0...(letters - length) {
                        // A lone space is no piece.
                        if length == 1 && (start == 0 || start == letters - 1) { continue }
                        body(bytes[bounds[start]..<bounds[start + length]])
                    }
                }
            }
        }
        return (words, letterCount)
    }

    /// Writes the model for the compiled knowledge base.
    func encode(to writer: inout BlobWriter) {
        writer.writeRaw(rows.arena)
        writer.writeRaw(rows.lengths)
        writer.writeRaw(rows.values)
        writer.writeRaw(logs)
    }

    /// Reads a model written by ``encode(to:)``.
    init(decoding reader: inout BlobReader) throws(BlobError) {
        let arena = try reader.raw(UInt8.self)
        let lengths = try reader.raw(Int32.self)
        let values = try reader.raw(Int32.self)
        let logs = try reader.raw(Float.self)
        guard let rows = ByteTable(arena: arena, lengths: lengths, values: values),
            let model = LanguageGuesser(rows: rows, logs: logs)
        else { throw BlobError("corrupt: the language model's pieces do not match its rows") }
        self = model
    }
}
