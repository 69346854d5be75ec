import Bounces
import Foundation
import Knowledge
import Localization
import MailModel
import Sanitizer

/// Renders a reply for a reader: plain text with light Markdown (chat, transcripts), ANSI
/// styling (terminal), or JSON (`ask --json`).
public struct ReplyRenderer: Sendable {
    /// Output styles.
    public enum Style: Sendable {
        /// Plain text with light Markdown, for chat and transcripts.
        case plain
        /// ANSI colours and bold, for a terminal.
        case ansi
    }

    /// The style.
    public var style: Style
    /// Wrap width in columns; `nil` leaves lines as they are.
    public var width: Int?
    /// The translations of the renderer's own labels ("What to do", "You can type:").
    public var strings: StringsTable

    /// Creates a renderer; its labels read in each reply's language when `strings` has them.
    public init(style: Style = .plain, width: Int? = nil, strings: StringsTable = .empty) {
        self.style = style
        self.width = width
        self.strings = strings
    }

    /// The reply as text, its labels in the reply's language.
    public func render(_ reply: Reply) -> String {
        Localizer.$current.withValue(Localizer(language: reply.language, table: strings)) { renderText(reply) }
    }

    private func renderText(_ reply: Reply) -> String {
        let reply = Self.neutralized(reply)
        var text = ""
        text.reserveCapacity(
            reply.answer.utf8.count + reply.steps.reduce(0) { $0 + $1.utf8.count + 8 }
                + reply.sections.reduce(0) { $0 + $1.title.utf8.count + $1.text.utf8.count + 8 } + 256)
        // Blocks are separated by one empty line.
        func block(_ parts: String...) {
            if !text.isEmpty { text += "\n\n" }
            for part in parts { text += part }
        }
        if let note = reply.note { block(dim(note)) }
        block(reply.answer)
        if let question = reply.question { block(bold(question)) }
        if !reply.steps.isEmpty {
            block(heading(tr("What to do")))
            for (offset, step) in reply.steps.enumerated() {
                text += "\n"
                text += String(offset + 1)
                text += ". "
                text += step
            }
        }
        for section in reply.sections { block(heading(section.title), "\n", statusColoured(section.text)) }
        if let next = reply.nextStep { block(bold(next)) }
        let clarifying = reply.question != nil && reply.intent == .question
        if let first = reply.articles.first, !clarifying {
            // Titles, in the person's words; the ids stay in the `show …` commands offered below.
            var line = tr("Article: \(first.title)")
            if reply.articles.count > 1 {
                line += "\n" + tr("Also relevant: ")
                line += reply.articles.dropFirst().map { "“\($0.title)”" }.joined(separator: " · ")
            }
            block(dim(line))
        } else if clarifying, !reply.articles.isEmpty {
            // In the person's words: the topics' titles, never internal ids.
            block(dim(tr("It could be: ") + reply.articles.map { "“\($0.title)”" }.joined(separator: " · ")))
        }
        if !reply.suggestions.isEmpty {
            block(dim(tr("You can type: ") + reply.suggestions.map { "“\($0)”" }.joined(separator: " · ")))
        }
        guard let width, width > 20 else { return text }
        return Self.wrap(text, width: width)
    }

