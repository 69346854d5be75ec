import ByteText
import Foundation
import Localization
import Synchronization

/// What the analyser found in a piece of text.
public struct Analysis: Sendable {
    /// Ids of the terms found (stems and concepts), once per occurrence, in the analyser's term table.
    var termIDs: [Int32] = []
    /// Stems that are no term of the table (words the knowledge base never uses), once per occurrence.
    var otherTerms: [String] = []
    /// Folded-word id of each word, or -1 for a word the analyser does not know.
    var folds: [Int32] = []
    /// The words the analyser does not know as written (lower-cased), by position.
    var strangers: [Stranger] = []
    private let termTexts: [String]
    private let foldTexts: [String]

    /// A word missing from the analyser's vocabulary.
    struct Stranger: Sendable {
        var position: Int
        var lower: String
        var folded: String
    }
    /// SMTP reply and enhanced status codes found in the text.
    public var codes: [FoundCode] = []
    /// Number of sending cues.
    public var sendingCues = 0
    /// Number of receiving cues.
    public var receivingCues = 0
    /// The language used for stemming.
    public var language: Language = .english
    /// The language the text's own words point to; nil when no word says (codes, "ok", a name).
    public var detectedLanguage: Language?
    /// How sure `detectedLanguage` is, from 0 (no cue word) to 1.
    public var languageConfidence = 0.0
    /// How many cue words (and telling letters) of each language the text has, by language.
    public var languageCues: [Language: Int] = [:]
    /// Whether the text mentions email at all (mail, inbox, Outlook…).
    public var mentionsMail = false

    init(termTexts: [String], foldTexts: [String]) {
        self.termTexts = termTexts
        self.foldTexts = foldTexts
    }

    /// Surface words (folded, unstemmed) in order.
    public var words: [String] {
        var words = folds.map { $0 >= 0 ? foldTexts[Int($0)] : "" }
        for stranger in strangers { words[stranger.position] = stranger.folded }
        return words
    }

    /// Stemmed terms and concept tokens (`~bounce`) with their counts.
    public var terms: [String: Int] {
        var terms: [String: Int] = [:]
        for id in termIDs { terms[termTexts[Int(id)], default: 0] += 1 }
        for term in otherTerms { terms[term, default: 0] += 1 }
        return terms
    }

    /// The distinct term ids found, ascending, with their counts.
    var countedTermIDs: [(id: Int32, count: Int)] {
        var result: [(id: Int32, count: Int)] = []
        for id in termIDs.sorted() {
            if let last = result.last, last.id == id {
                result[result.count - 1].count += 1
            } else {
                result.append((id, 1))
            }
        }
        return result
    }

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
///
/// The words of the texts it is built with (a knowledge base) are looked up once each, with their
/// stems precomputed; other words are stemmed as they come. The result does not depend on which
/// texts it was built with, only the speed does.
public final class TextAnalyzer: Sendable {
    private let stemmer = Stemmer()
    let vocabulary: Vocabulary
    /// `vocabulary.known` for ASCII words, looked up without making strings.
    let knownWords: ByteTable<KnownWord>
    /// `vocabulary.foldIDs` for ASCII words.
    let asciiFolds: ByteTable<Int32>
    private let foldCache = Mutex<[String: String]>([:])

    /// Prefix of concept tokens produced by synonym groups.
    public static let conceptPrefix = "~"

