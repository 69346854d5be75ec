import ByteText

/// A strict, allocation-light JSON reader for one inbound line: it validates the whole line and
/// materialises only the top-level object's string members. Nested values are checked and skipped.
struct JSONScanner {
    /// A top-level member's value: a string, or the JSON type it has instead.
    enum Value: Equatable {
        case string(String)
        case other(String)
    }

    /// What the line holds.
    enum Document: Equatable {
        /// An object: its members in order (keys may repeat).
        case object([(key: String, value: Value)])
        /// Valid JSON that is not an object (its type name).
        case notObject(String)

        static func == (lhs: Document, rhs: Document) -> Bool {
            switch (lhs, rhs) {
            case (.object(let left), .object(let right)):
                left.count == right.count && zip(left, right).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            case (.notObject(let left), .notObject(let right)): left == right
            default: false
            }
        }
    }

    /// Why the line is not JSON, with the offset of the problem.
    struct Failure: Error, Equatable {
        var message: String
    }

    /// Deepest nesting accepted (the line is refused beyond it, never a stack overflow).
    static let maxDepth = 64

    private let bytes: ByteView
    private var position = 0

    private init(_ bytes: ByteView) { self.bytes = bytes }

    /// Parses a whole line, which must already be valid UTF-8.
    static func parse(_ bytes: ByteView) throws(Failure) -> Document {
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        guard scanner.position < bytes.count else { throw Failure(message: "empty line") }
        let document: Document
        if bytes[scanner.position] == UInt8(ascii: "{") {
            document = .object(try scanner.topLevelObject())
        } else {
            document = .notObject(try scanner.skipValue(depth: 0))
        }
        scanner.skipWhitespace()
        guard scanner.position == bytes.count else {
            throw scanner.failure("unexpected data after the JSON value")
        }
        return document
    }

    private func failure(_ message: String) -> Failure {
        Failure(message: "\(message) at byte \(position)")
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { throw failure("expected \(what)") }
        position += 1
    }

    private mutating func topLevelObject() throws(Failure) -> [(key: String, value: Value)] {
        position += 1
        var members: [(key: String, value: Value)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return members
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw failure("expected a member name")
            }
            let key = try string(materialize: true) ?? ""
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                members.append((key, .string(try string(materialize: true) ?? "")))
            } else {
                members.append((key, .other(try skipValue(depth: 1))))
            }
            skipWhitespace()
            guard position < bytes.count else { throw failure("unterminated object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return members
            } else {
                throw failure("expected ',' or '}'")
            }
        }
    }

    /// Validates and skips one value; returns its JSON type name.
    private mutating func skipValue(depth: Int) throws(Failure) -> String {
        skipWhitespace()
        guard position < bytes.count else { throw failure("expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "\""):
            _ = try string(materialize: false)
            return "string"
        case UInt8(ascii: "{"):
            try container(depth: depth, close: UInt8(ascii: "}"), object: true)
            return "object"
        case UInt8(ascii: "["):
            try container(depth: depth, close: UInt8(ascii: "]"), object: false)
            return "array"
        case UInt8(ascii: "t"):
            try literal("true")
            return "boolean"
        case UInt8(ascii: "f"):
            try literal("false")
            return "boolean"
        case UInt8(ascii: "n"):
            try literal("null")
            return "null"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try number()
            return "number"
        default:
            throw failure("unexpected character")
        }
    }

    private mutating func container(depth: Int, close: UInt8, object: Bool) throws(Failure) {
        guard depth < Self.maxDepth else { throw failure("nesting deeper than \(Self.maxDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == close {
            position += 1
            return
        }
        while true {
            if object {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                    throw failure("expected a member name")
                }
                _ = try string(materialize: false)
                try expect(UInt8(ascii: ":"), "':'")
            }
            _ = try skipValue(depth: depth + 1)
            skipWhitespace()
            guard position < bytes.count else { throw failure("unterminated \(object ? "object" : "array")") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == close {
                position += 1
                return
            } else {
                throw failure(object ? "expected ',' or '}'" : "expected ',' or ']'")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let length = word.utf8CodeUnitCount
        guard position + length <= bytes.count else { throw failure("unexpected end") }
        let matches = bytes[position..<(position + length)].hasPrefix(word)
        guard matches else { throw failure("unexpected character") }
        position += length
    }

    private mutating func number() throws(Failure) {
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw failure("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("invalid number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Reads a string starting at its opening quote; returns its value when `materialize`.
    private mutating func string(materialize: Bool) throws(Failure) -> String? {
        position += 1
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                guard materialize else { return nil }
                return bytes[start..<(position - 1)].string
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("control character in a string") }
            position += 1
        }
        guard position < bytes.count else { throw failure("unterminated string") }
        var output: [UInt8] = []
        if materialize {
            output.reserveCapacity(position - start + 16)
            output.append(bytesOf: bytes[start..<position])
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return materialize ? String(decoding: output, as: UTF8.self) : nil
            }
            if byte < 0x20 { throw failure("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                if materialize { output.append(byte) }
                position += 1
                continue
            }
            position += 1
            guard position < bytes.count else { throw failure("unterminated string") }
            let escaped = bytes[position]
            position += 1
            let simple: UInt8?
            switch escaped {
            case UInt8(ascii: "\""): simple = UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): simple = UInt8(ascii: "\\")
            case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
            case UInt8(ascii: "b"): simple = 0x08
            case UInt8(ascii: "f"): simple = 0x0C
            case UInt8(ascii: "n"): simple = 0x0A
            case UInt8(ascii: "r"): simple = 0x0D
            case UInt8(ascii: "t"): simple = 0x09
            case UInt8(ascii: "u"): simple = nil
            default: throw failure("invalid escape")
            }
            if let simple {
                if materialize { output.append(simple) }
                continue
            }
            let scalar = try unicodeEscape()
            if materialize { output.append(contentsOf: String(Character(scalar)).utf8) }
        }
        throw failure("unterminated string")
    }

    /// Reads the hex digits after `\u` (and a low surrogate's `\uXXXX` after a high one).
    private mutating func unicodeEscape() throws(Failure) -> Unicode.Scalar {
        let first = try hex4()
        switch first {
        case 0xD800...0xDBFF:
            guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            else { throw failure("unpaired surrogate in \\u escape") }
            position += 2
            let second = try hex4()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure("unpaired surrogate in \\u escape") }
            let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw failure("invalid \\u escape") }
            return scalar
        case 0xDC00...0xDFFF:
            throw failure("unpaired surrogate in \\u escape")
        default:
            guard let scalar = Unicode.Scalar(first) else { throw failure("invalid \\u escape") }
            return scalar
        }
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }
}
