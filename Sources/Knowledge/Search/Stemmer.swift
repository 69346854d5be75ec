import CStemmer
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
        var pointers: [OpaquePointer?] = []
        /// Stems already computed, per language (in `Language.allCases` order); a language's table is
        /// emptied when it grows past `cacheLimit`.
        var cache: [[String: String]] = []
    }

    private static let cacheLimit = 100_000

    private let handles: Mutex<Handles>

    init() {
        var created = Handles()
        for language in Language.allCases {
            created.pointers.append(sb_stemmer_new(language.snowballName, "UTF_8"))
            created.cache.append([:])
        }
        handles = Mutex(created)
    }

    deinit {
        handles.withLock { handles in
            for case let pointer? in handles.pointers { sb_stemmer_delete(pointer) }
        }
    }

    /// Returns the Snowball stem of a lower-cased word, or the word itself when no stemmer exists.
    func stem(_ word: String, language: Language) -> String {
        let slot = language.ordinal
        return handles.withLock { handles -> String in
            if let cached = handles.cache[slot][word] { return cached }
            guard let handle = handles.pointers[slot] else { return word }
            var word = word
            let stemmed = word.withUTF8 { buffer -> String in
                guard let base = buffer.baseAddress,
                    let result = sb_stemmer_stem(handle, base, Int32(buffer.count))
                else { return String(decoding: buffer, as: UTF8.self) }
                let length = Int(sb_stemmer_length(handle))
                return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
            }
            if handles.cache[slot].count >= Self.cacheLimit { handles.cache[slot] = [:] }
            handles.cache[slot][word] = stemmed
            return stemmed
        }
    }
}
