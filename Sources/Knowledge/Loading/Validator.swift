import Foundation

/// Checks a knowledge base against the contract: schema, ids, tags, checks, links, examples.
public enum Validator {
    /// Live check ids an article may offer.
    public static let knownChecks: Set<String> = [
        "domain", "mx", "spf", "dmarc", "dkim", "dnsbl", "ptr", "mta-sts", "tls-rpt", "smtp", "submission", "imap",
        "pop3",
    ]
    /// Sections every article body has, in order.
    public static let sections = ["What it means", "How to confirm", "What to do", "Who to contact"]
    /// Fewest examples an article may have.
    public static let minimumExamples = 8
    /// The languages every intent has examples in.
    public static let intentLanguages = ["en", "fr", "de", "es", "it", "pt"]
    /// Fewest examples of an intent in English, and in each other language.
    public static let minimumIntentExamples = (english: 10, other: 6)
    /// The intents the conversation relies on.
    public static let requiredIntents = [
        "complaint", "check-request", "yes", "no", "yes-with-content", "no-with-content", "correction",
        "already-tried", "why", "how", "thanks", "greeting", "help", "off-topic", "start-over",
        "fact-sending-limits", "fact-smtp-settings", "fact-imap-settings", "fact-pop-settings", "fact-status-page",
        "fact-propagation", "fact-webmail", "fact-support", "fact-mx-hosts", "fact-spf-include",
    ]

    /// Returns every problem in the knowledge base, sorted by file and line. With `index`, also
    /// checks that each example ranks its own article first.
    public static func problems(in base: KnowledgeBase, index: SearchIndex? = nil) -> [Problem] {
        var problems = base.problems
        var seenIDs: [String: String] = [:]
        var seenExamples: [String: String] = [:]
        let placeholderKeys = Set(base.providers["generic"]?.values.keys.map { $0 } ?? [])
        for article in base.articles {
            let file = article.source
            func report(_ key: String, _ message: String) {
                problems.append(Problem(file: file, line: article.lines[key] ?? 0, message: message))
            }
            if let other = seenIDs[article.id] { report("id", "id '\(article.id)' is also used by \(other)") }
            seenIDs[article.id] = file
            if !file.isEmpty, file != "articles/\(article.id).md" {
                report("id", "id '\(article.id)' does not match the file name")
            }
            if article.title.isEmpty { report("title", "title is empty") }
            if article.tags.isEmpty { report("tags", "tags needs sending and/or receiving") }
            if article.summary.isEmpty { report("summary", "summary is missing") }
            if article.keywords.isEmpty { report("keywords", "keywords is empty") }
            if article.examples.count < minimumExamples {
                report("examples", "\(article.examples.count) examples; at least \(minimumExamples) are needed")
            }
            for check in article.checks where !knownChecks.contains(check) {
                report("checks", "unknown check id '\(check)'")
            }
            for id in article.related where base.byID[id] == nil {
                report("related", "related article '\(id)' does not exist")
            }
            if article.related.contains(article.id) { report("related", "an article cannot be related to itself") }
            for code in article.codes where CodeScanner.codes(in: code).first?.parts != [code] {
                report("codes", "'\(code)' is not an SMTP reply code (4xx/5xx) or an enhanced status code (x.y.z)")
            }
            for example in article.examples {
                let key = example.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
                if let other = seenExamples[key] {
                    report("examples", "duplicate example \"\(example.prefix(50))\" (also in \(other))")
                }
                seenExamples[key] = article.id
            }
            let titles = article.sections.map(\.title).filter { !$0.isEmpty }
            if titles != sections {
                problems.append(
                    Problem(
                        file: file, line: 0,
                        message: "body sections are \(titles); expected \(sections.joined(separator: ", "))"))
            }
            if !placeholderKeys.isEmpty {
                let text = [article.title, article.summary, article.body].joined(separator: "\n")
                for key in Set(ProviderProfile.placeholders(in: text)) where !placeholderKeys.contains(key) {
                    problems.append(Problem(file: file, message: "unknown placeholder {{provider.\(key)}}"))
                }
            }
        }
        problems += intentProblems(in: base, placeholderKeys: placeholderKeys)
        problems += TranslationValidator.problems(in: base)
        for id in KnowledgeBase.requiredIDs where base.byID[id] == nil {
            problems.append(Problem(file: "articles/\(id).md", message: "required article '\(id)' is missing"))
        }
        for (code, entry) in base.codeBook.entries where base.byID[entry.article] == nil {
            problems.append(
                Problem(file: "codes.yaml", message: "code \(code) points to missing article '\(entry.article)'"))
        }
        problems += contextProblems(in: base, analyzer: index?.textAnalyzer)
        if base.providers["generic"] == nil {
            problems.append(Problem(file: "providers/generic.yaml", message: "the generic provider profile is missing"))
        }
        if let index {
            for article in base.articles {
                for example in article.examples {
                    let top = index.search(example, limit: 2).hits.first?.id
                    if top != article.id {
                        problems.append(
                            Problem(
                                file: article.source, line: article.lines["examples"] ?? 0,
                                message: "example \"\(example.prefix(60))\" ranks \(top ?? "nothing") first"))
                    }
                }
            }
        }
        return problems.sorted()
    }

