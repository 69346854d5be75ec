import Testing

@testable import Probes

@Suite struct SafeTextTests {
    @Test func controlCharactersBecomeVisibleEscapes() {
        #expect(SafeText.clean("220 ok\u{1B}[31mRED\u{7}") == "220 ok\\x1b[31mRED\\x07")
        #expect(SafeText.clean("a\rb\nc\u{0}d") == "a\\x0db\\x0ac\\x00d")
        #expect(SafeText.clean("tab\there") == "tab here")
    }

    @Test func c1ControlsAndBidiOverridesAreNeutralised() {
        #expect(SafeText.clean("x\u{9B}31m") == "x\\x9b31m")
        #expect(SafeText.clean("evil\u{202E}txt.exe") == "evil\\u{202e}txt.exe")
        #expect(SafeText.clean("\u{2066}a\u{2069}") == "\\u{2066}a\\u{2069}")
        #expect(SafeText.clean("pay\u{200B}pal\u{FEFF}\u{2060}") == "pay\\u{200b}pal\\u{feff}\\u{2060}")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let bytes: [UInt8] = [0x32, 0x32, 0x30, 0x20, 0xFF, 0xFE, 0x41]
        #expect(SafeText.clean(bytes) == "220 \u{FFFD}\u{FFFD}A")
    }

    @Test func overlongTextIsCutWithANote() {
        let long = String(repeating: "A", count: 500)
        let cleaned = SafeText.clean(long, limit: 10)
        #expect(cleaned == "AAAAAAAAAA… [490 more characters cut]")
    }

    @Test func ordinaryTextIsUnchanged() {
        let text = "220 mx.example.com ESMTP Postfix (Debian/GNU) – bienvenue"
        #expect(SafeText.clean(text) == text)
        #expect(SafeText.isClean(text))
        #expect(!SafeText.isClean("a\u{1B}b"))
    }
}
