import Testing

@testable import ByteText

/// JSON escaping: the 8-bytes-at-a-time check must agree with a byte-by-byte one everywhere (moved from
/// BouncesTests), and the two control-escape styles.
@Suite struct JSONWriterTests {
    private static func naive(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C } }

    @Test func everyEscapedByteAtEveryOffsetIsFound() {
        let plain: [UInt8] = Array("Mailbox full: 552 5.2.2 ÿ €".utf8)  // bytes ≥ 0x80 must not look special
        for length in 1...24 {
            let base = (0..<length).map { plain[$0 % plain.count] }
            #expect(
                base.withUnsafeBufferPointer(JSONWriter.needsEscape) == Self.naive(base),
                "plain text of \(length) bytes")
            for offset in 0..<length {
                for bad in [UInt8(0x00), 0x09, 0x0A, 0x1F, 0x22, 0x5C] {
                    var bytes = base
                    bytes[offset] = bad
                    #expect(
                        bytes.withUnsafeBufferPointer(JSONWriter.needsEscape), "byte \(bad) at \(offset) of \(length)")
                }
            }
        }
        // Neighbours of the escaped bytes are not escaped.
        let neighbours: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xFF]
        #expect(!neighbours.withUnsafeBufferPointer(JSONWriter.needsEscape))
    }

    @Test func controlStyles() {
        var short = JSONWriter()
        short.string("a\u{08}b\u{0C}c\u{01}\"\\\n\r\t/")
        #expect(String(decoding: short.bytes, as: UTF8.self) == #""a\bb\fc\u0001\"\\\n\r\t/""#)
        var unicode = JSONWriter()
        unicode.string("a\u{08}b\u{0C}c", controls: .unicode)
        #expect(String(decoding: unicode.bytes, as: UTF8.self) == #""a\u0008b\u000cc""#)
    }

    @Test func emptyAndNonASCII() {
        var writer = JSONWriter()
        writer.string("")
        writer.raw(",")
        writer.string("ünï €")
        writer.raw(",")
        writer.string(nil)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "\"\",\"ünï €\",null")
    }

    @Test func membersGetCommas() {
        var writer = JSONWriter()
        writer.openObject()
        writer.member("a")
        writer.bool(true)
        writer.member("b")
        writer.number(2)
        writer.member("c")
        writer.number(2.5)
        writer.closeObject()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":true,"b":2,"c":2.5}"#)
    }
}
