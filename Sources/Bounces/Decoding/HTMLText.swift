import ByteText

/// Turns HTML into plain text lines: tags dropped, block tags become line breaks, entities decoded.
enum HTMLText {
    private static let breakingTags: [[UInt8]] = [
        "br", "/p", "p", "/div", "div", "/tr", "tr", "/li", "li", "/h1", "/h2", "/h3", "/table", "hr",
    ].map { Array($0.utf8) }
    private static let skippedBlocks: [[UInt8]] = ["style", "script", "head"].map { Array($0.utf8) }

    /// Converts UTF-8 HTML bytes to UTF-8 text bytes with LF line breaks.
    ///
    /// Linear in the input: tag names are compared in place, and a block whose close tag is missing
    /// is searched for once (a page of unclosed `<style>` tags cannot make it quadratic).
    static func plainText(_ html: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(html.count / 2)
        var index = 0
        let count = html.count
        var unclosed = [Bool](repeating: false, count: skippedBlocks.count)
        while index < count {
            let byte = html[index]
            if byte == ASCII.lessThan {
                // The tag ends at ">"; its name runs to a blank or a "/" (a leading "/" is part of it).
                var end = index + 1
                while end < count, html[end] != ASCII.greaterThan { end += 1 }
                let nameStart = index + 1
                var nameEnd = nameStart
                while nameEnd < end, !ASCII.isWhitespace(html[nameEnd]),
                    html[nameEnd] != UInt8(ascii: "/") || nameEnd == nameStart
                {
                    nameEnd += 1
                }
                let name = html[nameStart..<nameEnd]
                if breakingTags.contains(where: { ASCII.equalsLowered(name, $0) }) { output.append(ASCII.lf) }
                if let block = skippedBlocks.firstIndex(where: { ASCII.equalsLowered(name, $0) }), !unclosed[block] {
                    // Skip to the matching close tag.
                    if let close = closeTag(skippedBlocks[block], in: html, from: Swift.min(end, count)) {
                        var after = close
                        while after < count, html[after] != ASCII.greaterThan { after += 1 }
                        index = after + 1
                        continue
                    }
                    unclosed[block] = true
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

    /// Offset of the first `</name` at or after `from`, letters compared case-insensitively.
    private static func closeTag(_ name: [UInt8], in html: [UInt8], from: Int) -> Int? {
        var position = from
        let last = html.count - name.count - 2
        while position <= last {
            if html[position] == ASCII.lessThan, html[position + 1] == UInt8(ascii: "/"),
                ASCII.equalsLowered(html[(position + 2)..<(position + 2 + name.count)], name)
            {
                return position
            }
            position += 1
        }
        return nil
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
