import ByteText
import Foundation

/// Finds host names in error text.
enum HostText {
    /// The remote host named in an error ("host mx.example.jp[192.0.2.1] said", "host mx.example.jp [1.2.3.4]").
    static func remoteHost(in text: String) -> String {
        guard let range = text.rangeOfBytes("host ") else { return "" }
        var token = ""
        for character in text[range.upperBound...] {
            if character == " " || character == "[" || character == "(" || character == ":" || character == "," {
                break
            }
            token.append(character)
        }
        token = token.trimming(".>")
        return isHostName(token) ? token.asciiLowercased : ""
    }

    /// True for a dotted host name with letters in its last label (ASCII only).
    static func isHostName(_ text: String) -> Bool {
        if let result = text.utf8.withContiguousByteView(isHostName(bytes:)) { return result }
        return Array(text.utf8).withByteView(isHostName(bytes:))
    }

    /// True when the last label changes from a lower-case to an upper-case letter ("RecipNotFound"): dotted
    /// status names such as Exchange's `RESOLVER.ADR.RecipNotFound` look like host names, but no top-level
    /// domain is written in camel case.
    static func endsInCamelCase(_ text: String) -> Bool {
        let utf8 = text.utf8
        let label = utf8[(utf8.lastIndex(of: UInt8(ascii: ".")).map { utf8.index(after: $0) } ?? utf8.startIndex)...]
        var previousLower = false
        for byte in label {
            if previousLower && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return true }
            previousLower = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
        }
        return false
    }

    /// True for a byte that may appear in a host name.
    static func isHostByte(_ byte: UInt8) -> Bool {
        ASCII.isAlnum(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
    }

    private static func isHostName(bytes: ByteView) -> Bool {
        guard bytes.count >= 4 else { return false }
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        let trimmed = bytes[0..<end]
        var dots = 0
        var lastLabelLength = 0
        var lastLabelLetters = true
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in trimmed {
            guard isHostByte(byte) else { return false }
            if byte == UInt8(ascii: ".") {
                if previous != UInt8(ascii: ".") { dots += 1 }
                lastLabelLength = 0
                lastLabelLetters = true
            } else {
                lastLabelLength += 1
                if !ASCII.isAlpha(byte) { lastLabelLetters = false }
            }
            previous = byte
        }
        return dots >= 1 && lastLabelLength >= 2 && lastLabelLetters
    }
}
