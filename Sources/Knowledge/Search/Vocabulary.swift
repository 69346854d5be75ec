import Localization

/// What the analyser knows about one folded word (lower-cased, accents removed).
struct FoldFlags: OptionSet, Sendable {
    let rawValue: UInt16

    static let stopword = FoldFlags(rawValue: 1 << 0)
    static let mailWord = FoldFlags(rawValue: 1 << 1)
    static let numeric = FoldFlags(rawValue: 1 << 2)
    /// One character or less: never a term.
    static let single = FoldFlags(rawValue: 1 << 3)
    static let atLeastFour = FoldFlags(rawValue: 1 << 4)
    static let atLeastFive = FoldFlags(rawValue: 1 << 5)
    static let atLeastSix = FoldFlags(rawValue: 1 << 6)
    static let englishCue = FoldFlags(rawValue: 1 << 7)
    static let frenchCue = FoldFlags(rawValue: 1 << 8)
    static let germanCue = FoldFlags(rawValue: 1 << 9)
    static let spanishCue = FoldFlags(rawValue: 1 << 10)
    static let italianCue = FoldFlags(rawValue: 1 << 11)
    static let portugueseCue = FoldFlags(rawValue: 1 << 12)

    /// Any language's cue flag.
    static let anyCue: FoldFlags = [.englishCue, .frenchCue, .germanCue, .spanishCue, .italianCue, .portugueseCue]

    /// The cue flag of a language.
    static func cue(_ language: Language) -> FoldFlags {
        switch language {
        case .english: .englishCue
        case .french: .frenchCue
        case .german: .germanCue
        case .spanish: .spanishCue
        case .italian: .italianCue
        case .portuguese: .portugueseCue
        }
    }

    /// Flags that follow from the word itself (length, digits), not from the lexicon.
    static func intrinsic(_ folded: String) -> FoldFlags {
        var flags: FoldFlags = []
        let ascii = folded.utf8.allSatisfy { $0 < 0x80 }
        let numeric = ascii ? folded.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } : folded.allSatisfy(\.isNumber)
        if numeric { flags.insert(.numeric) }
        let length = ascii ? folded.utf8.count : folded.count
        if length <= 1 { flags.insert(.single) }
        if length >= 4 { flags.insert(.atLeastFour) }
        if length >= 5 { flags.insert(.atLeastFive) }
        if length >= 6 { flags.insert(.atLeastSix) }
        return flags
    }
}

/// A lexicon phrase as folded-word ids; `wildcard` stands for up to three words.
struct PhraseRule: Sendable {
    enum Output: Sendable, Equatable {
        case sending, receiving, boilerplate
        case concept(Int32)
    }

    static let wildcard: Int32 = -2

    var words: [Int32]
    var output: Output
}

/// A word seen in the knowledge base or the lexicon, as written lower-cased: its folded form and
/// its stem in each language, as term ids (-1: the stem is no term of the table).
struct KnownWord: Sendable {
    var fold: Int32
    /// The stem's term id in each language, in `Language.allCases` order.
    var stems: Stems

    /// One term id per language, stored inline (a word is looked up for every word of every message).
    struct Stems: Sendable {
        var english: Int32, french: Int32, german: Int32, spanish: Int32, italian: Int32, portuguese: Int32

        /// No stem in any language.
        static let none = Stems(english: -1, french: -1, german: -1, spanish: -1, italian: -1, portuguese: -1)
    }

    func stem(_ language: Language) -> Int32 {
        switch language {
        case .english: stems.english
        case .french: stems.french
        case .german: stems.german
        case .spanish: stems.spanish
        case .italian: stems.italian
        case .portuguese: stems.portuguese
        }
    }
}

/// The analyser's tables, built once: folded words with their flags and phrases, the lower-cased
/// words of the knowledge base with their stems, and the term table (stems and concepts by id).
struct Vocabulary: Sendable {
    var foldIDs: [String: Int32] = [:]
    var foldTexts: [String] = []
    var foldFlags: [FoldFlags] = []
    /// Per fold, the index in `phraseLists` of the phrases starting with it, or -1.
    var foldPhrases: [Int32] = []
    var phraseLists: [[PhraseRule]] = []
    var known: [String: KnownWord] = [:]
    var termIDs: [String: Int32] = [:]
    var termTexts: [String] = []

    /// The id of a folded word, added when new.
    mutating func fold(_ folded: String) -> Int32 {
        if let id = foldIDs[folded] { return id }
        let id = Int32(foldTexts.count)
        foldIDs[folded] = id
        foldTexts.append(folded)
        foldFlags.append(FoldFlags.intrinsic(folded))
        foldPhrases.append(-1)
        return id
    }

    /// The id of a term, added when new.
    mutating func term(_ text: String) -> Int32 {
        if let id = termIDs[text] { return id }
        let id = Int32(termTexts.count)
        termIDs[text] = id
        termTexts.append(text)
        return id
    }

    /// Adds a phrase whose first word is `words[0]`; longer phrases are tried first.
    mutating func addPhrase(_ rule: PhraseRule) {
        guard let first = rule.words.first, first >= 0 else { return }
        var list = foldPhrases[Int(first)]
        if list < 0 {
            list = Int32(phraseLists.count)
            phraseLists.append([])
            foldPhrases[Int(first)] = list
        }
        phraseLists[Int(list)].append(rule)
    }

    mutating func sortPhrases() {
        for index in phraseLists.indices { phraseLists[index].sort { $0.words.count > $1.words.count } }
    }
}
