import Testing

@testable import ByteText

/// Lines, the searcher and the whitespace sweep (moved here from BouncesTests).
@Suite("Byte helpers")
struct ByteHelperTests {
    @Test(arguments: [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"), ("\r\r\n\r", "\n\n\n"), ("plain\n", "plain\n"), ("end\r", "end\n"), ("", ""),
    ])
    func lineBreaksNormalise(input: String, expected: String) {
        #expect(String(decoding: Lines.normaliseBreaks(Array(input.utf8)), as: UTF8.self) == expected)
    }

    @Test func lineRanges() {
        let buffer = Array("one\n\nthree\nfour".utf8)
        let lines = Lines.ranges(buffer).map { String(decoding: buffer[$0], as: UTF8.self) }
        #expect(lines == ["one", "", "three", "four"])
        #expect(Lines.ranges([]).isEmpty)
    }

    @Test func byteSearch() {
        let haystack = Array("the quick brown fox".utf8)
        #expect(ByteSearch.find(Array("quick".utf8), in: haystack) == 4)
        #expect(ByteSearch.find(Array("fox".utf8), in: haystack, from: 17) == nil)
        #expect(ByteSearch.containsInOrder(haystack, [Array("the".utf8), Array("fox".utf8)]))
        #expect(!ByteSearch.containsInOrder(haystack, [Array("fox".utf8), Array("the".utf8)]))
    }

    @Test func sweepCollapsesBlanksAndCutsBoundaryRemnants() {
        #expect(TextTools.sweep("  550 \t5.1.1\n\n user   unknown  ") == "550 5.1.1 user unknown")
        #expect(TextTools.sweep("") == "")
        // A " --boundary" remnant and everything after it go.
        #expect(TextTools.sweep("550 user unknown --=_Part_1234_5678 more") == "550 user unknown")
        #expect(TextTools.sweep("550 user unknown ----- Original message -----") == "550 user unknown")
        // "--" inside a word, at the very end, or followed by a space only is kept.
        #expect(TextTools.sweep("see a--b for details here") == "see a--b for details here")
        #expect(TextTools.sweep("rejected -- see policy") == "rejected -- see policy")
        #expect(TextTools.sweep("text ending in --") == "text ending in --")
        #expect(TextTools.sweep("a -- b --xyz") == "a -- b")
    }

    @Test func sweepKeepsSweptTextAndIsIdempotent() {
        // Already swept: returned as it is (one space between words, single hyphens, other controls kept).
        for text in ["550 5.1.1 user unknown", "x", "a-b - c", "5.7.1 \u{0B}vertical tab kept", "日本語 の テキスト"] {
            #expect(TextTools.sweep(text) == text)
        }
        // Each rule applied once gives text that sweeping again leaves alone.
        let samples = [
            " lead", "trail ", "two  spaces", "tab\there", "line\nbreak", "cr\rhere", "a -- b --xyz", "end --",
            "see a--b", "--=_Part_1 only", "x ---- y", "- -- --- ----", "\t\n \r",
        ]
        for text in samples {
            let once = TextTools.sweep(text)
            #expect(TextTools.sweep(once) == once, "\(text.debugDescription) -> \(once.debugDescription)")
        }
    }
}