    /// The problems of the intents: file names, languages, example counts, duplicates, and for fact
    /// intents an existing article and an answer whose placeholders every provider profile has.
    public static func intentProblems(in base: KnowledgeBase, placeholderKeys: Set<String>) -> [Problem] {
        var problems: [Problem] = []
        for intent in base.intents {
            func report(_ message: String) { problems.append(Problem(file: intent.source, message: message)) }
            if !intent.source.isEmpty, intent.source != "intents/\(intent.id).yaml" {
                report("id '\(intent.id)' does not match the file name")
            }
            if intent.summary.isEmpty { report("summary is missing") }
            for language in intentLanguages {
                let examples = intent.examples[language] ?? []
                let least = language == "en" ? minimumIntentExamples.english : minimumIntentExamples.other
                if examples.count < least {
                    report("\(examples.count) examples in '\(language)'; at least \(least) are needed")
                }
                var seen = Set<String>()
                for example in examples where !seen.insert(example.lowercased()).inserted {
                    report("duplicate example \"\(example.prefix(50))\" in '\(language)'")
                }
            }
            for language in intent.examples.keys where !intentLanguages.contains(language) {
                report("unknown language '\(language)' (expected one of \(intentLanguages.joined(separator: ", ")))")
            }
            switch intent.kind {
            case .fact:
                if let article = intent.article {
                    if base.byID[article] == nil { report("article '\(article)' does not exist") }
                } else {
                    report("a fact intent needs the article its steps come from")
                }
                let answer = intent.answer ?? ""
                if answer.isEmpty { report("a fact intent needs an answer") }
                if !placeholderKeys.isEmpty {
                    for key in Set(ProviderProfile.placeholders(in: answer)) where !placeholderKeys.contains(key) {
                        report("unknown placeholder {{provider.\(key)}}")
                    }
                }
            case .dialog:
                if intent.answer != nil { report("a dialog intent has no answer; only fact intents do") }
                if intent.measure { report("a dialog intent is no measure; only fact intents are") }
            }
        }
        // An intent with cues: each of its examples must have one, or the cues and the examples disagree.
        let index = base.intents.contains { !$0.cues.isEmpty } ? IntentIndex(base: base) : nil
        for intent in base.intents where !intent.cues.isEmpty {
            for example in intent.allExamples where index?.hasCue(intent.id, in: example) == false {
                problems.append(
                    Problem(
                        file: intent.source, message: "example \"\(example.prefix(60))\" has none of the intent's cues")
                )
            }
        }
        let ids = Set(base.intents.map(\.id))
        for id in requiredIntents where !ids.contains(id) {
            problems.append(Problem(file: "intents/\(id).yaml", message: "required intent '\(id)' is missing"))
        }
        return problems
    }

    /// The lexicon's context rules: known articles, factors that scale, and names that are a synonym group
    /// or read as exactly one term (with an analyser to read them).
    static func contextProblems(in base: KnowledgeBase, analyzer: TextAnalyzer?) -> [Problem] {
        var problems: [Problem] = []
        let groups = Set(base.lexicon.synonyms.compactMap(\.first))
        for (number, rule) in base.lexicon.context.enumerated() {
            func report(_ message: String) {
                problems.append(Problem(file: "lexicon.yaml", message: "context rule \(number + 1): \(message)"))
            }
            if rule.when.isEmpty { report("'when' is empty") }
            for (id, factor) in rule.scale.sorted(by: { $0.key < $1.key }) {
                if base.byID[id] == nil { report("article '\(id)' does not exist") }
                if !(factor > 0 && factor <= 4) || factor == 1 {
                    report("factor \(factor) for '\(id)' must be in (0, 4] and not 1")
                }
            }
            guard let analyzer else { continue }
            for name in rule.when + rule.unless where !groups.contains(name) {
                let terms = Set(analyzer.analyze(name).termIDs)
                if terms.count != 1 {
                    report("'\(name)' is no synonym group and reads as \(terms.count) terms, not one")
                }
            }
        }
        return problems
    }
}
