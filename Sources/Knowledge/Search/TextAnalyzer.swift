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
    private static let boilerplateToken = "^boilerplate"

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
        // "outgoing works fine" puts the problem on the receiving side, and the other way round.
        for cue in lexicon.direction["sending_works"] ?? [] { add(cue, output: Self.receivingToken) }
        for cue in lexicon.direction["receiving_works"] ?? [] { add(cue, output: Self.sendingToken) }
        for sentence in lexicon.boilerplate { add(sentence, output: Self.boilerplateToken) }
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
        // A direction cue inside a longer one ("sending" in "sending works fine") does not count
        // again; words inside template boilerplate are not matched as terms.
        var directionEnd = 0
        var boilerplateEnd = 0
        for (index, word) in folded.enumerated() {
            if let candidates = phrasesByFirstWord[word] {
                for phrase in candidates {
                    guard let end = Self.matchEnd(phrase.words, in: folded, at: index) else { continue }
                    switch phrase.output {
                    case Self.sendingToken, Self.receivingToken:
                        guard index >= directionEnd else { continue }
                        directionEnd = end
                        if phrase.output == Self.sendingToken {
                            analysis.sendingCues += 1
                        } else {
                            analysis.receivingCues += 1
                        }
                    case Self.boilerplateToken: boilerplateEnd = max(boilerplateEnd, end)
                    default: analysis.terms[phrase.output, default: 0] += 1
                    }
                }
            }
            guard index >= boilerplateEnd, !stopwords.contains(word), !word.allSatisfy(\.isNumber), word.count > 1
            else { continue }
            analysis.terms[stem(raw[index], language: language), default: 0] += 1
        }
        return analysis
    }

    /// Stems one word: Snowball on the lower-cased word, then accents folded.
    public func stem(_ word: String, language: Language) -> String {
        let lower = word.utf8.allSatisfy { $0 < 0x80 } ? Self.fold(word) : word.lowercased()
        return Self.fold(stemmer.stem(lower, language: language))
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

    /// Where `phrase` ends when it matches at `index` (the index after its last word), or `nil`;
    /// a `*` in a phrase stands for up to three words.
    private static func matchEnd(_ phrase: [String], in words: [String], at index: Int) -> Int? {
        var position = index + 1
        var part = 1
        while part < phrase.count {
            if phrase[part] == "*" {
                guard part + 1 < phrase.count else { return position }
                let next = phrase[part + 1]
                var found = false
                for skip in 0...3 where position + skip < words.count && words[position + skip] == next {
                    position += skip + 1
                    found = true
                    break
                }
                guard found else { return nil }
                part += 2
            } else {
                guard position < words.count, words[position] == phrase[part] else { return nil }
                position += 1
                part += 1
            }
        }
        return position
    }

    /// Splits text into words: letters and digits, with English contractions joined
    /// ("can't" → "cant") and French elisions split ("l'adresse" → "l", "adresse"). Addresses,
    /// URLs and host names carry no meaning for matching and are skipped whole.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var chunkStart = 0
            var index = 0
            while index <= bytes.count {
                let atEnd = index == bytes.count
                let byte: UInt8 = atEnd ? 0x20 : bytes[index]
                if byte < 0x80 && Self.isBreak(byte) {
                    if index > chunkStart {
                        split(UnsafeBufferPointer(rebasing: bytes[chunkStart..<index]), into: &words)
                    }
                    chunkStart = index + 1
                } else if byte >= 0x80, !atEnd {
                    // Non-ASCII white space (no-break space and the like) also ends a chunk.
                    let (scalar, length) = Self.decode(bytes, at: index)
                    if scalar.properties.isWhitespace {
                        if index > chunkStart {
                            split(UnsafeBufferPointer(rebasing: bytes[chunkStart..<index]), into: &words)
                        }
                        chunkStart = index + length
                    }
                    index += length
                    continue
                }
                index += 1
            }
        }
        return words
    }

    /// ASCII bytes that end a chunk: white space and punctuation that never sits inside an address.
    private static func isBreak(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x00...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "\""), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "*"), 0x7F:
            return true
        default: return false
        }
    }

    /// Decodes the UTF-8 scalar at `index`; invalid bytes decode as U+FFFD of length 1.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
        let first = bytes[index]
        let length: Int
        var value: UInt32
        switch first {
        case 0xC2...0xDF: (length, value) = (2, UInt32(first & 0x1F))
        case 0xE0...0xEF: (length, value) = (3, UInt32(first & 0x0F))
        case 0xF0...0xF4: (length, value) = (4, UInt32(first & 0x07))
        default: return ("\u{FFFD}", 1)
        }
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return ("\u{FFFD}", 1) }
            value = value << 6 | UInt32(next & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Splits one white-space-delimited chunk into words.
    private static func split(_ chunk: UnsafeBufferPointer<UInt8>, into words: inout [String]) {
        if isAddressLike(chunk) {
            // Keep the telling parts of a host or URL (spamhaus, proofpoint, yahoo), not
            // its mailbox name, scheme or top-level domain.
            let at = chunk.lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? 0
            var part: [UInt8] = []
            func flushPart() {
                if part.count > 3 {
                    let word = String(decoding: part, as: UTF8.self)
                    if !addressNoise.contains(word) { words.append(word) }
                }
                part.removeAll(keepingCapacity: true)
            }
            for byte in chunk[at...] {
                if isASCIIAlphanumeric(byte) {
                    part.append(byte | (isASCIIUpper(byte) ? 0x20 : 0))
                } else {
                    flushPart()
                }
            }
            flushPart()
            return
        }
        var current: [UInt8] = []
        var pendingApostrophe = false
        func flush() {
            if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        var index = 0
        while index < chunk.count {
            let byte = chunk[index]
            var isWordPart: Bool
            var length = 1
            if byte < 0x80 {
                isWordPart = isASCIIAlphanumeric(byte)
            } else {
                let (scalar, scalarLength) = decode(chunk, at: index)
                length = scalarLength
                isWordPart = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            }
            let isApostrophe =
                byte == UInt8(ascii: "'")
                || (byte == 0xE2 && index + 2 < chunk.count && chunk[index + 1] == 0x80 && chunk[index + 2] == 0x99)
            if isWordPart {
                if pendingApostrophe {
                    // French elision (l', d', qu') splits; English contractions join.
                    if current.count == 1
                        || (current.count == 2 && (current[0] | 0x20) == 0x71 && (current[1] | 0x20) == 0x75)
                    {
                        flush()
                    }
                    pendingApostrophe = false
                }
                if current.count < 64 { current.append(contentsOf: chunk[index..<index + length]) }
            } else if isApostrophe && !current.isEmpty {
                pendingApostrophe = true
                if byte == 0xE2 { length = 3 }
            } else {
                pendingApostrophe = false
                flush()
            }
            index += length
        }
        flush()
    }

    /// Whether a chunk is an email address, a URL or a host name.
    private static func isAddressLike(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousIsWordPart = false
        var dotAfterWordPart = false
        for (index, byte) in chunk.enumerated() {
            if byte == UInt8(ascii: "@") && index > 0 && index < chunk.count - 1 { return true }
            if byte == UInt8(ascii: ":"), index + 2 < chunk.count, chunk[index + 1] == UInt8(ascii: "/"),
                chunk[index + 2] == UInt8(ascii: "/")
            {
                return true
            }
            let isLetter = isASCIILetter(byte)
            if dotAfterWordPart && isLetter { return true }
            dotAfterWordPart = byte == UInt8(ascii: ".") && previousIsWordPart && index < chunk.count - 1
            if byte != UInt8(ascii: ".") { previousIsWordPart = isASCIIAlphanumeric(byte) }
        }
        return false
    }

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isASCIIUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    /// Parts of host names and URLs that say nothing about a problem.
    static let addressNoise: Set<String> = [
        "http", "https", "www", "com", "net", "org", "info", "html", "php", "aspx", "mail", "smtp", "mx", "email",
        "support", "help", "answer", "index", "example", "domain", "mydomain", "yourdomain", "localhost", "local",
        "user", "name", "admin", "info",
    ]

    /// Lower-cases and removes accents ("Empfängt" → "empfangt").
    static func fold(_ word: String) -> String {
        var hasUpper = false
        for byte in word.utf8 {
            if byte >= 0x80 { return foldUnicode(word) }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        guard hasUpper else { return word }
        return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private static func foldUnicode(_ word: String) -> String {
        return word.lowercased().folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(
            of: "ß", with: "ss")
    }
}
