import Foundation
import Sanitizer
import Testing

@testable import Conversation

@Suite struct ReplyRendererTests {
    let reply = Reply(
        intent: .question, answer: "Answer \u{1B}[31mred\u{1B}[0m here.", steps: ["one", "two"],
        articles: [ArticleReference(id: "spf", title: "SPF", score: 3)], suggestions: ["more"])

    @Test func plainNeutralisesEscapesFromText() {
        let text = ReplyRenderer(style: .plain).render(reply)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("␛[31mred"))
        #expect(text.contains("1. one\n2. two"))
        #expect(text.contains("Article: SPF\n"))
        #expect(!text.contains("`spf`"), "no internal id in the footer")
    }

    @Test func ansiStylesHeadingsButNotUserText() {
        let text = ReplyRenderer(style: .ansi).render(reply)
        #expect(text.contains("\u{1B}[1mWhat to do\u{1B}[0m"))
        #expect(!text.contains("\u{1B}[31m"))
    }

    @Test func wrapsToWidth() {
        let long = Reply(intent: .question, answer: String(repeating: "word ", count: 40))
        let lines = ReplyRenderer(width: 30).render(long).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 30 })
    }

    /// An indented continuation line that fits the width on its own but not with its indent is wrapped
    /// too (it used to overflow by the indent, and the terminal broke the last word).
    @Test func continuationLinesFitWithTheirIndent() {
        for width in 30...90 {
            for length in 1...40 {
                let words = (0..<length).map { "w\($0 % 10)" + String(repeating: "x", count: $0 % 7) }
                let text = "  - " + words.joined(separator: " ")
                for line in ReplyRenderer.wrap(text, width: width).split(separator: "\n") {
                    #expect(line.count <= width, "\(width): \(line)")
                }
                let rewrapped = ReplyRenderer.wrap(text, width: width).split(separator: "\n")
                    .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: "") }
                    .joined(separator: " ")
                #expect(rewrapped == words.joined(separator: " "), "a word was broken or lost")
            }
        }
    }

    @Test func jsonHasTheContractFields() {
        let json = ReplyRenderer.json(reply)
        for key in [
            "\"reply\"", "\"intent\"", "\"direction\"", "\"articles\"", "\"bounce\"", "\"checks\"", "\"suggestions\"",
        ] {
            #expect(json.contains(key))
        }
        #expect(!json.contains("\n"))
    }

    @Test func sanitizerCutsLongLinesAndControlCharacters() {
        let text = TextSanitizer.neutralize("a\u{7}b\u{9B}c\r\n" + String(repeating: "x", count: 50), maxLine: 10)
        #expect(text == "a␇b�c␍\nxxxxxxxxxx…")
    }

    /// `isPlain` reads eight bytes at a time; a control character, DEL, C1 control, bidirectional
    /// override or overlong line at any offset within or after a run of plain text is still seen.
    @Test func plainCheckSeesEveryOffset() {
        let plain = "The quick brown fox jumps over the lazy dog, 0123456789 ~"
        #expect(TextSanitizer.isPlain(plain, maxLine: 2_000))
        #expect(TextSanitizer.isPlain(plain + "\n\tnext line é ü 日本", maxLine: 2_000))
        for bad in ["\u{7}", "\u{7F}", "\u{9B}", "\u{202E}", "\u{1B}", "\r"] {
            for offset in 0..<20 {
                var text = plain
                text.insert(contentsOf: bad, at: text.index(text.startIndex, offsetBy: offset))
                #expect(
                    !TextSanitizer.isPlain(text, maxLine: 2_000), "\(bad.unicodeScalars.first?.value ?? 0) at \(offset)"
                )
            }
        }
        for length in 9...40 {
            let line = String(repeating: "x", count: length)
            #expect(TextSanitizer.isPlain(line, maxLine: length + 1) == true)
            #expect(TextSanitizer.isPlain(line, maxLine: length) == false)
            #expect(TextSanitizer.isPlain(line + "\n" + line, maxLine: length + 1) == true)
        }
    }
}
