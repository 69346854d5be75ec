import ByteText

/// A parsed Content-Type value: `type/subtype` plus the parameters the reader uses.
struct ContentType: Sendable {
    /// Lower-cased media type such as `text/plain`; empty when absent.
    var mediaType: String
    /// The first `boundary` parameter as written (unquoted), if any.
    private var boundaryValue: String?
    /// The first `charset` parameter as written (unquoted), if any.
    private(set) var charset: String?

    /// The `boundary` parameter, if any.
    var boundary: String? { boundaryValue.flatMap { $0.isEmpty ? nil : $0 } }
    /// True for `multipart/*`.
    var isMultipart: Bool { mediaType.hasPrefix("multipart/") }

    private static let boundaryName = Array("boundary".utf8)
    private static let charsetName = Array("charset".utf8)

    /// Parses a raw Content-Type value; tolerant of missing quotes, stray blanks and junk.
    init(_ raw: [UInt8]?) {
        self.init(raw?[...])
    }

    /// Parses a raw Content-Type value held in a slice (a header block's storage).
    init(_ raw: ArraySlice<UInt8>?) {
        mediaType = ""
        boundaryValue = nil
        charset = nil
        guard let raw, !raw.isEmpty else { return }
        let limit = Swift.min(raw.count, 4_096)
        var mediaType = ""
        var boundaryValue: String?
        var charset: String?
        raw.withByteView { whole in
            let text = whole[0..<limit]
            var index = 0
            while index < limit, ASCII.isWhitespace(text[index]) { index += 1 }
            let typeStart = index
            while index < limit, text[index] != ASCII.semicolon, !ASCII.isWhitespace(text[index]) { index += 1 }
            mediaType = String(decoding: ASCII.lowercased(text[typeStart..<index]), as: UTF8.self)
            while index < limit {
                // Skip to the next parameter.
                while index < limit, text[index] == ASCII.semicolon || ASCII.isWhitespace(text[index]) { index += 1 }
                var nameStart = index
                while index < limit, text[index] != ASCII.equals, text[index] != ASCII.semicolon { index += 1 }
                var nameEnd = index
                while nameStart < nameEnd, ASCII.isWhitespace(text[nameStart]) { nameStart += 1 }
                while nameEnd > nameStart, ASCII.isWhitespace(text[nameEnd - 1]) { nameEnd -= 1 }
                guard index < limit, text[index] == ASCII.equals else { continue }
                index += 1
                while index < limit, ASCII.isBlank(text[index]) { index += 1 }
                // Only the boundary and charset values are kept; other parameters are skipped over.
                let name = text[nameStart..<nameEnd]
                let isBoundary = boundaryValue == nil && ASCII.equalsLowered(name, Self.boundaryName)
                let isCharset = !isBoundary && charset == nil && ASCII.equalsLowered(name, Self.charsetName)
                var value = [UInt8]()
                if index < limit, text[index] == ASCII.quote {
                    index += 1
                    while index < limit, text[index] != ASCII.quote {
                        if text[index] == UInt8(ascii: "\\"), index + 1 < limit { index += 1 }
                        if isBoundary || isCharset { value.append(text[index]) }
                        index += 1
                    }
                    index += 1
                } else {
                    let valueStart = index
                    while index < limit, text[index] != ASCII.semicolon, !ASCII.isWhitespace(text[index]) { index += 1 }
                    if isBoundary || isCharset { value.append(contentsOf: text[valueStart..<index]) }
                }
                if isBoundary {
                    boundaryValue = value.utf8String
                } else if isCharset {
                    charset = value.utf8String
                }
            }
        }
        self.mediaType = mediaType
        self.boundaryValue = boundaryValue
        self.charset = charset
    }
}
