import ByteText

/// RFC 2047 encoded-word decoding for header values (`=?charset?B|Q?text?=`).
enum EncodedWords {
    private static let opening = Array("=?".utf8)

    /// Decodes every encoded word in a header value; whitespace between adjacent words is dropped.
    static func decode(_ value: [UInt8]) -> [UInt8] {
        guard ByteSearch.contains(value, Self.opening) else { return Charset.toUTF8(value, charset: nil) }
        var output = [UInt8]()
        output.reserveCapacity(value.count)
        var index = 0
        var pendingBlank = [UInt8]()
        var lastWasEncoded = false
        let count = value.count
        while index < count {
            if value[index] == ASCII.equals, index + 1 < count, value[index + 1] == UInt8(ascii: "?"),
                let (decoded, next) = word(value, at: index)
            {
                if !lastWasEncoded { output.append(contentsOf: pendingBlank) }
                pendingBlank.removeAll(keepingCapacity: true)
                output.append(contentsOf: decoded)
                lastWasEncoded = true
                index = next
                continue
            }
            let byte = value[index]
            if ASCII.isWhitespace(byte) {
                pendingBlank.append(byte == ASCII.tab ? ASCII.space : byte)
                index += 1
                continue
            }
            output.append(contentsOf: pendingBlank)
            pendingBlank.removeAll(keepingCapacity: true)
            lastWasEncoded = false
            // Plain runs may carry raw 8-bit text; copy up to the next blank or encoded word.
            var end = index
            while end < count, !ASCII.isWhitespace(value[end]),
                !(value[end] == ASCII.equals && end + 1 < count && value[end + 1] == UInt8(ascii: "?"))
            {
                end += 1
            }
            if end == index { end += 1 }
            output.append(contentsOf: Charset.toUTF8(Array(value[index..<end]), charset: nil))
            index = end
        }
        output.append(contentsOf: pendingBlank)
        return output
    }

    /// Decodes one encoded word starting at `start`; returns nil when it is not well formed.
    private static func word(_ value: [UInt8], at start: Int) -> ([UInt8], Int)? {
        let question = UInt8(ascii: "?")
        var index = start + 2
        let count = value.count
        let charsetStart = index
        while index < count, value[index] != question {
            if ASCII.isWhitespace(value[index]) || index - charsetStart > 40 { return nil }
            index += 1
        }
        guard index + 2 < count, value[index + 2] == question else { return nil }
        var charset = String(decoding: value[charsetStart..<index], as: UTF8.self)
        // RFC 2231: a "*" ends the charset and starts the language.
        if let star = charset.utf8.firstIndex(of: UInt8(ascii: "*")) { charset = String(charset[..<star]) }
        let mode = ASCII.lower(value[index + 1])
        guard mode == UInt8(ascii: "b") || mode == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        var end = textStart
        while end + 1 < count, !(value[end] == question && value[end + 1] == ASCII.equals) {
            if value[end] == ASCII.lf || value[end] == ASCII.cr { return nil }
            end += 1
        }
        guard end + 1 < count else { return nil }
        let payload = value[textStart..<end]
        let raw =
            mode == UInt8(ascii: "b")
            ? Base64.decode(payload) : QuotedPrintable.decode(payload, underscoreIsSpace: true)
        return (Charset.toUTF8(raw, charset: charset), end + 2)
    }
}
