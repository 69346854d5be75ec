import Foundation
import Testing

@testable import Bounces

/// Byte-level helpers: line breaks, line ranges, search, binary detection, addresses and host names.
@Suite("Bytes")
struct BytesTests {
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

    @Test func binaryDetection() {
        #expect(!BinaryCheck.looksBinary(Array("Subject: hi\r\n\r\nhello\tworld\u{1B}$B\n".utf8)))
        #expect(BinaryCheck.looksBinary([UInt8](repeating: 0, count: 100)))
        #expect(BinaryCheck.looksBinary((0..<4096).map { UInt8($0 % 32) }))
        #expect(!BinaryCheck.looksBinary(Array(String(repeating: "é", count: 5000).utf8)))
    }

    @Test(arguments: [
        ("Bob <bob@example.org>", "bob@example.org"),
        ("rfc822; bob@example.org", "bob@example.org"),
        ("RFC822;<bob@example.org>", "bob@example.org"),
        ("\"Bob Smith\" <bob@example.org>", "bob@example.org"),
        ("\"bob\"@example.org", "bob@example.org"),
        ("\"neko....nyaan\"@example.org", "\"neko....nyaan\"@example.org"),
        ("mailto:bob@example.org,", "bob@example.org"),
        ("bob@example.org", "bob@example.org"),
    ])
    func addressesClean(raw: String, expected: String) {
        #expect(AddressText.clean(raw) == expected)
    }

    @Test func addressValidity() {
        #expect(AddressText.isEmailAddress("bob@example.org"))
        #expect(AddressText.isEmailAddress("postmaster@[192.0.2.1]"))
        #expect(!AddressText.isEmailAddress("bob@localhost"))
        #expect(!AddressText.isEmailAddress("not an address"))
        #expect(AddressText.first(in: "Your message to bob@example.org. has bounced") == "bob@example.org")
        #expect(AddressText.domain(of: "Bob@Example.ORG") == "example.org")
    }

    @Test func hostNames() {
        #expect(HostText.isHostName("mx.example.org"))
        #expect(HostText.isHostName("mx.example.org."))
        #expect(!HostText.isHostName("192.0.2.1"))
        #expect(!HostText.isHostName("bob@example.org"))
        #expect(!HostText.isHostName("localhost"))
        // Dotted status names end in camel case; host names, whatever their case, do not.
        #expect(HostText.endsInCamelCase("RESOLVER.ADR.RecipNotFound"))
        #expect(HostText.endsInCamelCase("STOREDRV.Submission.Exception:SendAsDenied"))
        #expect(!HostText.endsInCamelCase("MX1.EXAMPLE.COM"))
        #expect(!HostText.endsInCamelCase("Mail.Example.Com"))
        #expect(!HostText.endsInCamelCase("mx.example.org"))
        #expect(HostText.remoteHost(in: "host mx.example.org[192.0.2.1] said: 550") == "mx.example.org")
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