    /// Creates an analyser for a lexicon, knowing the words of `texts` in advance.
    public init(lexicon: Lexicon, texts: [String] = []) {
        var vocabulary = Vocabulary()
        for words in lexicon.stopwords.values {
            for word in words { vocabulary.foldFlags[Int(vocabulary.fold(Self.fold(word)))].insert(.stopword) }
        }
        for word in lexicon.mailWords { vocabulary.foldFlags[Int(vocabulary.fold(Self.fold(word)))].insert(.mailWord) }
        for (code, words) in lexicon.languageCues {
            guard let language = Language(rawValue: code) else { continue }
            for word in words {
                vocabulary.foldFlags[Int(vocabulary.fold(Self.fold(word)))].insert(FoldFlags.cue(language))
            }
        }
        var lexiconWords: [String] = []
        func add(_ text: String, output: PhraseRule.Output) {
            var ids: [Int32] = []
            for token in text.split(separator: " ") {
                if token == "*" {
                    ids.append(PhraseRule.wildcard)
                    continue
                }
                for word in WordSplitter.words(in: String(token)) {
                    lexiconWords.append(word)
                    ids.append(vocabulary.fold(Self.fold(word)))
                }
            }
            vocabulary.addPhrase(PhraseRule(words: ids, output: output))
        }
        for group in lexicon.synonyms {
            guard let name = group.first else { continue }
            let concept = Self.conceptPrefix + WordSplitter.words(in: name).map(Self.fold).joined(separator: "-")
            let id = vocabulary.term(concept)
            for member in group { add(member, output: .concept(id)) }
        }
        for cue in lexicon.direction["sending"] ?? [] { add(cue, output: .sending) }
        for cue in lexicon.direction["receiving"] ?? [] { add(cue, output: .receiving) }
        // "outgoing works fine" puts the problem on the receiving side, and the other way round.
        for cue in lexicon.direction["sending_works"] ?? [] { add(cue, output: .receiving) }
        for cue in lexicon.direction["receiving_works"] ?? [] { add(cue, output: .sending) }
        for sentence in lexicon.boilerplate { add(sentence, output: .boilerplate) }
        vocabulary.sortPhrases()
        let stemmer = stemmer
        func learn(_ word: String) {
            let lower = Self.lowercased(word)
            guard vocabulary.known[lower] == nil else { return }
            let fold = vocabulary.fold(Self.fold(lower))
            func stem(_ language: Language) -> Int32 {
                vocabulary.term(Self.fold(stemmer.stem(lower, language: language)))
            }
            vocabulary.known[lower] = KnownWord(
                fold: fold,
                stems: KnownWord.Stems(
                    english: stem(.english), french: stem(.french), german: stem(.german), spanish: stem(.spanish),
                    italian: stem(.italian), portuguese: stem(.portuguese)))
        }
        for word in lexiconWords { learn(word) }
        for text in texts {
            WordSplitter.forEachWord(in: text) { learn(String(decoding: $0, as: UTF8.self)) }
        }
        self.vocabulary = vocabulary
        knownWords = ByteTable(vocabulary.known.filter { $0.key.utf8.allSatisfy { $0 < 0x80 } })
        asciiFolds = ByteTable(vocabulary.foldIDs.filter { $0.key.utf8.allSatisfy { $0 < 0x80 } })
    }

    /// An analyser from its tables as they were built (for decoding a serialised one).
    init(vocabulary: Vocabulary, knownWords: ByteTable<KnownWord>, asciiFolds: ByteTable<Int32>) {
        self.vocabulary = vocabulary
        self.knownWords = knownWords
        self.asciiFolds = asciiFolds
    }

