/// Turns HTML into plain text lines: tags dropped, block tags become line breaks, entities decoded.
enum HTMLText {
    private static let breakingTags: [[UInt8]] = [
        "br", "/p", "p", "/div", "div", "/tr", "tr", "/li", "li", "/h1", "/h2", "/h3", "/table", "hr",
    ].map { Array($0.utf8) }
    private static let skippedBlocks: [[UInt8]] = ["style", "script", "head"].map { Array($0.utf8) }

    /// Converts UTF-8 HTML bytes to UTF-8 text bytes with LF line breaks.
    static func plainText(_ html: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(html.count / 2)
        var index = 0
        let count = html.count
        while index < count {
            let byte = html[index]
            if byte == ASCII.lessThan {
                // Read the tag name.
                var end = index + 1
                while end < count, html[end] != ASCII.greaterThan { end += 1 }
                let inner = ASCII.lowercased(html[(index + 1)..<min(end, count)])
                var nameEnd = 0
                while nameEnd < inner.count, !ASCII.isWhitespace(inner[nameEnd]),
                    inner[nameEnd] != UInt8(ascii: "/") || nameEnd == 0
                {
                    nameEnd += 1
                }
                let name = Array(inner[0..<nameEnd])
                if breakingTags.contains(name) { output.append(ASCII.lf) }
                if skippedBlocks.contains(name) {
                    // Skip to the matching close tag.
                    let close = Array("</".utf8) + name
                    let lowered = ASCII.lowercased(html[min(end, count)...])
                    if let hit = ByteSearch.find(close, in: lowered) {
                        var after = min(end, count) + hit
                        while after < count, html[after] != ASCII.greaterThan { after += 1 }
                        index = after + 1
                        continue
                    }
                }
                index = end + 1
                continue
            }
            if byte == UInt8(ascii: "&") {
                var end = index + 1
                while end < count, end - index < 10, html[end] != ASCII.semicolon, !ASCII.isWhitespace(html[end]) {
                    end += 1
                }
                if end < count, html[end] == ASCII.semicolon, let decoded = entity(Array(html[(index + 1)..<end])) {
                    output.append(contentsOf: decoded)
                    index = end + 1
                    continue
                }
            }
            output.append(byte)
            index += 1
        }
        return output
    }

    private static func entity(_ name: [UInt8]) -> [UInt8]? {
        switch name.utf8String.lowercased() {
        case "nbsp": return [ASCII.space]
        case "amp": return [UInt8(ascii: "&")]
        case "lt": return [ASCII.lessThan]
        case "gt": return [ASCII.greaterThan]
        case "quot": return [ASCII.quote]
        case "apos", "#39": return [UInt8(ascii: "'")]
        default:
            guard name.first == UInt8(ascii: "#") else { return nil }
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X") {
                value = UInt32(String(decoding: digits.dropFirst(), as: UTF8.self), radix: 16)
            } else {
                value = UInt32(String(decoding: digits, as: UTF8.self))
            }
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return Array(String(Character(scalar)).utf8)
        }
    }
}
