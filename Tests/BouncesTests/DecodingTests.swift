import Foundation
import Testing

@testable import Bounces

/// Transfer encodings, RFC 2047 words and charsets: decoding never fails and falls back sensibly.
@Suite("Decoding")
struct DecodingTests {
    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func base64DecodesAndSkipsJunk() {
        #expect(Self.text(Base64.decode(Array("SGVsbG8sIHdvcmxkIQ==".utf8))) == "Hello, world!")
        #expect(Self.text(Base64.decode(Array("SGVs\r\nbG8s IHdv\ncmxk IQ==".utf8))) == "Hello, world!")
        // Missing padding and stray characters still decode what is there.
        #expect(Self.text(Base64.decode(Array("SGVsbG8*".utf8))).hasPrefix("Hello"))
        #expect(Base64.decode(Array("".utf8)).isEmpty)
    }

    @Test func quotedPrintableDecodes() {
        #expect(Self.text(QuotedPrintable.decode(Array("caf=C3=A9 =3D ok".utf8))) == "café = ok")
        #expect(Self.text(QuotedPrintable.decode(Array("soft=\r\nbreak".utf8))) == "softbreak")
        #expect(Self.text(QuotedPrintable.decode(Array("bad =ZZ escape=".utf8))) == "bad =ZZ escape")
        #expect(Self.text(QuotedPrintable.decode(Array("a_b".utf8), underscoreIsSpace: true)) == "a b")
        // Bodies are copied run by run between "=" signs: the edges of runs.
        #expect(QuotedPrintable.decode([UInt8]()).isEmpty)
        #expect(Self.text(QuotedPrintable.decode(Array("no escapes at all_".utf8))) == "no escapes at all_")
        #expect(Self.text(QuotedPrintable.decode(Array("=41=42tail".utf8))) == "ABtail")
        #expect(Self.text(QuotedPrintable.decode(Array("line one=\nline two=20".utf8))) == "line oneline two ")
        #expect(Self.text(QuotedPrintable.decode(Array("trailing =4".utf8))) == "trailing =4")
    }

    @Test func utf7Decodes() {
        #expect(Self.text(UTF7.decode(Array("+ANw-nknown +ZeVnLA-".utf8))) == "Ünknown 日本")
        #expect(Self.text(UTF7.decode(Array("a+-b".utf8))) == "a+b")
        // A broken shift sequence does not stop the decoder.
        #expect(!UTF7.decode(Array("+!!!- tail".utf8)).isEmpty)
    }

    @Test(
        arguments: [
            ("iso-2022-jp", Array("\u{1B}$BEE;R%a!<%k$OG[?.$5$l$^$;$s$G$7$?\u{1B}(B".utf8), "電子メールは配信されませんでした"),
            ("shift_jis", [147, 100, 142, 113, 131, 129, 129, 91, 131, 139], "電子メール"),
            ("windows-1251", [207, 232, 241, 252, 236, 238], "Письмо"),
            ("iso-8859-2", [90, 97, 191, 243, 179, 230], "Zażółć"),
            ("iso-8859-1", [102, 252, 114], "für"),
            ("windows-1252", [150, 32, 147, 113, 148], "– “q”"),
            ("cp1252", [252], "ü"),
            ("utf-7", Array("+ANw-nknown".utf8), "Ünknown"),
            ("utf-8", Array("déjà".utf8), "déjà"),
        ] as [(String, [UInt8], String)])
    func charsetConverts(charset: String, bytes: [UInt8], expected: String) {
        #expect(Self.text(Charset.toUTF8(bytes, charset: charset)) == expected)
    }

    @Test("windows-1252 decodes as Foundation does, every byte and undefined ones included")
    func windows1252MatchesFoundation() {
        for byte in 0...255 {
            let bytes: [UInt8] = [0x41, UInt8(byte), 0x42]
            let expected = String(data: Data(bytes), encoding: .windowsCP1252).map { Array($0.utf8) }
            #expect(Charset.windows1252(bytes) == expected, "byte \(byte)")
        }
        let sample: [UInt8] = Array("Caf".utf8) + [0xE9, 0x20, 0x80, 0x20, 0x93, 0x71, 0x94, 0x20, 0x9F, 0xFF]
        #expect(
            Charset.windows1252(sample) == String(data: Data(sample), encoding: .windowsCP1252).map { Array($0.utf8) })
        #expect(Charset.toUTF8(sample, charset: "ISO-8859-1") == Charset.windows1252(sample))
        #expect(Charset.toUTF8([0x61, 0x81], charset: "iso-8859-1") == Charset.latin1([0x61, 0x81]))
    }

    @Test func unknownCharsetsFallBackNeverFail() {
        // Unknown label with valid UTF-8 keeps the UTF-8; with invalid UTF-8 falls back to latin-1.
        #expect(Self.text(Charset.toUTF8(Array("naïve".utf8), charset: "x-nonsense")) == "naïve")
        #expect(Self.text(Charset.toUTF8([0x6E, 0x61, 0xEF, 0x76, 0x65], charset: "x-nonsense")) == "naïve")
        #expect(Self.text(Charset.toUTF8([0x6E, 0x61, 0xEF, 0x76, 0x65], charset: nil)) == "naïve")
        // A declared charset that does not fit the bytes still yields text.
        #expect(!Charset.toUTF8([0x1B, 0x24, 0x42, 0xFF, 0xFE], charset: "iso-2022-jp").isEmpty)
    }

    @Test func charsetLabelsNormalise() {
        #expect(Charset.normalise("\"UTF8\"") == "utf-8")
        #expect(Charset.normalise("ISO8859-1") == "iso-8859-1")
        #expect(Charset.normalise("CP1251") == "windows-1251")
        #expect(Charset.normalise("x-sjis") == "x-sjis")
    }

    @Test func encodedWordsDecode() {
        let cases: [(String, String)] = [
            ("=?UTF-8?B?RMOpbGl2cmFuY2U=?=", "Délivrance"),
            ("=?iso-8859-1?Q?Unzustellbar:_f=FCr_Sie?=", "Unzustellbar: für Sie"),
            ("=?ISO-2022-JP?B?GyRCTCRBdz8uGyhC?= test", "未送信 test"),
            ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
            ("plain text", "plain text"),
            ("=?broken", "=?broken"),
        ]
        for (input, expected) in cases {
            #expect(Self.text(EncodedWords.decode(Array(input.utf8))) == expected, "\(input)")
        }
    }

    @Test func htmlBecomesText() {
        let html = Array("<html><body><p>550 5.1.1&nbsp;User&#32;unknown</p><br>bye</body></html>".utf8)
        let text = Self.text(HTMLText.plainText(html))
        #expect(text.contains("550 5.1.1"))
        #expect(text.contains("unknown"))
        #expect(!text.contains("<p>"))
    }
}
