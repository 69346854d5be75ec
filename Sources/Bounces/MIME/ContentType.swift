/// A parsed Content-Type value: `type/subtype` plus parameters (names lower-cased).
struct ContentType: Sendable {
    /// Lower-cased media type such as `text/plain`; empty when absent.
    var mediaType: String
    /// Parameters; names lower-cased, values unquoted and kept as written.
    var parameters: [String: String]

    /// The `boundary` parameter, if any.
    var boundary: String? { parameters["boundary"].flatMap { $0.isEmpty ? nil : $0 } }
    /// The `charset` parameter, if any.
    var charset: String? { parameters["charset"] }
    /// True for `multipart/*`.
    var isMultipart: Bool { mediaType.hasPrefix("multipart/") }

    /// Parses a raw Content-Type value; tolerant of missing quotes, stray blanks and junk.
    init(_ raw: [UInt8]?) {
        mediaType = ""
        parameters = [:]
        guard let raw, !raw.isEmpty else { return }
        let text = Array(raw.prefix(4_096))
        var index = 0
        while index < text.count, ASCII.isWhitespace(text[index]) { index += 1 }
        let typeStart = index
        while index < text.count, text[index] != ASCII.semicolon, !ASCII.isWhitespace(text[index]) { index += 1 }
        mediaType = ASCII.lowercased(text[typeStart..<index]).utf8String
        while index < text.count {
            // Skip to the next parameter.
            while index < text.count, text[index] == ASCII.semicolon || ASCII.isWhitespace(text[index]) { index += 1 }
            let nameStart = index
            while index < text.count, text[index] != ASCII.equals, text[index] != ASCII.semicolon { index += 1 }
            let name = ASCII.lowercased(text[nameStart..<index]).trimmedBytes().utf8String
            guard index < text.count, text[index] == ASCII.equals else { continue }
            index += 1
            while index < text.count, ASCII.isBlank(text[index]) { index += 1 }
            var value = [UInt8]()
            if index < text.count, text[index] == ASCII.quote {
                index += 1
                while index < text.count, text[index] != ASCII.quote {
                    if text[index] == UInt8(ascii: "\\"), index + 1 < text.count { index += 1 }
                    value.append(text[index])
                    index += 1
                }
                index += 1
            } else {
                while index < text.count, text[index] != ASCII.semicolon, !ASCII.isWhitespace(text[index]) {
                    value.append(text[index])
                    index += 1
                }
            }
            if !name.isEmpty, parameters[name] == nil { parameters[name] = value.utf8String }
        }
    }
}
