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
    /// Whether the text mentions email at all (mail, inbox, Outlook…).
    public var mentionsMail = false

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
    private let mailWords: Set<String>

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
            let words = text.split(separator: " ").flatMap { token in
                token == "*" ? ["*"] : Self.words(in: String(token)).map(Self.fold)
            }
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
        mailWords = Set(lexicon.mailWords.map(Self.fold))
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
        analysis.mentionsMail = folded.contains { mailWords.contains($0) } || !analysis.codes.isEmpty
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

    /// Whether `phrase` matches at `index`; a `*` in a phrase stands for up to three words.
    private static func matches(_ phrase: [String], in words: [String], at index: Int) -> Bool {
        var position = index + 1
        var part = 1
        while part < phrase.count {
            if phrase[part] == "*" {
                guard part + 1 < phrase.count else { return true }
                let next = phrase[part + 1]
                var found = false
                for skip in 0...3 where position + skip < words.count && words[position + skip] == next {
                    position += skip + 1
                    found = true
                    break
                }
                guard found else { return false }
                part += 2
            } else {
                guard position < words.count, words[position] == phrase[part] else { return false }
                position += 1
                part += 1
            }
        }
        return true
    }

    /// Splits text into words: letters and digits, with English contractions joined
    /// ("can't" → "cant") and French elisions split ("l'adresse" → "l", "adresse"). Addresses,
    /// URLs and host names carry no meaning for matching and are skipped whole.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var chunk: [Unicode.Scalar] = []
        func flush() {
            defer { chunk.removeAll(keepingCapacity: true) }
            guard !chunk.isEmpty else { return }
            if isAddressLike(chunk) {
                // Keep the telling parts of a host or URL (spamhaus, proofpoint, yahoo), not
                // its mailbox name, scheme or top-level domain.
                let text = String(String.UnicodeScalarView(chunk)).lowercased()
                let host = text.split(separator: "@").last.map(String.init) ?? text
                for part in host.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
                where part.count > 3 && !Self.addressNoise.contains(String(part)) {
                    words.append(String(part))
                }
                return
            }
            var current = String.UnicodeScalarView()
            var pendingApostrophe = false
            for scalar in chunk {
                let properties = scalar.properties
                if properties.isAlphabetic || properties.numericType != nil {
                    if pendingApostrophe {
                        if current.count == 1 || String(current).lowercased() == "qu" {
                            words.append(String(current))
                            current = String.UnicodeScalarView()
                        }
                        pendingApostrophe = false
                    }
                    if current.count < 64 { current.append(scalar) }
                } else if (scalar == "'" || scalar == "\u{2019}") && !current.isEmpty {
                    pendingApostrophe = true
                } else {
                    pendingApostrophe = false
                    if !current.isEmpty {
                        words.append(String(current))
                        current = String.UnicodeScalarView()
                    }
                }
            }
            if !current.isEmpty { words.append(String(current)) }
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "<" || scalar == ">" || scalar == "(" || scalar == ")"
                || scalar == "\"" || scalar == "," || scalar == ";"
            {
                flush()
            } else {
                chunk.append(scalar)
            }
        }
        flush()
        return words
    }

    /// Parts of host names and URLs that say nothing about a problem.
    static let addressNoise: Set<String> = [
        "http", "https", "www", "com", "net", "org", "info", "html", "php", "aspx", "mail", "smtp", "mx", "email",
        "support", "help", "answer", "index", "example", "domain", "mydomain", "yourdomain", "localhost", "local",
        "user", "name", "admin", "info",
    ]

    /// Whether a whitespace-delimited chunk is an email address, a URL or a host name.
    private static func isAddressLike(_ chunk: [Unicode.Scalar]) -> Bool {
        var previousIsLetter = false
        var sawDotAfterLetter = false
        for (index, scalar) in chunk.enumerated() {
            if scalar == "@" && index > 0 && index < chunk.count - 1 { return true }
            if scalar == ":", index + 2 < chunk.count, chunk[index + 1] == "/", chunk[index + 2] == "/" { return true }
            let isLetter = scalar.properties.isAlphabetic
            if sawDotAfterLetter && isLetter { return true }
            sawDotAfterLetter = scalar == "." && previousIsLetter && index < chunk.count - 1
            if scalar != "." { previousIsLetter = isLetter || scalar.properties.numericType != nil }
        }
        return false
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
