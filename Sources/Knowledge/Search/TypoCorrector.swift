import ByteText

/// Typo tolerance: a long word the articles never use, whose stem is no indexed term, is read as the
/// most used article word one deletion away from it ("recieve" → "receive", "emials" → "emails").
///
/// Deletion variants of ASCII words are looked up from a byte buffer, without making strings.
struct TypoCorrector: Sendable {
    /// Marks a fold id that is no surface word.
    static let notSurface: Int32 = -2
    /// Most corrections per text.
    static let maximumCorrections = 8

    /// Per fold id: the stem of the word as a term id (-1 when the stem is no term), or `notSurface`
    /// when articles never use the word (or it is short or a stop word).
    let surfaceStems: [Int32]
    /// Per fold id, how often articles use the word.
    let surfaceFrequency: [Int32]
    /// For an ASCII spelling: the surface word spelt so (fold id, -1 when none) and the surface words
    /// of five letters or more it is one deletion of. One table, so a variant costs one lookup.
    let asciiSpellings: ByteTable<Spelling>
    let otherDeletions: [String: [Int32]]

    struct Spelling: Sendable {
        var surface: Int32 = -1
        var deletionOf: [Int32] = []
    }
    /// The non-ASCII characters of surface words. A word with two characters outside it is no deletion
    /// away from any of them (a deletion removes a character, never brings one), so it is not tried:
    /// Chinese or Cyrillic text would otherwise make a variant string per character.
    let otherAlphabet: Set<Character>

    init(analyzer: TextAnalyzer, surfaceStems: [Int32], surfaceFrequency: [Int32]) {
        self.surfaceStems = surfaceStems
        self.surfaceFrequency = surfaceFrequency
        var deletions: [String: [Int32]] = [:]
        var surface: [String: Int32] = [:]
        var alphabet = Set<Character>()
        for fold in surfaceStems.indices where surfaceStems[fold] != Self.notSurface {
            let text = analyzer.foldText(Int32(fold))
            if Self.isASCII(text) {
                surface[text] = Int32(fold)
            } else {
                for character in text where !character.isASCII { alphabet.insert(character) }
            }
            guard analyzer.flags(fold: Int32(fold), text: "").contains(.atLeastFive) else { continue }
            for variant in Self.deletionVariants(of: text) { deletions[variant, default: []].append(Int32(fold)) }
        }
        var spellings: [String: Spelling] = [:]
        for (text, fold) in surface { spellings[text, default: Spelling()].surface = fold }
        for (variant, folds) in deletions where Self.isASCII(variant) {
            spellings[variant, default: Spelling()].deletionOf = folds
        }
        asciiSpellings = ByteTable(spellings)
        otherDeletions = deletions.filter { !Self.isASCII($0.key) }
        otherAlphabet = alphabet
    }

    /// The corrections for a text: each misspelt word with the stem (term id, -1 when none) of the
    /// word it stands for. `isIndexed` says whether a term id has postings.
    func corrections(
        in analysis: Analysis, terms: [(id: Int32, count: Int)], analyzer: TextAnalyzer, isIndexed: (Int32) -> Bool
    ) -> [(String, Int32)] {
        var corrections: [(String, Int32)] = []
        var seen = SeenKeys<String>()
        var strangers = analysis.strangers[...]
        for (position, fold) in analysis.folds.enumerated() {
            var stranger: String?
            if let next = strangers.first, next.position == position {
                stranger = next.folded
                strangers.removeFirst()
            }
            let flags = analyzer.flags(fold: fold, text: stranger ?? "")
            // A stop word is a word the lexicon knows to mean nothing, never a misspelling ("couple" → "coup").
            guard flags.contains(.atLeastSix), fold < 0 || surfaceStems[Int(fold)] == Self.notSurface,
                !flags.contains(.numeric), !flags.contains(.stopword)
            else { continue }
            let word = stranger ?? analyzer.foldText(fold)
            guard seen.insert(word) else { continue }
            if let stem = analyzer.termID(analyzer.stem(word, language: analysis.language)), isIndexed(stem) {
                continue
            }
            if corrections.count >= Self.maximumCorrections { break }
            let best = candidates(for: word, analyzer: analyzer).max { a, b in
                let fa = surfaceFrequency[Int(a)]
                let fb = surfaceFrequency[Int(b)]
                return fa != fb ? fa < fb : analyzer.foldText(a) > analyzer.foldText(b)
            }
            if let best, case let stem = surfaceStems[Int(best)], stem < 0 || !terms.contains(where: { $0.id == stem })
            {
                corrections.append((word, stem))
            }
        }
        return corrections
    }

    /// Surface words one deletion away from `word` (either side may lose a character).
    private func candidates(for word: String, analyzer: TextAnalyzer) -> [Int32] {
        var found: [Int32] = []
        func add(_ folds: [Int32]) { for fold in folds where !found.contains(fold) { found.append(fold) } }
        /// The surface word spelt by `bytes` and the words it is a deletion of.
        func addSpelling(_ bytes: ByteView) {
            guard let spelling = asciiSpellings.value(for: bytes) else { return }
            if spelling.surface >= 0, !found.contains(spelling.surface) { found.append(spelling.surface) }
            add(spelling.deletionOf)
        }
        guard Self.isASCII(word) else {
            var foreign = 0
            for character in word where !character.isASCII && !otherAlphabet.contains(character) {
                foreign += 1
                if foreign >= 2 { return [] }
            }
            add(otherDeletions[word] ?? [])
            for variant in Self.deletionVariants(of: word) {
                if Self.isASCII(variant) {
                    var variant = variant
                    variant.withByteView { bytes in addSpelling(bytes) }
                } else {
                    if let fold = analyzer.foldID(variant), surfaceStems[Int(fold)] != Self.notSurface { add([fold]) }
                    add(otherDeletions[variant] ?? [])
                }
            }
            return found
        }
        var word = word
        word.withByteView { bytes in
            add(asciiSpellings.value(for: bytes)?.deletionOf ?? [])
            var scratch = [UInt8](repeating: 0, count: max(bytes.count - 1, 0))
            for skipped in bytes.indices {
                var length = 0
                for index in bytes.indices where index != skipped {
                    scratch[length] = bytes[index]
                    length += 1
                }
                scratch.withByteView { scratch in addSpelling(scratch.prefix(length)) }
            }
        }
        return found
    }

    /// The word with one character left out, for every position.
    private static func deletionVariants(of word: String) -> [String] {
        let characters = Array(word)
        return characters.indices.map { index in
            var copy = characters
            copy.remove(at: index)
            return String(copy)
        }
    }

    private static func isASCII(_ text: String) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }
}
