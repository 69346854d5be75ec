import Localization

/// An SPF macro-string (RFC 7208 §7.1): literal text with `%{…}` macros and `%%`, `%_`, `%-` escapes.
public struct SPFMacroString: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a macro-string.
    public enum Token: Sendable, Hashable {
        /// Literal text.
        case literal(String)
        /// `%%`, `%_` or `%-`, already translated to `%`, a space or `%20`.
        case escape(String)
        /// `%{` letter [digits] [r] [delimiters] `}`.
        case macro(Macro)
    }

    /// A macro expansion request.
    public struct Macro: Sendable, Hashable {
        /// The macro letter in lower case (s l o d i p h c r t v).
        public var letter: Character
        /// Whether the letter was upper case: the expansion is then URL-escaped.
        public var urlEscape: Bool
        /// Keep only this many right-hand parts (nil: all).
        public var rightParts: Int?
        /// Reverse the parts before keeping the right-hand ones.
        public var reverse: Bool
        /// Characters to split on (default ".").
        public var delimiters: [Character]
    }

    /// The tokens in order.
    public var tokens: [Token]
    /// The original text.
    public var text: String

    /// The value as text, for logs and messages.
    public var description: String { text }

    /// Whether the string contains a `%{…}` macro, whose value is only known at evaluation time.
    public var hasMacros: Bool {
        tokens.contains { if case .macro = $0 { true } else { false } }
    }

    /// The text when there is no `%{…}` macro (escapes applied), else nil.
    public var literalValue: String? {
        var result = ""
        for token in tokens {
            switch token {
            case .literal(let text), .escape(let text): result += text
            case .macro: return nil
            }
        }
        return result
    }

    /// Parses a macro-string.
    ///
    /// - Parameters:
    ///   - text: the text to parse (ASCII).
    ///   - explanation: true for explanation text, which allows spaces and the `c`, `r`, `t` macros.
    ///   - offset: the 1-based position of `text` in the record, for error messages.
    public static func parse(_ text: Substring, explanation: Bool = false, offset: Int = 1) throws(SPFSyntaxError)
        -> SPFMacroString
    {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var literal = ""
        var index = 0
        func flush() {
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = ""
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 1 < bytes.count else {
                    throw SPFSyntaxError(
                        position: offset + index, message: "a lone \"%\" at the end; write \"%%\" for a percent sign")
                }
                let next = bytes[index + 1]
                if let escaped = escape(next) {
                    flush()
                    tokens.append(.escape(escaped))
                    index += 2
                } else if next == UInt8(ascii: "{") {
                    flush()
                    let macro = try parseMacro(bytes, at: &index, explanation: explanation, offset: offset)
                    tokens.append(.macro(macro))
                } else {
                    throw SPFSyntaxError(
                        position: offset + index,
                        message:
                            "\"%\" must be followed by \"{\", \"%\", \"_\" or \"-\" (found \"\(Character(Unicode.Scalar(next)))\")"
                    )
                }
                continue
            }
            let allowed = (byte >= 0x21 && byte <= 0x7E) || (explanation && byte == 0x20)
            guard allowed else {
                throw SPFSyntaxError(
                    position: offset + index, message: "character \(describe(byte)) is not allowed here")
            }
            literal.unicodeScalars.append(Unicode.Scalar(byte))
            index += 1
        }
        flush()
        return SPFMacroString(tokens: tokens, text: String(text))
    }

    /// What the escape `%` + `byte` stands for (RFC 7208 §7.1: `%%`, `%_`, `%-`), or nil for none.
    private static func escape(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "%"): "%"
        case UInt8(ascii: "_"): " "
        case UInt8(ascii: "-"): "%20"
        default: nil
        }
    }

    private static func parseMacro(_ bytes: [UInt8], at index: inout Int, explanation: Bool, offset: Int)
        throws(SPFSyntaxError) -> Macro
    {
        let start = index
        index += 2
        guard index < bytes.count else {
            throw SPFSyntaxError(position: offset + start, message: "unterminated macro \"%{\"")
        }
        let letterByte = bytes[index]
        let letter = Character(Unicode.Scalar(letterByte)).lowercased().first ?? " "
        let valid: Set<Character> =
            explanation
            ? ["s", "l", "o", "d", "i", "p", "h", "v", "c", "r", "t"]
            : ["s", "l", "o", "d", "i", "p", "h", "v"]
        guard valid.contains(letter) else {
            let hint = ["c", "r", "t"].contains(letter) ? " (it is only allowed in explanation text)" : ""
            throw SPFSyntaxError(
                position: offset + index,
                message: "unknown macro letter \"\(Character(Unicode.Scalar(letterByte)))\"\(hint)")
        }
        let urlEscape = letterByte >= UInt8(ascii: "A") && letterByte <= UInt8(ascii: "Z")
        index += 1
        var digits = ""
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            digits.unicodeScalars.append(Unicode.Scalar(bytes[index]))
            index += 1
        }
        var rightParts: Int?
        if !digits.isEmpty {
            guard let value = Int(digits.prefix(9)), value > 0 else {
                throw SPFSyntaxError(
                    position: offset + index - digits.count, message: "the macro part count must be at least 1")
            }
            rightParts = value
        }
        var reverse = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "r") || bytes[index] == UInt8(ascii: "R") {
            reverse = true
            index += 1
        }
        var delimiters: [Character] = []
        let delimiterSet: Set<UInt8> = Set(".-+,/_=".utf8)
        while index < bytes.count, delimiterSet.contains(bytes[index]) {
            delimiters.append(Character(Unicode.Scalar(bytes[index])))
            index += 1
        }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "}") else {
            throw SPFSyntaxError(position: offset + min(index, bytes.count), message: "malformed macro: expected \"}\"")
        }
        index += 1
        return Macro(
            letter: letter, urlEscape: urlEscape, rightParts: rightParts, reverse: reverse,
            delimiters: delimiters.isEmpty ? ["."] : delimiters)
    }

    /// Checks the RFC 7208 `domain-end` rule: a domain-spec ends with a macro or with "." and a valid top label.
    func validateDomainEnd(offset: Int) throws(SPFSyntaxError) {
        guard !tokens.isEmpty else { throw SPFSyntaxError(position: offset, message: "the domain is empty") }
        var tail = ""
        for token in tokens.reversed() {
            guard case .literal(let text) = token else { break }
            tail = text + tail
        }
        if tail.isEmpty { return }
        var trimmed = Substring(tail)
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        guard let dot = trimmed.lastIndex(of: ".") else {
            throw SPFSyntaxError(
                position: offset,
                message: "\"\(text)\" is not a fully qualified domain (it needs a dot and a top-level label)")
        }
        let top = trimmed[trimmed.index(after: dot)...]
        guard SPFMacroString.isTopLabel(top) else {
            throw SPFSyntaxError(
                position: offset, message: "\"\(text)\" does not end in a valid top-level label (\"\(top)\")")
        }
    }

    /// `toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )`.
    static func isTopLabel(_ label: Substring) -> Bool {
        let bytes = Array(label.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func isAlnum(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        guard bytes.allSatisfy({ isAlnum($0) || $0 == UInt8(ascii: "-") }), isAlnum(first), isAlnum(last) else {
            return false
        }
        let hasAlpha = bytes.contains { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
        return hasAlpha || bytes.contains(UInt8(ascii: "-"))
    }

    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20: "space"
        case 0x09: "tab"
        case 0x0A: "line feed"
        case 0x0D: "carriage return"
        case 0x00: "NUL"
        case 0x21...0x7E: "\"\(Character(Unicode.Scalar(byte)))\""
        default: "0x" + String(byte, radix: 16)
        }
    }
}
