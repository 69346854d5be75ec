import CStemmer
import Synchronization

/// A language the analyser can stem.
public enum Language: String, Sendable, CaseIterable, Codable {
    case english = "en"
    case french = "fr"
    case german = "de"

    var snowballName: String {
        switch self {
        case .english: "english"
        case .french: "french"
        case .german: "german"
        }
    }
}

/// Snowball stemmers from libstemmer, one per language, safe to share between tasks.
final class Stemmer: Sendable {
    private struct Handles: ~Copyable {
        var pointers: [Language: OpaquePointer] = [:]
        /// Stems already computed, per language; emptied when it grows past `cacheLimit`.
        var cache: [Language: [String: String]] = [:]
    }

    private static let cacheLimit = 100_000

    private let handles: Mutex<Handles>

    init() {
        var created = Handles()
        for language in Language.allCases {
            if let handle = sb_stemmer_new(language.snowballName, "UTF_8") {
                created.pointers[language] = handle
            }
        }
        handles = Mutex(created)
    }

    deinit {
        handles.withLock { handles in
            for pointer in handles.pointers.values { sb_stemmer_delete(pointer) }
        }
    }

    /// Returns the Snowball stem of a lower-cased word, or the word itself when no stemmer exists.
    func stem(_ word: String, language: Language) -> String {
        handles.withLock { handles -> String in
            if let cached = handles.cache[language]?[word] { return cached }
            guard let handle = handles.pointers[language] else { return word }
            var word = word
            let stemmed = word.withUTF8 { buffer -> String in
                guard let base = buffer.baseAddress,
                    let result = sb_stemmer_stem(handle, base, Int32(buffer.count))
                else { return String(decoding: buffer, as: UTF8.self) }
                let length = Int(sb_stemmer_length(handle))
                return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
            }
            if handles.cache[language, default: [:]].count >= Self.cacheLimit { handles.cache[language] = [:] }
            handles.cache[language, default: [:]][word] = stemmed
            return stemmed
        }
    }
}