    /// The `ask --json` object for a reply, as one line.
    public static func json(_ reply: Reply, extra: [String: String] = [:], strings: StringsTable = .empty) -> String {
        struct Shape: Encodable {
            var reply: String
            var intent: String
            var direction: String
            var lang: String
            var articles: [ArticleReference]
            var bounce: BounceReport?
            var checks: [CheckResult]
            var suggestions: [String]
            var question: String?
            var steps: [String]

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(reply, forKey: .reply)
                try container.encode(intent, forKey: .intent)
                try container.encode(direction, forKey: .direction)
                try container.encode(lang, forKey: .lang)
                try container.encode(articles, forKey: .articles)
                try container.encode(bounce, forKey: .bounce)
                try container.encode(checks, forKey: .checks)
                try container.encode(suggestions, forKey: .suggestions)
                try container.encode(question, forKey: .question)
                try container.encode(steps, forKey: .steps)
            }

            enum Keys: String, CodingKey {
                case reply, intent, direction, lang, articles, bounce, checks, suggestions, question, steps
            }
        }
        let text = ReplyRenderer(style: .plain, strings: strings).render(reply)
        let reply = neutralized(reply)
        let shape = Shape(
            reply: text, intent: reply.intent.rawValue, direction: reply.direction.rawValue, lang: reply.language.code,
            articles: reply.articles, bounce: reply.bounce, checks: reply.checks, suggestions: reply.suggestions,
            question: reply.question ?? reply.nextStep, steps: reply.steps)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(shape) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The reply with every text field made safe to show (``TextSanitizer``): the texts, the bounce report
    /// and the check results' summaries and findings. Check `data` stays as it is.
    public static func neutralized(_ reply: Reply) -> Reply {
        var copy = reply
        let clean = { (text: String) in TextSanitizer.neutralize(text) }
        copy.answer = clean(reply.answer)
        copy.question = reply.question.map(clean)
        copy.nextStep = reply.nextStep.map(clean)
        copy.note = reply.note.map(clean)
        copy.steps = reply.steps.map(clean)
        copy.sections = reply.sections.map { ReplySection(title: clean($0.title), text: clean($0.text)) }
        copy.suggestions = reply.suggestions.map(clean)
        copy.bounce = reply.bounce?.neutralized()
        copy.checks = reply.checks.map { $0.neutralized() }
        copy.articles = reply.articles.map { article in
            var article = article
            article.title = clean(article.title)
            return article
        }
        return copy
    }

    /// ANSI colours: PASS green, WARN yellow, FAIL and ERROR red, INFO plain.
    static let statusColours: [(word: String, code: String)] = [
        ("PASS", "32"), ("WARN", "33"), ("FAIL", "31"), ("ERROR", "31"),
    ]

    /// In the ANSI style, the status word at the start of each result line ("- FAIL mx: …") in its colour.
    private func statusColoured(_ text: String) -> String {
        guard style == .ansi, text.contains("- ") else { return text }
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let body = line.drop { $0 == " " }
            guard body.hasPrefix("- "),
                let status = Self.statusColours.first(where: { body.dropFirst(2).hasPrefix($0.word + " ") })
            else {
                lines.append(String(line))
                continue
            }
            let indent = line[line.startIndex..<body.startIndex]
            let rest = body.dropFirst(2 + status.word.count)
            lines.append("\(indent)- \u{1B}[1;\(status.code)m\(status.word)\u{1B}[0m\(rest)")
        }
        return lines.joined(separator: "\n")
    }

    private func heading(_ text: String) -> String {
        style == .ansi ? "\u{1B}[1m\(text)\u{1B}[0m" : "**\(text)**"
    }

    private func bold(_ text: String) -> String {
        style == .ansi ? "\u{1B}[1;36m\(text)\u{1B}[0m" : text
    }

    private func dim(_ text: String) -> String {
        style == .ansi ? "\u{1B}[2m\(text)\u{1B}[0m" : text
    }

    /// Wraps each line at `width` columns on spaces, keeping list indentation; no line is longer than `width`
    /// unless one word alone is.
    public static func wrap(_ text: String, width: Int) -> String {
        var out: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = String(line)
            let indentCount = rest.prefix { $0 == " " || $0 == "-" || $0.isNumber || $0 == "." }.count
            let indent = String(repeating: " ", count: min(indentCount, 8))
            var first = true
            // Continuation lines are indented: their room is the width less the indent.
            while visibleLength(rest) > (first ? width : width - indent.count) {
                let limit = first ? width : width - indent.count
                var cutIndex: String.Index?
                var count = 0
                var index = rest.startIndex
                var inEscape = false
                while index < rest.endIndex {
                    let character = rest[index]
                    if character == "\u{1B}" { inEscape = true }
                    if !inEscape {
                        if character == " " { cutIndex = index }
                        count += 1
                        if count > limit { break }
                    } else if character.isLetter {
                        inEscape = false
                    }
                    index = rest.index(after: index)
                }
                guard let cut = cutIndex, cut > rest.startIndex else { break }
                out.append((first ? "" : indent) + rest[..<cut])
                rest = String(rest[rest.index(after: cut)...])
                first = false
            }
            out.append((first ? "" : indent) + rest)
        }
        return out.joined(separator: "\n")
    }

    private static func visibleLength(_ text: String) -> Int {
        var count = 0
        var inEscape = false
        for character in text {
            if character == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                if character.isLetter { inEscape = false }
            } else {
                count += 1
            }
        }
        return count
    }
}
