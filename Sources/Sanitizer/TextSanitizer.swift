import ByteText

/// Makes untrusted text safe to show: the one neutralising layer every output path goes through
/// (terminal text, plain text, and every JSON string meant to be shown).
///
/// What it does, character by character (newline and tab are kept):
/// - C0 controls (U+0000…U+001F) become their visible Control Pictures: ESC is `␛`, BEL is `␇`, CR is `␍`;
/// - DEL (U+007F) becomes `␡`;
/// - C1 controls (U+0080…U+009F), bidirectional embeddings, overrides and isolates (U+202A…U+202E,
///   U+2066…U+2069) and invisible zero-width characters (U+200B…U+200D, U+2060, U+FEFF) become U+FFFD `�`,
///   so that their presence stays visible instead of silently changing what the reader sees.
///
/// Text with none of these characters is returned as it is, after a quick scan of its bytes.
public enum TextSanitizer {
    /// Replaces control, bidirectional and zero-width characters with visible placeholders, and cuts lines
    /// longer than `maxLine` characters (nil: no cut).
    public static func neutralize(_ text: String, maxLine: Int? = 2_000) -> String {
        if isPlain(text, maxLine: maxLine ?? Int.max) { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var lineLength = 0
        var cut = false
        let limit = maxLine ?? Int.max
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                output.unicodeScalars.append(scalar)
                lineLength = 0
                cut = false
                continue
            }
            if cut { continue }
            if lineLength >= limit {
                output += "…"
                cut = true
                continue
            }
            lineLength += 1
            appendVisible(scalar, to: &output)
        }
        return output
    }

    /// `text` as one line: like ``neutralize(_:maxLine:)`` without a line cut, line breaks included as `␊`.
    /// For values shown inside one line (an error message naming what the user typed).
    public static func neutralizeLine(_ text: String) -> String {
        neutralize(text, maxLine: nil).replacingNewlines()
    }

    /// Whether `scalar` is one of the characters this layer replaces (newline and tab are not).
    public static func isNeutralized(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: false
        case 0x00..<0x20, 0x7F, 0x80..<0xA0: true
        case 0x200B...0x200D, 0x2060, 0xFEFF: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// Appends the visible stand-in for `scalar` (or the scalar itself when it is harmless).
    private static func appendVisible(_ scalar: Unicode.Scalar, to output: inout String) {
        switch scalar.value {
        case 0x09: output.unicodeScalars.append(scalar)
        case 0x00..<0x20: output.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
        case 0x7F: output += "␡"
        default:
            if isNeutralized(scalar) { output += "�" } else { output.unicodeScalars.append(scalar) }
        }
    }

    /// Whether the text needs no change: none of the characters above, and no line longer than `maxLine`
    /// bytes (most text, which is returned as it is).
    ///
    /// Reads eight bytes at a time while they are printable ASCII; only lead bytes that can start a
    /// replaced character (C2 for C1 controls, E2 for the bidirectional and zero-width ones, EF for
    /// U+FEFF) are looked at more closely.
    public static func isPlain(_ text: String, maxLine: Int = Int.max) -> Bool {
        var copy = text
        return copy.withByteView { isPlain(view: $0, maxLine: maxLine) }
    }

    /// ``isPlain(_:maxLine:)`` over UTF-8 bytes.
    public static func isPlain(_ bytes: some Collection<UInt8>, maxLine: Int = Int.max) -> Bool {
        if let result = bytes.withContiguousStorageIfAvailable({ isPlain(view: ByteView($0), maxLine: maxLine) }) {
            return result
        }
        return Array(bytes).withByteView { isPlain(view: $0, maxLine: maxLine) }
    }

    /// ``isPlain(_:maxLine:)`` over a view of UTF-8 bytes.
    package static func isPlain(view bytes: ByteView, maxLine: Int = Int.max) -> Bool {
        var lineLength = 0
        var index = 0
        while index < bytes.count {
            // Eight printable ASCII bytes (0x20…0x7E) at a time: neither test below fires.
            if index + 8 <= bytes.count {
                let word = bytes.integer(at: index, as: UInt64.self)
                let below = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                let above = ((word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
                if below == 0 && above == 0 {
                    lineLength += 8
                    if lineLength >= maxLine { return false }
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte == 0x0A {
                lineLength = 0
            } else {
                if byte < 0x20 && byte != 0x09 || byte == 0x7F { return false }
                if byte >= 0xC2, !isPlainSequence(bytes, at: index) { return false }
                // Only lead bytes start a character (and count towards the line).
                if byte & 0xC0 != 0x80 {
                    lineLength += 1
                    if lineLength >= maxLine { return false }
                }
            }
            index += 1
        }
        return true
    }

    /// Whether the multi-byte sequence starting at `index` is not one of the replaced characters.
    @inline(__always)
    private static func isPlainSequence(_ bytes: ByteView, at index: Int) -> Bool {
        let byte = bytes[index]
        // U+0080…U+009F (C1 controls) are C2 80…C2 9F.
        if byte == 0xC2 { return !(index + 1 < bytes.count && bytes[index + 1] < 0xA0) }
        guard byte == 0xE2 || byte == 0xEF, index + 2 < bytes.count else { return true }
        let second = bytes[index + 1]
        let third = bytes[index + 2]
        if byte == 0xEF { return !(second == 0xBB && third == 0xBF) }  // U+FEFF
        // U+200B…U+200D: E2 80 8B…8D; U+202A…U+202E: E2 80 AA…AE.
        if second == 0x80 { return !((0x8B...0x8D).contains(third) || (0xAA...0xAE).contains(third)) }
        // U+2060: E2 81 A0; U+2066…U+2069: E2 81 A6…A9.
        if second == 0x81 { return !(third == 0xA0 || (0xA6...0xA9).contains(third)) }
        return true
    }
}

extension String {
    /// Line breaks shown as `␊`.
    fileprivate func replacingNewlines() -> String {
        guard contains("\n") else { return self }
        var output = ""
        for scalar in unicodeScalars {
            if scalar == "\n" { output += "␊" } else { output.unicodeScalars.append(scalar) }
        }
        return output
    }
}
