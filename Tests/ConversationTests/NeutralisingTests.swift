import Bounces
import Foundation
import Localization
import MailModel
import Sanitizer
import TestSupport
import Testing

@testable import Conversation

/// The one neutralising layer: every class of dangerous character, through the sanitiser itself and
/// through the reply renderers (plain, ANSI, `ask --json`).
@Suite struct NeutralisingTests {
    /// One of each class: C0 controls (ESC, BEL, CR, NUL…), DEL, C1 controls, bidirectional embeddings,
    /// overrides and isolates, zero-width characters.
    static let classes: [(name: String, scalars: [UInt32])] = [
        ("C0", Array(0x00...0x08) + Array(0x0B...0x1F)),
        ("DEL", [0x7F]),
        ("C1", Array(0x80...0x9F)),
        ("bidi", Array(0x202A...0x202E) + Array(0x2066...0x2069)),
        ("zero-width", [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]),
    ]

    static let forbidden: Set<UInt32> = Set(classes.flatMap(\.scalars))

    /// Every dangerous character once, inside text that looks like a record.
    static let hostile: String = {
        var text = "v=spf1 x"
        for scalar in classes.flatMap(\.scalars) { text.unicodeScalars.append(Unicode.Scalar(scalar) ?? "?") }
        return text + "\u{1B}]52;c;aGk=\u{7}\u{1B}[2J -all"
    }()

    /// The dangerous characters left in `text` (none expected).
    static func raw(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { forbidden.contains($0) }
    }

    @Test(arguments: classes.map(\.name))
    func everyCharacterOfTheClassIsMadeVisible(_ name: String) throws {
        let scalars = try #require(Self.classes.first { $0.name == name }).scalars
        for value in scalars {
            let scalar = try #require(Unicode.Scalar(value))
            let text = "ab" + String(Character(scalar)) + "cd"
            let shown = TextSanitizer.neutralize(text)
            #expect(Self.raw(shown).isEmpty, "U+\(String(value, radix: 16)) kept")
            #expect(shown.hasPrefix("ab") && shown.hasSuffix("cd") && shown.unicodeScalars.count == 5)
            #expect(!TextSanitizer.isPlain(text), "U+\(String(value, radix: 16)) not seen by the quick scan")
            #expect(TextSanitizer.isNeutralized(scalar))
        }
    }

    @Test func newlineTabAndOrdinaryTextPassUnchanged() {
        let text = "line one\n\tline two é ü 日本 — “quoted” ‘x’ \u{200D}"
        // U+200D above is a zero-width joiner: the only change.
        #expect(TextSanitizer.neutralize(text) == "line one\n\tline two é ü 日本 — “quoted” ‘x’ �")
        let plain = "mailbox full\n\t550 5.2.2 — quota exceeded ✓ 😀"
        #expect(TextSanitizer.isPlain(plain))
        #expect(TextSanitizer.neutralize(plain) == plain)
        #expect(TextSanitizer.neutralizeLine("a\nb\u{1B}") == "a␊b␛")
    }

    @Test func plainRenderingANSIRenderingAndJSONCarryNoRawCharacter() throws {
        var reply = Reply(
            intent: .check, answer: "Answer " + Self.hostile, question: "Q " + Self.hostile,
            steps: ["step " + Self.hostile],
            sections: [ReplySection(title: "T " + Self.hostile, text: "- FAIL spf: " + Self.hostile)],
            suggestions: ["show " + Self.hostile])
        reply.checks = [
            CheckResult(
                id: .spf, status: .fail, summary: .verbatim("summary " + Self.hostile),
                findings: [
                    Finding(
                        code: FindingCode(rawValue: "spf.syntax"), severity: .fail,
                        message: .verbatim("message " + Self.hostile))
                ],
                data: ["record": .string(Self.hostile)])
        ]
        reply.bounce = BounceParser.parse(Array(Self.bounce.utf8))
        #expect(reply.bounce?.recipients.first?.diagnostic.contains("\u{1B}") == true, "fixture bounce lost its ESC")
        for style in [ReplyRenderer.Style.plain, .ansi] {
            let text = ReplyRenderer(style: style, width: 80).render(reply)
            // The ANSI style adds its own ESC sequences for colours; none comes from the reply.
            let own = text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
            #expect(Self.raw(own).isEmpty, "\(style)")
        }
        let json = ReplyRenderer.json(reply)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var shown: [String] = []
        Self.strings(object, skippingData: true, into: &shown)
        #expect(shown.count > 10)
        for string in shown { #expect(Self.raw(string).isEmpty, "\(string)") }
        // `data` keeps the record byte for byte (JSON-escaped on the wire).
        var data: [String] = []
        Self.strings(object, skippingData: false, into: &data)
        #expect(data.contains(Self.hostile))
        #expect(!json.contains("\u{1B}"))
    }

    @Test func ansiColoursStatusWordsAndPlainDoesNot() {
        let reply = Reply(
            intent: .check, answer: "Two problems.",
            sections: [
                ReplySection(
                    title: "Results",
                    text: "- PASS mx: ok\n- WARN dmarc: p=none\n- FAIL spf: none\n- ERROR dkim: timeout")
            ])
        let ansi = ReplyRenderer(style: .ansi).render(reply)
        #expect(ansi.contains("- \u{1B}[1;32mPASS\u{1B}[0m mx: ok"))
        #expect(ansi.contains("- \u{1B}[1;33mWARN\u{1B}[0m dmarc"))
        #expect(ansi.contains("- \u{1B}[1;31mFAIL\u{1B}[0m spf"))
        #expect(ansi.contains("- \u{1B}[1;31mERROR\u{1B}[0m dkim"))
        let plain = ReplyRenderer(style: .plain).render(reply)
        #expect(!plain.contains("\u{1B}"))
        #expect(plain.contains("- FAIL spf: none"))
    }

    @Test func checkResultsAreCutAndSaySo() {
        let lines = (1...400).map { "- FAIL mx: line \($0) " + String(repeating: "x", count: 60) }
        let text = ConversationEngine.limitedResults(lines, target: "many.test")
        #expect(text.count <= ConversationEngine.resultsLimit + 200)
        #expect(text.contains("(Reply cut: showing"))
        #expect(text.contains("`maildoctor check --json many.test`"))
        #expect(ConversationEngine.limitedResults(["- PASS mx: ok"], target: "x") == "- PASS mx: ok")
    }

    /// A DSN whose diagnostic carries an OSC 52 clipboard write and a bidi override.
    static let bounce = SampleMessages.bobUnknownBounce(
        diagnostic: "550 5.1.1 user unknown \u{1B}]52;c;aGk=\u{7} \u{202E}gnp.exe \u{200B}\u{9B}")

    /// Every string value in a decoded JSON object, optionally skipping members named `data` or `raw`.
    static func strings(_ value: Any, skippingData: Bool, into out: inout [String]) {
        if let string = value as? String {
            out.append(string)
        } else if let array = value as? [Any] {
            for item in array { strings(item, skippingData: skippingData, into: &out) }
        } else if let object = value as? [String: Any] {
            for (key, item) in object where !(skippingData && (key == "data" || key == "raw")) {
                strings(item, skippingData: skippingData, into: &out)
            }
        }
    }
}