    /// Analyses a text, detecting its language unless one is given.
    public func analyze(_ text: String, language forced: Language? = nil) -> Analysis {
        var analysis = Analysis(termTexts: vocabulary.termTexts, foldTexts: vocabulary.foldTexts)
        analysis.codes = CodeScanner.codes(in: text)
        // Known words carry their stems; the others keep their lower-cased form until the
        // language is known.
        var slots: [Slot] = []
        var cueCounts = [Int](repeating: 0, count: Language.allCases.count)
        var lower = [UInt8](repeating: 0, count: 64)
        WordSplitter.forEachWord(in: text) { word in
            let bytes = ByteView(word)
            let slot = self.slot(for: bytes, position: slots.count, scratch: &lower, analysis: &analysis)
            slots.append(slot)
            if !slot.flags.isDisjoint(with: FoldFlags.anyCue) {
                for language in Language.allCases where slot.flags.contains(FoldFlags.cue(language)) {
                    cueCounts[language.ordinal] += 1
                }
            }
            if let marked = Self.letterLanguage(bytes) { cueCounts[marked.ordinal] += 1 }
            if slot.flags.contains(.mailWord) { analysis.mentionsMail = true }
        }
        if !analysis.codes.isEmpty { analysis.mentionsMail = true }
        // A name built on "mail" (Mailnesia, Mailchimp, ProtonMail) speaks of email too.
        if !analysis.mentionsMail, analysis.strangers.contains(where: { Self.isMailName($0.folded) }) {
            analysis.mentionsMail = true
        }
        let detected = Self.language(cueCounts, wordCount: slots.count)
        for language in Language.allCases where cueCounts[language.ordinal] > 0 {
            analysis.languageCues[language] = cueCounts[language.ordinal]
        }
        let language = forced ?? detected.language
        analysis.language = language
        analysis.detectedLanguage = detected.confidence > 0 ? detected.language : nil
        analysis.languageConfidence = detected.confidence
        // A direction cue inside a longer one ("sending" in "sending works fine") does not count
        // again; words inside template boilerplate are not matched as terms.
        var directionEnd = 0
        var boilerplateEnd = 0
        var strangerIndex = 0
        let folds = analysis.folds
        for index in folds.indices {
            let fold = folds[index]
            if fold >= 0, case let list = vocabulary.foldPhrases[Int(fold)], list >= 0 {
                for phrase in vocabulary.phraseLists[Int(list)] {
                    guard let end = Self.matchEnd(phrase.words, in: folds, at: index) else { continue }
                    switch phrase.output {
                    case .sending, .receiving:
                        guard index >= directionEnd else { continue }
                        directionEnd = end
                        if phrase.output == .sending {
                            analysis.sendingCues += 1
                        } else {
                            analysis.receivingCues += 1
                        }
                    case .boilerplate: boilerplateEnd = max(boilerplateEnd, end)
                    case .concept(let id): analysis.termIDs.append(id)
                    }
                }
            }
            let slot = slots[index]
            var stranger: String?
            if !slot.known {
                stranger = analysis.strangers[strangerIndex].lower
                strangerIndex += 1
            }
            guard index >= boilerplateEnd, slot.flags.isDisjoint(with: [.stopword, .numeric, .single]) else {
                continue
            }
            if let stranger {
                let stem = cachedFold(stemmer.stem(stranger, language: language))
                if let id = vocabulary.termIDs[stem] {
                    analysis.termIDs.append(id)
                } else {
                    analysis.otherTerms.append(stem)
                }
            } else {
                let id = slot.word.stem(language)
                if id >= 0 { analysis.termIDs.append(id) }
            }
        }
        if text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), let bulk = vocabulary.termIDs[Self.bulkConcept],
            Self.countsPeople(analysis.words)
        {
            analysis.termIDs.append(bulk)
        }
        return analysis
    }

    /// The concept a number of people written to adds ("2000 clientes", "500 Empfänger"): mail sent in bulk.
    static let bulkConcept = conceptPrefix + "rate-limit"  // data: a lexicon synonym group
    /// The least number of recipients that reads as bulk sending.
    static let bulkCount = 50
    /// Nouns of people written to, or of letters sent to them, folded: "3000 mails" in a mailbox is no bulk
    /// sending, "2000 clientes" is.
    static let foldedCountNouns: Set<String> = [  // data
        "people", "persons", "users", "recipients", "contacts", "customers", "clients", "subscribers", "members",
        "addresses", "invoices", "newsletters", "invitations", "letters", "leads", "personnes", "utilisateurs",
        "destinataires", "adherents", "abonnes", "factures", "personen", "kunden", "empfanger", "mitglieder",
        "abonnenten", "rechnungen", "kontakte", "leute", "personas", "usuarios", "destinatarios", "clientes",
        "suscriptores", "contactos", "facturas", "socios", "persone", "utenti", "destinatari", "clienti", "iscritti",
        "contatti", "fatture", "soci", "pessoas", "usuarios", "destinatarios", "assinantes", "contatos", "faturas",
        "inscritos",
    ]

