import ByteText

/// Email address helpers: picking an address out of header or error text, validating it.
enum AddressText {
    private static let rfc822 = Array("rfc822".utf8)
    private static let mailto = Array("mailto:".utf8)

    /// True for `local@domain` with no blanks and a dotted domain (or an address literal).
    static func isEmailAddress(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5, bytes.count <= 320, let at = bytes.lastIndex(of: ASCII.at), at > 0, at < bytes.count - 2
        else {
            return false
        }
        for byte in bytes
        where byte <= ASCII.space || byte == ASCII.lessThan || byte == ASCII.greaterThan || byte >= 0x7F {
            if byte >= 0x80 { continue }  // internationalised addresses
            return false
        }
        let domain = bytes[(at + 1)...]
        if domain.first == UInt8(ascii: "[") { return true }
        return domain.contains(ASCII.dot) && domain.first != ASCII.dot && domain.last != ASCII.dot
    }

    /// Extracts one address from `Name <addr>`, `<addr>`, `addr`, `rfc822; addr`, quoted forms.
    static func clean(_ raw: String) -> String {
        // Fast path: already a bare address.
        var plain = true
        for byte in raw.utf8
        where byte <= ASCII.space || byte == ASCII.lessThan || byte == ASCII.semicolon || byte == ASCII.quote
            || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "'")
            || byte == ASCII.greaterThan
        {
            plain = false
            break
        }
        if plain && raw.utf8.first != ASCII.dot && raw.utf8.last != ASCII.dot && raw.utf8.last != ASCII.colon {
            return raw
        }
        var text = Array(raw.utf8)[...]
        trimBytes(&text, where: { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.lf || $0 == ASCII.cr })
        if let semicolon = text.firstIndex(of: ASCII.semicolon),
            ByteSearch.find(Self.rfc822, in: ASCII.lowercased(text[..<semicolon])) == 0
        {
            text = text[(semicolon + 1)...]
            trimBytes(&text, where: { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.lf || $0 == ASCII.cr })
        }
        if let open = text.lastIndex(of: ASCII.lessThan), let close = text[open...].firstIndex(of: ASCII.greaterThan) {
            var inner = text[(open + 1)..<close]
            trimBytes(&inner, where: { $0 == ASCII.space || $0 == ASCII.tab || $0 == ASCII.lf || $0 == ASCII.cr })
            if inner.contains(ASCII.at) { return stripQuotes(inner) }
        }
        // Take the token that holds "@".
        for token in text.split(whereSeparator: { $0 == ASCII.space || $0 == UInt8(ascii: ",") || $0 == ASCII.tab })
        where token.contains(ASCII.at) {
            var candidate = token
            // A quoted local part ("a..b"@example.org) keeps its opening quote.
            let quotedLocal = ByteSearch.find([ASCII.quote, ASCII.at], in: Array(token)) != nil
            trimBytes(&candidate, where: { tokenTrim[Int($0)] && !(quotedLocal && $0 == ASCII.quote) })
            if candidate.count >= Self.mailto.count, candidate.prefix(Self.mailto.count).elementsEqual(Self.mailto) {
                candidate = candidate.dropFirst(Self.mailto.count)
            }
            return stripQuotes(candidate)
        }
        trimBytes(&text, where: { $0 == ASCII.lessThan || $0 == ASCII.greaterThan })
        return stripQuotes(text)
    }

    /// Bytes trimmed from both ends of an address token: `<>()[]"'.:;,`.
    private static let tokenTrim: [Bool] = (0..<256).map { "<>()[]\"'.:;,".utf8.contains(UInt8($0)) }

    private static func trimBytes(_ bytes: inout ArraySlice<UInt8>, where predicate: (UInt8) -> Bool) {
        while let first = bytes.first, predicate(first) { bytes.removeFirst() }
        while let last = bytes.last, predicate(last) { bytes.removeLast() }
    }

    /// Finds the first email address anywhere in `text`.
    static func first(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == ASCII.at {
                var start = index
                while start > 0, isAddressByte(bytes[start - 1]) { start -= 1 }
                var end = index + 1
                while end < bytes.count, isAddressByte(bytes[end]) { end += 1 }
                var candidate = String(decoding: bytes[start..<end], as: UTF8.self)
                candidate = candidate.trimming(".:;,'\"")
                if isEmailAddress(candidate) { return candidate }
                index = end
                continue
            }
            index += 1
        }
        return nil
    }

    /// The domain part of an address ("" when there is none).
    static func domain(of address: String) -> String {
        let utf8 = address.utf8
        guard let at = utf8.lastIndex(of: ASCII.at) else { return "" }
        return String(decoding: ASCII.lowercased(utf8[utf8.index(after: at)...]), as: UTF8.self)
    }

    private static let addressBytes: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        return ASCII.isAlnum(byte) || byte >= 0x80 || "._%+-=!#$&*/?^`{|}~'".utf8.contains(byte)
    }

    private static func isAddressByte(_ byte: UInt8) -> Bool { addressBytes[Int(byte)] }

    /// `"quoted local"@domain` → `quoted local@domain`; then `<>` trimmed from both ends.
    private static func stripQuotes(_ slice: ArraySlice<UInt8>) -> String {
        var value = slice
        if value.first == ASCII.quote, let close = value.dropFirst().firstIndex(of: ASCII.quote),
            close + 1 < value.endIndex, value[close + 1] == ASCII.at
        {
            // Quotes go unless the local part needs them (a dot at either end, "..", blanks, specials).
            let local = value[(value.startIndex + 1)..<close]
            let needsQuotes =
                local.isEmpty || local.first == ASCII.dot || local.last == ASCII.dot
                || ByteSearch.find([ASCII.dot, ASCII.dot], in: Array(local)) != nil
                || local.contains { $0 <= ASCII.space || "(),:;<>@[\\]".utf8.contains($0) }
            if !needsQuotes { value = local + value[(close + 1)...] }
        }
        trimBytes(&value, where: { $0 == ASCII.lessThan || $0 == ASCII.greaterThan })
        return String(decoding: value, as: UTF8.self)
    }
}

extension StringProtocol {
    /// Copy without the given characters at either end (ASCII sets compare bytes).
    func trimming(_ set: String) -> String {
        let string = String(self)
        guard set.utf8.allSatisfy({ $0 < 0x80 }) else {
            var view = Substring(string)
            while let first = view.first, set.contains(first) { view.removeFirst() }
            while let last = view.last, set.contains(last) { view.removeLast() }
            return String(view)
        }
        let utf8 = string.utf8
        let members = set.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, members.contains(utf8[start]) { start = utf8.index(after: start) }
        while end > start {
            let before = utf8.index(before: end)
            guard members.contains(utf8[before]) else { break }
            end = before
        }
        if start == utf8.startIndex && end == utf8.endIndex { return string }
        return String(string[start..<end])
    }
}
