import Foundation

/// What the analyser found in a piece of text.
public struct Analysis: Sendable {
    /// Stemmed terms and concept tokens (`~bounce`) with their counts.
    public var terms: [String: Int] = [:]
    /// Surface words (folded, unstemmed) in order, for typo correction.
    public var words: [String] = []
    /// SMTP reply and enhanced status codes found in the text.
    public var codes: [FoundCode] = []
    /// Number of sending and receiving cues.
    public var sendingCues = 0
    /// Number of receiving cues.
    public var receivingCues = 0
    /// The language used for stemming.
    public var language: Language = .english

    /// The direction the text leans to.
    public var direction: Direction {
        switch (sendingCues > 0, receivingCues > 0) {
        case (true, true):
            if sendingCues >= 2 * receivingCues { return .sending }
            if receivingCues >= 2 * sendingCues { return .receiving }
            return .both
        case (true, false): return .sending
        case (false, true): return .receiving
        case (false, false): return .unknown
        }
    }
}

/// Turns text into matchable terms: folding, elision, stop words, Snowball stems, phrases, codes.
public final class TextAnalyzer: Sendable {
    private struct Phrase: Sendable {
        var words: [String]
        var output: String
    }

    private let stemmer = Stemmer()
    private let stopwords: Set<String>
    private let phrasesByFirstWord: [String: [Phrase]]
    private let cues: [Language: Set<String>]

    /// Prefix of concept tokens produced by synonym groups.
    public static let conceptPrefix = "~"
    private static let sendingToken = "^sending"
    private static let receivingToken = "^receiving"

    /// Creates an analyser for a lexicon.
    public init(lexicon: Lexicon) {
        var stop = Set<String>()
        for words in lexicon.stopwords.values { for word in words { stop.insert(Self.fold(word)) } }
        stopwords = stop
        var phrases: [String: [Phrase]] = [:]
        func add(_ text: String, output: String) {
            let words = Self.words(in: text).map(Self.fold)
            guard let first = words.first else { return }
            phrases[first, default: []].append(Phrase(words: words, output: output))
        }
        for group in lexicon.synonyms {
            guard let name = group.first else { continue }
            let concept = Self.conceptPrefix + Self.words(in: name).map(Self.fold).joined(separator: "-")
            for member in group { add(member, output: concept) }
        }
        for cue in lexicon.direction["sending"] ?? [] { add(cue, output: Self.sendingToken) }
        for cue in lexicon.direction["receiving"] ?? [] { add(cue, output: Self.receivingToken) }
        for key in phrases.keys { phrases[key]?.sort { $0.words.count > $1.words.count } }
        phrasesByFirstWord = phrases
        var cueSets: [Language: Set<String>] = [:]
        for (code, words) in lexicon.languageCues {
            if let language = Language(rawValue: code) { cueSets[language] = Set(words.map(Self.fold)) }
        }
        cues = cueSets
    }

    /// Analyses a text, detecting its language unless one is given.
    public func analyze(_ text: String, language forced: Language? = nil) -> Analysis {
        var analysis = Analysis()
        analysis.codes = CodeScanner.codes(in: text)
        let raw = Self.words(in: text)
        let folded = raw.map(Self.fold)
        let language = forced ?? detectLanguage(raw: raw, folded: folded)
        analysis.language = language
        analysis.words = folded
        for (index, word) in folded.enumerated() {
            if let candidates = phrasesByFirstWord[word] {
                for phrase in candidates where Self.matches(phrase.words, in: folded, at: index) {
                    switch phrase.output {
                    case Self.sendingToken: analysis.sendingCues += 1
                    case Self.receivingToken: analysis.receivingCues += 1
                    default: analysis.terms[phrase.output, default: 0] += 1
                    }
                }
            }
            guard !stopwords.contains(word), !word.allSatisfy(\.isNumber), word.count > 1 else { continue }
            analysis.terms[stem(raw[index], language: language), default: 0] += 1
        }
        return analysis
    }

    /// Stems one word: Snowball on the lower-cased word, then accents folded.
    public func stem(_ word: String, language: Language) -> String {
        Self.fold(stemmer.stem(word.lowercased(), language: language))
    }

    /// Whether a folded word is a stop word.
    public func isStopword(_ folded: String) -> Bool { stopwords.contains(folded) }

    private func detectLanguage(raw: [String], folded: [String]) -> Language {
        var best = Language.english
        var bestCount = 0
        for (language, words) in cues {
            let count = folded.reduce(0) { $0 + (words.contains($1) ? 1 : 0) }
            if count > bestCount {
                best = language
                bestCount = count
            }
        }
        // One cue word in a long English text is not enough to switch language.
        return bestCount >= max(1, folded.count / 12) ? best : .english
    }

    private static func matches(_ phrase: [String], in words: [String], at index: Int) -> Bool {
        guard index + phrase.count <= words.count else { return false }
        for offset in 1..<max(phrase.count, 1) where words[index + offset] != phrase[offset] { return false }
        return true
    }

    /// Splits text into words: letters and digits, with English contractions joined
    /// ("can't" → "cant") and French elisions split ("l'adresse" → "l", "adresse").
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var pendingApostrophe = false
        for character in text {
            if character.isLetter || character.isNumber {
                if pendingApostrophe {
                    if current.count == 1 || current.lowercased() == "qu" {
                        words.append(current)
                        current = ""
                    }
                    pendingApostrophe = false
                }
                current.append(character)
            } else if (character == "'" || character == "’") && !current.isEmpty {
                pendingApostrophe = true
            } else {
                pendingApostrophe = false
                if !current.isEmpty {
                    words.append(current)
                    current = ""
                }
            }
            if current.utf8.count > 64 {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Lower-cases and removes accents ("Empfängt" → "empfangt").
    static func fold(_ word: String) -> String {
        var ascii = true
        for byte in word.utf8 where byte >= 0x80 || (byte >= 0x41 && byte <= 0x5A) {
            if byte >= 0x80 { ascii = false }
            if !ascii { break }
        }
        if ascii { return word.lowercased() }
        return word.lowercased().folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(
            of: "ß", with: "ss")
    }
}