    /// Whether folded words hold a number of at least ``bulkCount`` followed by a noun of people.
    static func countsPeople(_ words: [String]) -> Bool {
        zip(words, words.dropFirst()).contains { number, noun in
            number.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } && (Int(number) ?? 0) >= bulkCount
                && foldedCountNouns.contains(noun)
        }
    }

    /// Whether an unknown word is a name built on "mail": a mail service or program.
    static func isMailName(_ folded: String) -> Bool {
        folded.utf8.count > 5 && (folded.hasPrefix("mail") || folded.hasSuffix("mail"))
    }

    /// One word of an analysed text: what the vocabulary says of it.
    private struct Slot {
        var word: KnownWord
        var flags: FoldFlags
        var known: Bool
    }

    /// Looks a word up, lower-casing ASCII words in `scratch`; unknown words become strangers.
    private func slot(
        for bytes: ByteView, position: Int, scratch: inout [UInt8], analysis: inout Analysis
    ) -> Slot {
        var ascii = bytes.count <= scratch.count
        if ascii {
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 {
                    ascii = false
                    break
                }
                scratch[offset] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            }
        }
        return scratch.withByteView { scratch in
            slot(
                for: bytes, lowered: scratch.prefix(ascii ? bytes.count : 0), ascii: ascii, position: position,
                analysis: &analysis)
        }
    }

    /// ``slot(for:position:scratch:analysis:)`` once the word is lower-cased in `lowered` (empty
    /// unless `ascii`).
    private func slot(for bytes: ByteView, lowered: ByteView, ascii: Bool, position: Int, analysis: inout Analysis)
        -> Slot
    {
        if ascii, let word = knownWords.value(for: lowered) {
            analysis.folds.append(word.fold)
            return Slot(word: word, flags: vocabulary.foldFlags[Int(word.fold)], known: true)
        }
        let lower =
            ascii
            ? lowered.string : bytes.string.lowercased()
        if !ascii, let word = vocabulary.known[lower] {
            analysis.folds.append(word.fold)
            return Slot(word: word, flags: vocabulary.foldFlags[Int(word.fold)], known: true)
        }
        let folded = ascii ? lower : unicodeFold(lower)
        let fold = ascii ? (asciiFolds.value(for: lowered) ?? -1) : (vocabulary.foldIDs[folded] ?? -1)
        analysis.folds.append(fold)
        analysis.strangers.append(Analysis.Stranger(position: position, lower: lower, folded: folded))
        let flags = fold >= 0 ? vocabulary.foldFlags[Int(fold)] : FoldFlags.intrinsic(folded)
        return Slot(word: KnownWord(fold: fold, stems: .none), flags: flags, known: false)
    }

    /// `fold` of a non-ASCII word, remembered: Foundation's diacritic folding costs microseconds a word.
    private func unicodeFold(_ lower: String) -> String {
        if let known = foldCache.withLock({ $0[lower] }) { return known }
        let folded = Self.fold(lower)
        foldCache.withLock { cache in
            if cache.count >= Self.foldCacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[lower] = folded
        }
        return folded
    }

    /// `fold`, with non-ASCII words remembered.
    private func cachedFold(_ word: String) -> String {
        word.utf8.allSatisfy { $0 < 0x80 } ? Self.lowercased(word) : unicodeFold(word)
    }

    /// Most folded words remembered; the table starts over when full.
    private static let foldCacheLimit = 50_000

    /// Stems one word: Snowball on the lower-cased word, then accents folded.
    public func stem(_ word: String, language: Language) -> String {
        cachedFold(stemmer.stem(Self.lowercased(word), language: language))
    }

    /// Whether a folded word is a stop word.
    public func isStopword(_ folded: String) -> Bool {
        guard let id = vocabulary.foldIDs[folded] else { return false }
        return vocabulary.foldFlags[Int(id)].contains(.stopword)
    }

    /// Number of terms in the table; term ids run from 0 to `termCount - 1`.
    var termCount: Int { vocabulary.termTexts.count }

    /// The text of a term id.
    func termText(_ id: Int32) -> String { vocabulary.termTexts[Int(id)] }

    /// The id of a term, if the table has it.
    func termID(_ term: String) -> Int32? { vocabulary.termIDs[term] }

    /// Number of folded words known; fold ids run from 0 to `foldCount - 1`.
    var foldCount: Int { vocabulary.foldTexts.count }

    /// The id of a folded word, if known.
    func foldID(_ folded: String) -> Int32? { vocabulary.foldIDs[folded] }

    /// The text of a folded-word id.
    func foldText(_ id: Int32) -> String { vocabulary.foldTexts[Int(id)] }

    /// The flags of a folded word (id -1: worked out from the text).
    func flags(fold: Int32, text: String) -> FoldFlags {
        fold >= 0 ? vocabulary.foldFlags[Int(fold)] : FoldFlags.intrinsic(text)
    }

    /// The language with the most cue words (English unless one cue word in twelve says otherwise), and
    /// how sure that is: the share of cue words that agree, times the evidence (three cue words or more
    /// count fully). No cue word at all: English for stemming, with confidence 0.
    /// The language a word's letters alone tell: ã/õ Portuguese, ñ Spanish, ß/ä/ö/ü German, ì/ò Italian.
    /// Counted like a cue word, so that a message in a language with few cue words still tells it.
    static func letterLanguage(_ word: ByteView) -> Language? {
        var index = 0
        while index + 1 < word.count {
            if word[index] == 0xC3 {
                switch word[index + 1] {
                case 0xA3, 0xB5, 0x83, 0x95: return .portuguese  // ã õ Ã Õ
                case 0xB1, 0x91: return .spanish  // ñ Ñ
                case 0x9F, 0xA4, 0xB6, 0xBC, 0x84, 0x96, 0x9C: return .german  // ß ä ö ü Ä Ö Ü
                case 0xAC, 0xB2: return .italian  // ì ò
                default: break
                }
            }
            index += 1
        }
        return nil
    }

    static func language(_ counts: [Int], wordCount: Int) -> (language: Language, confidence: Double) {
        var best = Language.english
        var bestCount = 0
        for language in Language.allCases where counts[language.ordinal] > bestCount {
            best = language
            bestCount = counts[language.ordinal]
        }
        let total = counts.reduce(0, +)
        guard total > 0 else { return (.english, 0) }
        // One cue word in a long English text is not enough to switch language.
        if best != .english, bestCount < max(1, wordCount / 12) {
            return (.english, Double(counts[Language.english.ordinal]) / Double(total) * 0.5)
        }
        let agreement = Double(bestCount) / Double(total)
        return (best, agreement * min(1, Double(bestCount) / 3))
    }

    /// Where `phrase` ends when it matches at `index` (the index after its last word), or `nil`.
    private static func matchEnd(_ phrase: [Int32], in words: [Int32], at index: Int) -> Int? {
        var position = index + 1
        var part = 1
        while part < phrase.count {
            if phrase[part] == PhraseRule.wildcard {
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

    /// Lower-cases a word: ASCII letters directly, anything else through Unicode.
    static func lowercased(_ word: String) -> String {
        var hasUpper = false
        for byte in word.utf8 {
            if byte >= 0x80 { return word.lowercased() }
            if byte >= 0x41 && byte <= 0x5A { hasUpper = true }
        }
        guard hasUpper else { return word }
        return String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Lower-cases and removes accents ("Empfängt" → "empfangt").
    static func fold(_ word: String) -> String {
        word.utf8.allSatisfy { $0 < 0x80 } ? lowercased(word) : foldUnicode(word)
    }

    private static func foldUnicode(_ word: String) -> String {
        return word.lowercased().folding(options: [.diacriticInsensitive], locale: nil).replacingOccurrences(
            of: "ß", with: "ss")
    }
}
