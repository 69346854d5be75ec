import CShims
import Localization
import Synchronization

extension Language {
    /// Position in `allCases`.
    var ordinal: Int {
        switch self {
        case .english: 0
        case .french: 1
        case .german: 2
        case .spanish: 3
        case .italian: 4
        case .portuguese: 5
        }
    }

    var snowballName: String {
        switch self {
        case .english: "english"
        case .french: "french"
        case .german: "german"
        case .spanish: "spanish"
        case .italian: "italian"
        case .portuguese: "portuguese"
        }
    }
}

/// Snowball stemmers from libstemmer, one per language, safe to share between tasks.
final class Stemmer: Sendable {
    private struct Handles: ~Copyable {
        var stemmers: [SnowballStemmer?] = []
        /// Stems already computed, per language (in `Language.allCases` order); a language's table is
        /// emptied when it grows past `cacheLimit`.
        var cache: [[String: String]] = []
    }

    private static let cacheLimit = 100_000

    private let handles: Mutex<Handles>

    init() {
        var created = Handles()
        for language in Language.allCases {
            created.stemmers.append(SnowballStemmer(language: language.snowballName))
            created.cache.append([:])
        }
        handles = Mutex(created)
    }

    /// Returns the Snowball stem of a lower-cased word, or the word itself when no stemmer exists.
    func stem(_ word: String, language: Language) -> String {
        let slot = language.ordinal
        return handles.withLock { handles -> String in
            if let cached = handles.cache[slot][word] { return cached }
            guard let stemmer = handles.stemmers[slot] else { return word }
            let stemmed = stemmer.stem(word)
            if handles.cache[slot].count >= Self.cacheLimit { handles.cache[slot] = [:] }
            handles.cache[slot][word] = stemmed
            return stemmed
        }
    }
}
