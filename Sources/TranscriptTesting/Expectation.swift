import Conversation
import Foundation
import MailModel

/// What a reply must do at one turn, written by the scenario's author as a `?` line under the message:
///
/// ```
/// > could you have a look at the dns of null.mx.test?
/// ? check mx null.mx.test
/// ? says null mx
/// ```
///
/// - `? check IDS TARGET`: the reply runs at least the checks `IDS` (`mx,spf`, or `any`) on `TARGET`.
/// - `? no-check`: the reply runs no check.
/// - `? article ID`: the reply is about this article (its first article reference).
/// - `? says TEXT`: the reply contains `TEXT` (case-insensitive).
/// - `? asks`: the reply asks the person something.
///
/// Every turn is also held to the rule that needs no line: it is not a dead end ("I can't help with that").
public enum Expectation: Sendable, Equatable {
    case check(ids: [String], target: String)
    case noCheck
    case article(String)
    case says(String)
    case asks

    /// The kind of failure, as counted by the scorecard.
    public enum Defect: String, Sendable, CaseIterable, Comparable {
        /// The reply is a dead end: it understood nothing of the message.
        case fallback
        /// A check was asked for (or agreed to) and did not run, or ran on the wrong target.
        case checkNotRun = "check-not-run"
        /// A check ran where none should.
        case unwantedCheck = "unwanted-check"
        /// A fact or a value the reply had to give is missing.
        case factMissing = "fact-missing"
        /// The reply is about another article.
        case wrongArticle = "wrong-article"
        /// The reply had to ask something and did not.
        case noQuestion = "no-question"
        /// The reply is not in the language of the scenario (its folder: `fr/`, `de/`…), or has English left.
        case wrongLanguage = "wrong-language"

        /// Defects sort in the order they are declared (the scorecard's column order).
        public static func < (left: Defect, right: Defect) -> Bool {
            allCases.firstIndex(of: left) ?? 0 < allCases.firstIndex(of: right) ?? 0
        }
    }

    /// Parses the text after `? `; throws a message saying what is wrong.
    public static func parse(_ text: String) throws(ExpectationError) -> Expectation {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = parts.first else { throw ExpectationError("an empty '?' line") }
        let rest = parts.dropFirst().joined(separator: " ")
        switch verb {
        case "check":
            guard parts.count == 3 else { throw ExpectationError("'? check IDS TARGET' takes two words: \(text)") }
            let ids = parts[1].split(separator: ",").map { String($0).lowercased() }
            for id in ids where id != "any" && CheckID(rawValue: id) == nil {
                throw ExpectationError("unknown check '\(id)' in '\(text)'")
            }
            return .check(ids: ids, target: parts[2].lowercased())
        case "no-check": return .noCheck
        case "article":
            guard parts.count == 2 else { throw ExpectationError("'? article ID' takes one id: \(text)") }
            return .article(parts[1])
        case "says":
            guard !rest.isEmpty else { throw ExpectationError("'? says TEXT' needs a text") }
            return .says(rest)
        case "asks": return .asks
        default:
            throw ExpectationError("unknown expectation '\(verb)'; known: check, no-check, article, says, asks")
        }
    }

    /// The line as written in a transcript, without the `? `.
    public var text: String {
        switch self {
        case .check(let ids, let target): "check \(ids.joined(separator: ",")) \(target)"
        case .noCheck: "no-check"
        case .article(let id): "article \(id)"
        case .says(let text): "says \(text)"
        case .asks: "asks"
        }
    }

    /// Whether a reply is a dead end: it recognised nothing in the message and says so.
    public static func isFallback(_ reply: Reply) -> Bool {
        reply.intent == .unknown
    }

    /// The defect when `reply` (rendered as `rendered`) does not meet this expectation; nil when it does.
    public func defect(in reply: Reply, rendered: String) -> (Defect, String)? {
        switch self {
        case .check(let ids, let target):
            let ran = Set(reply.checks.map(\.id.rawValue))
            guard !ran.isEmpty else { return (.checkNotRun, "no check ran (expected \(text))") }
            let missing = ids.filter { $0 != "any" && !ran.contains($0) }
            if !missing.isEmpty {
                return (
                    .checkNotRun, "ran \(ran.sorted().joined(separator: ",")), not \(missing.joined(separator: ","))"
                )
            }
            let checked = reply.checkedTarget ?? "nothing"
            if !Self.sameTarget(checked, target) {
                return (.checkNotRun, "checks ran on \(checked), not \(target)")
            }
            return nil
        case .noCheck:
            return reply.checks.isEmpty ? nil : (.unwantedCheck, "a check ran: \(reply.checks.map(\.id.rawValue))")
        case .article(let id):
            let first = reply.articles.first?.id
            return first == id ? nil : (.wrongArticle, "article \(first ?? "none"), expected \(id)")
        case .says(let fact):
            return rendered.lowercased().contains(fact.lowercased()) ? nil : (.factMissing, "does not say “\(fact)”")
        case .asks:
            let asks = reply.question != nil || (reply.nextStep?.contains("?") ?? false) || reply.answer.contains("?")
            return asks ? nil : (.noQuestion, "asks nothing")
        }
    }

    /// A check's target matches the expected one: the same name, or a host of the expected domain
    /// (`mail.dialog.test` for `dialog.test`), or the other way round.
    public static func sameTarget(_ actual: String, _ expected: String) -> Bool {
        let actual = actual.trimmingCharacters(in: CharacterSet(charactersIn: ".")).lowercased()
        let expected = expected.trimmingCharacters(in: CharacterSet(charactersIn: ".")).lowercased()
        let host = { (text: String) in text.split(separator: ":").first.map(String.init) ?? text }
        let (a, e) = (host(actual), host(expected))
        return a == e || a.hasSuffix("." + e) || e.hasSuffix("." + a)
    }
}

/// A malformed `?` line.
public struct ExpectationError: Error, Sendable, Equatable {
    /// What is wrong.
    public var message: String

    init(_ message: String) { self.message = message }
}
