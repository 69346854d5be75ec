/// Splits text into words without allocating per word: letters and digits, with English
/// contractions joined ("can't" → "cant") and French elisions split ("l'adresse" → "l", "adresse").
/// Addresses, URLs and host names carry no meaning for matching: only their telling parts are kept
/// (spamhaus, proofpoint, yahoo), lower-cased, not their mailbox name, scheme or top-level domain.
package enum WordSplitter {
    /// Words stop growing once they reach this many bytes.
    package static let maximumWordBytes = 64
    /// Room for one word or host part; longer host parts are cut.
    private static let scratchBytes = 1_024

    /// Calls `body` with the UTF-8 bytes of each word, in order, as written (case kept, except in
    /// host parts). The buffer is only valid during the call.
    package static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        var scratch = [UInt8](repeating: 0, count: scratchBytes)
        // Unsafe: both buffers are used only inside the closures, while `text` and `scratch` are alive; every
        // index read is checked against `bytes.count`, every write against `scratch.count`.
        text.withUTF8 { bytes in
            scratch.withUnsafeMutableBufferPointer { scratch in
                var chunkStart = 0
                var index = 0
                while index <= bytes.count {
                    let atEnd = index == bytes.count
                    let byte: UInt8 = atEnd ? 0x20 : bytes[index]
                    if byte < 0x80 && isBreak(byte) {
                        if index > chunkStart {
                            split(UnsafeBufferPointer(rebasing: bytes[chunkStart..<index]), scratch: scratch, body)
                        }
                        chunkStart = index + 1
                    } else if byte >= 0x80, !atEnd {
                        // Non-ASCII white space (no-break space and the like) also ends a chunk.
                        let (scalar, length) = decode(bytes, at: index)
                        if scalar.properties.isWhitespace {
                            if index > chunkStart {
                                split(UnsafeBufferPointer(rebasing: bytes[chunkStart..<index]), scratch: scratch, body)
                            }
                            chunkStart = index + length
                        }
                        index += length
                        continue
                    }
                    index += 1
                }
            }
        }
    }

    /// The words of a text as strings (tests and lexicon phrases).
    package static func words(in text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
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

    /// Decodes the UTF-8 scalar at `index` (which must be inside `bytes`); invalid bytes decode as U+FFFD
    /// of length 1. Overlong and surrogate forms are not rejected beyond what `Unicode.Scalar` refuses.
    package static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int) {
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
    private static func split(
        _ chunk: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        // Unsafe (this function): `chunk` and `scratch` are the caller's live buffers; writes stop at scratch.count.
        // Most chunks are one plain word: letters and digits only, no longer than a word may be. It is
        // passed on as it is (no address, apostrophe or cut to look for).
        if chunk.count <= maximumWordBytes, chunk.allSatisfy(isASCIIAlphanumeric) {
            body(chunk)
            return
        }
        var count = 0
        func emit() {
            if count > 0 { body(UnsafeBufferPointer(rebasing: scratch[0..<count])) }
            count = 0
        }
        if isAddressLike(chunk) {
            let at = chunk.lastIndex(of: UInt8(ascii: "@")).map { $0 + 1 } ?? 0
            var partLength = 0
            func flushPart() {
                if partLength > 3, !isAddressNoise(UnsafeBufferPointer(rebasing: scratch[0..<count])) { emit() }
                count = 0
                partLength = 0
            }
            for byte in chunk[at...] {
                if isASCIIAlphanumeric(byte) {
                    if count < scratch.count {
                        scratch[count] = byte | (isASCIIUpper(byte) ? 0x20 : 0)
                        count += 1
                    }
                    partLength += 1
                } else {
                    flushPart()
                }
            }
            flushPart()
            return
        }
        var pendingApostrophe = false
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
                    if count == 1 || (count == 2 && (scratch[0] | 0x20) == 0x71 && (scratch[1] | 0x20) == 0x75) {
                        emit()
                    }
                    pendingApostrophe = false
                }
                if count < maximumWordBytes, count + length <= scratch.count {
                    for offset in 0..<length { scratch[count + offset] = chunk[index + offset] }
                    count += length
                }
            } else if isApostrophe && count > 0 {
                pendingApostrophe = true
                if byte == 0xE2 { length = 3 }
            } else {
                pendingApostrophe = false
                emit()
            }
            index += length
        }
        emit()
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

    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isASCIIUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || (byte >= 0x30 && byte <= 0x39)
    }

    private static func isAddressNoise(_ part: UnsafeBufferPointer<UInt8>) -> Bool {
        addressNoise.contains(String(decoding: part, as: UTF8.self))
    }

    /// Parts of host names and URLs that say nothing about a problem.
    static let addressNoise: Set<String> = [
        "http", "https", "www", "com", "net", "org", "info", "html", "php", "aspx", "mail", "smtp", "mx", "email",
        "support", "help", "answer", "index", "example", "domain", "mydomain", "yourdomain", "localhost", "local",
        "user", "name", "admin",
    ]
}
