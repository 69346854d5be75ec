import Testing

@testable import Checks

/// The SPF record parser: structure, and syntax errors with their positions.
@Suite("SPFParser")
struct SPFParserTests {
    @Test("a record with every mechanism and modifier")
    func full() throws {
        let record = try SPFParser.parse(
            "v=spf1 +a mx/24 -ptr:example.com ~ip4:192.0.2.0/24 ?ip6:2001:db8::/32 include:_spf.example.com exists:%{i}.x.example.com a:mail.example.com/28//64 redirect=other.example.com exp=exp.example.com foo=bar"
        )
        #expect(record.mechanisms.count == 8)
        #expect(record.mechanisms[0].kind == .a(domain: nil, cidr4: nil, cidr6: nil))
        #expect(record.mechanisms[1].kind == .mx(domain: nil, cidr4: 24, cidr6: nil))
        #expect(record.mechanisms[2].qualifier == .fail)
        #expect(record.mechanisms[3].qualifier == .softfail)
        #expect(record.mechanisms[4].qualifier == .neutral)
        guard case .a(let domain?, 28, 64) = record.mechanisms[7].kind else {
            Issue.record("dual CIDR not parsed: \(record.mechanisms[7].kind)")
            return
        }
        #expect(domain.literalValue == "mail.example.com")
        #expect(record.redirect?.text == "other.example.com")
        #expect(record.explanation?.text == "exp.example.com")
        #expect(record.modifiers.count == 3)
        #expect(record.mechanisms.filter(\.countsAsLookup).count == 6)
        #expect(record.mechanisms[6].position == 96)
    }

    @Test(
        "syntax errors name the position",
        arguments: [
            ("v=spf1 ip4:192.0.2.300 -all", 12, "IPv4"),
            ("v=spf1 a mx foo -all", 13, "unknown mechanism"),
            ("v=spf1 -all.", 9, "unknown mechanism"),
            ("v=spf1 ip4:192.0.2.1/33", 22, "too large"),
            ("v=spf1 a/024", 10, "leading zero"),
            ("v=spf1 include", 15, "needs a domain"),
            ("v=spf1 exists:%{x}.example.com", 17, "unknown macro letter"),
            ("v=spf1 a:example.com%", 21, "lone"),
            ("v=spf1 redirect=a.example.com redirect=b.example.com", 31, "only once"),
            ("v=spf1 a:museum", 10, "fully qualified"),
            ("v=spf1 a:example.123", 10, "top-level"),
            ("v=spf1 redirect:example.com", 8, "modifiers are written with"),
            ("v=spf1 ip6:2001:db8::/129", 23, "too large"),
            ("v=spf1 exists:%{i0}.example.com", 18, "at least 1"),
            ("v=spf1 a:ex\u{e4}mple.com", 12, "ASCII"),
        ])
    func errors(_ text: String, _ position: Int, _ fragment: String) {
        do {
            let record = try SPFParser.parse(text)
            Issue.record("\"\(text)\" parsed as \(record)")
        } catch {
            #expect(error.position == position, "\(error)")
            #expect(error.message.contains(fragment), "\(error)")
        }
    }

    @Test("record selection: v=spf1 followed by a space or the end, any case")
    func selection() {
        #expect(SPFRecord.isSPF("v=spf1"))
        #expect(SPFRecord.isSPF("V=SPF1 -all"))
        #expect(!SPFRecord.isSPF("v=spf10"))
        #expect(!SPFRecord.isSPF("v=spf1mx"))
        #expect(!SPFRecord.isSPF("spf2.0/pra -all"))
    }

    @Test("macro strings: escapes, transformers, URL escaping")
    func macros() throws {
        let parsed = try SPFMacroString.parse("%{L2r-}.%%%_%-%{d}")
        #expect(parsed.hasMacros)
        #expect(parsed.literalValue == nil)
        guard case .macro(let macro) = parsed.tokens[0] else {
            Issue.record("first token is not a macro")
            return
        }
        #expect(macro.letter == "l")
        #expect(macro.urlEscape)
        #expect(macro.rightParts == 2)
        #expect(macro.reverse)
        #expect(macro.delimiters == ["-"])
        #expect(SPFMacroContext.transform("a-b-c", macro) == "b.a")
        #expect(SPFMacroContext.urlEscape("a b&c~") == "a%20b%26c~")
        #expect(try SPFMacroString.parse("%%x%_%-").literalValue == "%x %20")
        #expect(throws: SPFSyntaxError.self) { try SPFMacroString.parse("%{c}") }
        #expect(try SPFMacroString.parse("%{c} %{r} %{t}", explanation: true).hasMacros)
        let long = String(repeating: "label.", count: 50) + "example.com"
        #expect(SPFMacroContext.truncateDomain(long).utf8.count <= 253)
        #expect(SPFMacroContext.truncateDomain(long).hasSuffix(".example.com"))
    }
}
