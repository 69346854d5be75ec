import CStemmer

/// One Snowball stemmer of libstemmer, for one language, over UTF-8. Not safe to use from two threads at
/// once: callers serialise (the knowledge base's `Stemmer` holds its stemmers under a lock).
package final class SnowballStemmer {
    private let handle: OpaquePointer

    /// The stemmer for a Snowball language name ("english", "french"…); nil when libstemmer has none.
    package init?(language: String) {
        guard let handle = sb_stemmer_new(language, "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit {
        sb_stemmer_delete(handle)
    }

    /// The stem of a lower-cased word; the word itself when libstemmer returns nothing.
    package func stem(_ word: String) -> String {
        var word = word
        // Unsafe: libstemmer reads the word's UTF-8 bytes for this call and returns a buffer it owns,
        // valid until the next call on this stemmer, of `sb_stemmer_length` bytes; it is copied at once.
        return word.withUTF8 { buffer -> String in
            guard let base = buffer.baseAddress, let result = sb_stemmer_stem(handle, base, Int32(buffer.count))
            else { return String(decoding: buffer, as: UTF8.self) }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: result, count: length), as: UTF8.self)
        }
    }
}
