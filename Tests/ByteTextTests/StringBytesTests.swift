import Testing

@testable import ByteText

/// The named byte-wise string functions against the standard library, on the edge cases.
@Suite struct StringBytesTests {
    @Test func containsAndRange() {
        #expect("".containsBytes(""))
        #expect(!"".containsBytes("a"))
        #expect("abc".containsBytes(""))
        #expect(!"ab".containsBytes("abc"))
        #expect("the quick fox".containsBytes("quick"))
        #expect("the quick fox"[...].containsBytes("fox"[...]))
        #expect(!"Quick".containsBytes("quick"))
        // Bytes, not characters: "e" + combining acute contains "e" by bytes, not by characters.
        let composed = "cafe\u{301}"
        #expect(composed.containsBytes("cafe"))
        #expect("日本語のテキスト".containsBytes("テキ"))
        let text = "a-b-c"
        #expect(text.rangeOfBytes("-").map { text[$0] } == "-")
        #expect(text.rangeOfBytes("-").map { text.distance(from: text.startIndex, to: $0.lowerBound) } == 1)
        #expect(text.lastRangeOfBytes("-").map { text.distance(from: text.startIndex, to: $0.lowerBound) } == 3)
        #expect(text.lastRangeOfBytes("") == nil)
        #expect(text.rangeOfBytes("") == text.startIndex..<text.startIndex)
        #expect(text.rangeOfBytes("x") == nil)
    }

    @Test func suffixesAndPrefixes() {
        #expect("mx.example.org".hasSuffixBytes(".org"))
        #expect(!"org".hasSuffixBytes("x.org"))
        #expect("abc".hasSuffixBytes(""))
        #expect("HeLLo world".hasPrefixIgnoringASCIICase("hello"))
        #expect(!"hé".hasPrefixIgnoringASCIICase("HÉ"))  // case folding is for ASCII only
        #expect(!"he".hasPrefixIgnoringASCIICase("hello"))
        #expect("v=DMARC1".hasPrefixIgnoringCase("v=dmarc1"))
    }

    @Test func asciiCase() {
        #expect("HeLLo É".asciiLowercased == "hello É")
        #expect("hello é".asciiUppercased == "HELLO é")
        #expect("".asciiLowercased == "")
        #expect(ASCII.lowercased(Array("ABC\u{FF}".utf8)) == Array("abc\u{FF}".utf8))
        #expect(ASCII.equalsLowered(Array("Content-Type".utf8), Array("content-type".utf8)))
        #expect("plain".isASCII && !"plaïn".isASCII && "".isASCII)
    }

    @Test func trimming() {
        #expect("  a b \t\n".trimmed == "a b")
        #expect("\u{00A0}a\u{00A0}".trimmed == "a")  // a no-break space is white space by characters
        #expect("--a--".trimmed("-") == "a")
        #expect("".trimmed == "")
        #expect(" \r\na\t ".trimmingCharactersBlank() == "a")
        #expect("\u{0B}a".trimmingCharactersBlank() == "\u{0B}a")  // only space, tab, CR, LF
        #expect("\u{2003}a\u{2003}".trimmingWhitespace() == "a")
        #expect(Array(" \tab\r\n".utf8).trimmedBytes() == Array("ab".utf8))
        #expect([UInt8]().trimmedBytes().isEmpty)
    }

    @Test func tokens() {
        #expect("one  two three".spaceSeparatedCount(limit: 10) == 3)
        #expect("one two three".spaceSeparatedCount(limit: 1) == 2)
        #expect("ab1 cd".asciiTokens(where: ASCII.isAlpha) == ["ab", "cd"])
        #expect("é".asciiTokens(where: ASCII.isAlpha) == nil)
        #expect("abc".hasAtMost(characters: 3) && !"abcd".hasAtMost(characters: 3))
        #expect("e\u{301}e\u{301}".hasAtMost(characters: 2))
    }

    @Test func invalidUTF8() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62]
        #expect(bytes.utf8String == "a\u{FFFD}b")
        #expect(ByteSearch.find([0xFF], in: bytes) == 1)
        #expect(ByteSearch.find([0x61, 0x62, 0x63, 0x64], in: bytes) == nil)
        #expect(ByteSearch.count([0x61], in: [0x61, 0x61, 0x61]) == 3)
    }
}
