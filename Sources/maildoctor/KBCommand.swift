import ArgumentParser
import Conversation
import Foundation
import Knowledge
import Localization

/// `maildoctor kb`: knowledge-base tools.
struct KB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Knowledge-base tools: lint, list, show, search.",
        subcommands: [Lint.self, List.self, Show.self, Search.self])

    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check every article against the contract; exit 1 on any problem.",
            discussion: "Example: maildoctor kb lint --kb KnowledgeBase")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let base = try global.settings().knowledgeBase(reportProblems: false)
            let problems = Validator.problems(in: base, index: SearchIndex(base: base))
            for problem in problems { print(problem) }
            let examples = base.articles.reduce(0) { $0 + $1.examples.count }
            print(
                "\(base.articles.count) articles, \(examples) examples, \(base.intents.count) intents, \(base.providers.count) providers: "
                    + (problems.isEmpty ? "no problems" : "\(problems.count) problems"))
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List articles: id, tags, title.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let knowledge = try global.settings().knowledge()
            for article in knowledge.base.articles {
                let tags = article.tags.map(\.rawValue).sorted().joined(separator: ",")
                print(
                    "\(article.id.padding(toLength: 22, withPad: " ", startingAt: 0)) \(tags.padding(toLength: 18, withPad: " ", startingAt: 0)) \(knowledge.provider.render(article.title))"
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print one article with the provider's values filled in.",
            discussion: "Example: maildoctor kb show smtp-550-5.7.26")

        @Argument(help: "Article id.") var id: String
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let knowledge = try global.settings().knowledge()
            guard let article = knowledge.article(id) else {
                throw ValidationError("no article '\(id)'; see `maildoctor kb list`")
            }
            print("# \(article.title)\n")
            print(
                "id: \(article.id) · tags: \(article.tags.map(\.rawValue).sorted().joined(separator: ", ")) · codes: \(article.codes.joined(separator: ", "))"
            )
            print(
                "checks: \(article.checks.joined(separator: ", ")) · related: \(article.related.joined(separator: ", "))\n"
            )
            print(article.summary + "\n")
            print(article.body)
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Rank articles for a text; --explain shows why each scored.",
            discussion: "Example: maildoctor kb search --explain \"emails bounce with 550 5.7.1\"")

        @Flag(help: "Show the terms, codes and boosts behind each score.") var explain = false
        @Option(help: "How many articles to show.") var limit = 5
        @Argument(help: "The text to match.") var text: [String]
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let knowledge = try global.settings().knowledge()
            let result = knowledge.index.search(text.joined(separator: " "), limit: limit, explain: explain)
            let codes = result.codes.map { $0.parts.joined(separator: " ") }.joined(separator: ", ")
            print(
                "direction: \(result.direction.rawValue) · language: \(result.language.rawValue) · codes: \(codes.isEmpty ? "none" : codes) · confidence: \(result.confidence.rawValue)"
                    + (result.clarification.map { " (ask: \($0.rawValue))" } ?? ""))
            for (rank, hit) in result.hits.enumerated() {
                print(String(format: "%2d. %7.2f  %@  %@", rank + 1, hit.score, hit.id, hit.title))
                for part in hit.explanation {
                    let value = part.detail == "×" ? "×\(part.value)" : String(format: "+%.2f", part.value)
                    print(
                        "        \(value)  \(part.label)\(part.detail.isEmpty || part.detail == "×" ? "" : "  [\(part.detail)]")"
                    )
                }
            }
            if result.hits.isEmpty { print("no article matched") }
        }
    }
}
