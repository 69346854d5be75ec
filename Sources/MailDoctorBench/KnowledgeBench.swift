import Conversation
import EmbeddedKnowledge
import EngineWiring
import Foundation
import Knowledge
import Localization

/// Measures matching on the shared complaint corpus, and latency on the shipped and a 10,000-article KB.
struct KnowledgeBench {
    let shared: String
    let showMisses: Bool
    /// A knowledge-base directory to read instead of the embedded one (diagnosis only).
    var directory: String? = nil
    /// Only the matching scores, no engine or latency measurements.
    var quick = false
    /// With misses, print the whole text and the explained top hits.
    var explain = false
    /// Only the latency measurements (for profiling the matcher).
    var latencyOnly = false
    /// Number of timed queries per latency measurement.
    var sampleCount = 4_000
    /// With the latency, print the slowest texts.
    var showSlowest = false
    /// Also print p50/p99 over each text's fastest time: steadier on a busy machine, for A/B comparisons.
    var showFastest = false
    /// Only corpus texts containing this (for profiling one slow text).
    var only: String?
    /// With `latencyOnly`, leave out the 10,000-article KB.
    var shippedOnly = false
    /// With `latencyOnly`, only the 10,000-article KB.
    var bigOnly = false
    /// Rank with the keyword index alone (semantic weight 0), for A/B latency and quality.
    var keywordsOnly = false
    /// Our corpus (`*.jsonl` with text, labels, lang, split), relative to the repository by default.
    var corpus = "Corpus/complaints"

    func loadBase() -> KnowledgeBase {
        guard let directory else { return KnowledgeBase.embedded() }
        do {
            return try KnowledgeBase.load(directory: URL(fileURLWithPath: directory))
        } catch {
            print("cannot load \(directory): \(error)")
            return KnowledgeBase.embedded()
        }
    }

    /// Label → acceptable article ids (prefix `smtp-4`/`smtp-5` = any article of that class), from the corpus README.
    static let acceptable: [String: [String]] = [
        "service_inactive": ["service-active"], "client_config": ["email-client", "webmail-test"],
        "mailbox_full": ["mailbox-full"], "webmail_login": ["webmail-login"], "incident": ["incidents"],
        "mx_dns": ["mx-records"], "smtp_temp_4xx": ["smtp-reply-codes", "smtp-4*"],
        "smtp_perm_5xx": ["smtp-reply-codes", "smtp-5*"], "recipient_invalid": ["smtp-550", "smtp-553", "smtp-501"],
        "relay_denied": ["smtp-551", "smtp-554", "smtp-503", "email-client"],
        "auth_failed": ["smtp-535", "email-client"],
        "spf_dkim_dmarc": ["spf", "dkim", "dmarc", "smtp-550-5.7.26"],
        "blacklist": ["blacklists", "smtp-554", "smtp-550-5.7.1", "smtp-450"], "recipient_full": ["smtp-552"],
        "rate_limit": ["sending-limits", "smtp-555", "smtp-452", "smtp-421", "smtp-450"],
        "spam_blocked": ["account-blocked-spam"],
    ]

    static func hit(_ id: String, labels: [String]) -> Bool {
        labels.contains { label in
            (acceptable[label] ?? []).contains { accepted in
                accepted.hasSuffix("*") ? id.hasPrefix(String(accepted.dropLast())) : id == accepted
            }
        }
    }

    struct Case {
        var text: String
        var labels: [String]
        /// `shared`, or our corpus's split (`train`, `validation`).
        var set = "shared"
        var lang = "en"
    }

    /// The shared corpus's labelled texts followed by our corpus's (by file name, then line).
    func loadAllCases() -> [Case] {
        var cases = loadCorpus()
        let directory = URL(fileURLWithPath: corpus)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).filter {
            $0.hasSuffix(".jsonl")
        }.sorted()
        for name in names {
            for object in Self.jsonObjects(atPath: directory.appendingPathComponent(name).path) ?? [] {
                guard let text = object["text"] as? String, let labels = object["labels"] as? [String] else { continue }
                if labels.allSatisfy({ $0 == "other" }) { continue }
                cases.append(
                    Case(
                        text: text, labels: labels, set: object["split"] as? String ?? "unsplit",
                        lang: object["lang"] as? String ?? "en"))
            }
        }
        return cases
    }

    /// top-1/top-3 per set and, on our corpus, per set and language.
    func report(_ name: String, index: SearchIndex, cases: [Case]) {
        var groups: [String: (n: Int, top1: Int, top3: Int)] = [:]
        var asked: [String: (n: Int, top1: Int)] = [:]
        for item in cases {
            let result = index.search(item.text, limit: 3)
            let ids = result.hits.map(\.id)
            let first = ids.first.map { Self.hit($0, labels: item.labels) } ?? false
            if let clarification = result.clarification {
                let key = "\(item.set) \(result.confidence.rawValue)/\(clarification)"
                var entry = asked[key] ?? (0, 0)
                entry.n += 1
                entry.top1 += first ? 1 : 0
                asked[key] = entry
            }
            let any = ids.contains { Self.hit($0, labels: item.labels) }
            // Misses are shown for `train` only: `validation` is measured, never looked into.
            if showMisses, item.set == "train", !first, name.hasPrefix("hybrid") {
                let preview = item.text.prefix(160).replacingOccurrences(of: "\n", with: " ")
                print("TRAIN MISS [\(item.lang)] \(item.labels) → \(ids): \(preview)")
            }
            var keys = [item.set]
            if item.set != "shared" { keys.append("\(item.set)/\(item.lang)") }
            for key in keys {
                var entry = groups[key] ?? (0, 0, 0)
                entry.n += 1
                entry.top1 += first ? 1 : 0
                entry.top3 += any ? 1 : 0
                groups[key] = entry
            }
        }
        for (key, entry) in asked.sorted(by: { $0.key < $1.key }) {
            print("  \(name): clarifying question on \(key): \(entry.n) texts, top-1 right on \(entry.top1)")
        }
        let order = ["shared", "train", "validation"]
        for (key, entry) in groups.sorted(by: { a, b in
            let (x, y) = (a.key.split(separator: "/"), b.key.split(separator: "/"))
            let (i, j) = (order.firstIndex(of: String(x[0])) ?? 9, order.firstIndex(of: String(y[0])) ?? 9)
            return (x.count, i, a.key) < (y.count, j, b.key)
        }) {
            print(
                "  \(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(key.padding(toLength: 16, withPad: " ", startingAt: 0)) n=\(String(entry.n).padding(toLength: 4, withPad: " ", startingAt: 0)) "
                    + String(
                        format: "top-1 %5.1f %%   top-3 %5.1f %%", percent(entry.top1, entry.n),
                        percent(entry.top3, entry.n)))
        }
    }

    /// The hybrid (shipped) and the keyword index alone over the same texts, per set and language.
    func compare() {
        let base = loadBase()
        let cases = loadAllCases()
        print("== Matching per corpus half and language (\(cases.count) labelled texts; corpus \(corpus))")
        report("hybrid (shipped)", index: SearchIndex(base: base), cases: cases)
        var keywordsOnly = RankingWeights()
        keywordsOnly.semantic = 0
        report("BM25F alone", index: SearchIndex(base: base, weights: keywordsOnly), cases: cases)
    }

    /// Start-up cost of the semantic part, in a fresh process: opening the embedded table, the article
    /// vectors of the shipped KB, and the first message's cosines (the table's pages are touched first here).
    func startup() {
        let base = KnowledgeBase.embedded()
        let clock = ContinuousClock()
        let open = clock.measure { _ = StaticEmbedding.embedded }
        var semantic: SemanticIndex?
        let build = clock.measure { semantic = SemanticIndex(articles: base.articles) }
        let again = clock.measure { _ = SemanticIndex(articles: base.articles) }
        let first = clock.measure { _ = semantic?.cosines("my emails to gmail bounce with 550 5.7.26") }
        let second = clock.measure { _ = semantic?.cosines("cannot receive mail since the domain moved") }
        print(
            "  semantic start-up: open table \(format(open)), article vectors \(format(build)), "
                + "again (warm) \(format(again)), first message \(format(first)), second \(format(second))")
    }

    /// Every text's BM25F score for every article (semantic weight 0), as JSON lines, for
    /// bench/minilm_baseline.py to fuse with the full model's cosines (design b).
    func dumpScores() {
        let base = loadBase()
        var keywordsOnly = RankingWeights()
        keywordsOnly.semantic = 0
        let index = SearchIndex(base: base, weights: keywordsOnly)
        let shipped = RankingWeights()
        for item in loadAllCases() {
            var scores: [String: Double] = [:]
            for hit in index.search(item.text, limit: index.count).hits { scores[hit.id] = hit.score }
            let object: [String: Any] = [
                "text": item.text, "scores": scores, "weight": shipped.semantic, "floor": shipped.semanticFloor,
            ]
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                print(String(decoding: data, as: UTF8.self))
            }
        }
    }

    /// The JSON objects of a JSON Lines file (lines that are no object are skipped); nil when unreadable.
    static func jsonObjects(atPath path: String) -> [[String: Any]]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        }
    }

    func loadCorpus() -> [Case] {
        var cases: [Case] = []
        for name in ["complaints-dev.jsonl", "bounces-wild-dev.jsonl"] {
            let path = "\(shared)/corpus/complaints/\(name)"
            guard let objects = Self.jsonObjects(atPath: path) else {
                print("cannot read \(path)")
                continue
            }
            for object in objects {
                guard let text = object["text"] as? String, let labels = object["labels"] as? [String] else { continue }
                if labels.allSatisfy({ $0 == "other" }) { continue }
                if let only, !text.contains(only) { continue }
                cases.append(Case(text: text, labels: labels))
            }
        }
        return cases
    }

    /// Top-1 and top-3 hits for an index.
    func score(_ index: SearchIndex, _ cases: [Case]) -> (Int, Int) {
        var top1 = 0
        var top3 = 0
        for item in cases {
            let ids = index.search(item.text, limit: 3).hits.map(\.id)
            if let first = ids.first, Self.hit(first, labels: item.labels) { top1 += 1 }
            if ids.contains(where: { Self.hit($0, labels: item.labels) }) { top3 += 1 }
        }
        return (top1, top3)
    }

    /// Varies one knob at a time around the shipped weights and prints the effect: a
    /// sensitivity check, not a search for corpus-specific values.
    func sensitivity() {
        let base = loadBase()
        let cases = loadCorpus()
        let shipped = RankingWeights()
        let (b1, b3) = score(SearchIndex(base: base, weights: shipped), cases)
        print("shipped: top-1 \(b1) top-3 \(b3) of \(cases.count)")
        let knobs: [(String, WritableKeyPath<RankingWeights, Double>, [Double])] = [
            ("k1", \.k1, [0.6, 0.9, 1.6, 2.4]), ("concept", \.concept, [0.5, 1.5, 2, 3]),
            ("typo", \.typo, [0, 0.3, 1]), ("directionMatch", \.directionMatch, [1, 1.1, 1.5]),
            ("directionMismatch", \.directionMismatch, [0.6, 0.9, 1]), ("replyCode", \.replyCode, [2, 3.5, 8]),
            ("enhancedCode", \.enhancedCode, [3, 4.5, 9]), ("codePair", \.codePair, [0, 1, 4]),
            ("codeBook", \.codeBook, [3, 5, 10]),
        ]
        for (name, path, values) in knobs {
            let results = values.map { value -> String in
                var weights = shipped
                weights[keyPath: path] = value
                let (t1, t3) = score(SearchIndex(base: base, weights: weights), cases)
                return "\(value):\(t1)/\(t3)"
            }
            print("  \(name): \(results.joined(separator: "  "))")
        }
        for fields in [
            [2.5, 6.0, 0.4, 1.2, 0.6], [2.5, 6.0, 0.8, 1.2, 0.6], [2.5, 4.5, 0.0, 1.2, 0.6], [2.5, 6, 0.4, 1.2, 0.3],
            [1.5, 6, 0.4, 2, 0.6], [2.5, 6, 0.4, 1.2, 1.0],
        ] {
            var weights = shipped
            weights.field = fields
            for concept in [1.0, 2.0] {
                weights.concept = concept
                let (t1, t3) = score(SearchIndex(base: base, weights: weights), cases)
                print("  fields \(fields) concept \(concept): \(t1)/\(t3)")
            }
        }
        let names = ["title", "keywords", "examples", "summary", "body"]
        for field in 0..<5 {
            let results = [0.0, 0.5, 2.0].map { factor -> String in
                var weights = shipped
                weights.field[field] *= factor
                let (t1, t3) = score(SearchIndex(base: base, weights: weights), cases)
                return "×\(factor):\(t1)/\(t3)"
            }
            print("  field \(names[field]): \(results.joined(separator: "  "))")
        }
    }

    /// Each line of standard input ranked, with why its top three hits scored (for reading a ranking).
    func why() {
        let index = SearchIndex(base: loadBase())
        while let line = readLine(), !line.isEmpty {
            let result = index.search(line, limit: 3, explain: true)
            print("== \(line)")
            print(
                "   direction \(result.direction.rawValue) language \(result.language.rawValue) \(result.confidence.rawValue)"
            )
            for hit in result.hits {
                let parts = hit.explanation.prefix(8).map { String(format: "%@ %.2f", $0.label, $0.value) }
                print("   \(hit.id) \(hit.score): \(parts.joined(separator: ", "))")
            }
        }
    }

    /// Prints every ranking (corpus texts, article examples, a few hard inputs) as JSON lines, on the shipped
    /// KB and a 10,000-article one: a golden file to compare matcher changes against.
    func dump() {
        let base = loadBase()
        var texts = loadCorpus().map(\.text)
        for article in base.articles { texts += [article.title] + article.examples + article.keywords }
        texts += [
            "", "421", "550-5.7.26 unauthenticated", "Je n'arrive pas à recevoir mes e-mails depuis lundi",
            "Ich kann keine E-Mails empfangen, Postfach voll?", "recieving emials is brokne", "ß Straße ÉCOLE naïve",
            "👍🏽 mail 日本語のメール 📧", String(repeating: "bounce ", count: 3_000),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func emit(_ index: SearchIndex, _ label: String, _ texts: [String], explain: Bool) {
            for text in texts {
                var result = index.search(text, limit: 5, explain: explain)
                for position in result.hits.indices {
                    result.hits[position].explanation.sort { ($0.label, $0.value) < ($1.label, $1.value) }
                }
                let line = (try? encoder.encode(result)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
                print("\(label)\t\(line)")
            }
        }
        emit(SearchIndex(base: base), "shipped", texts, explain: true)
        emit(
            SearchIndex(base: Self.syntheticBase(articles: 10_000, from: base)), "10k", loadCorpus().map(\.text),
            explain: false)
    }

    func run() {
        let buildStart = ContinuousClock.now
        let base = loadBase()
        var weights = RankingWeights()
        if keywordsOnly { weights.semantic = 0 }
        let index = SearchIndex(base: base, weights: weights)
        let buildTime = ContinuousClock.now - buildStart
        let cases = loadCorpus()
        var perLabel: [String: (n: Int, top1: Int, top3: Int)] = [:]
        var top1 = 0
        var top3 = 0
        var questions = 0
        for item in cases {
            let result = index.search(item.text, limit: 3)
            let ids = result.hits.map(\.id)
            let first = ids.first.map { Self.hit($0, labels: item.labels) } ?? false
            let any = ids.contains { Self.hit($0, labels: item.labels) }
            if first { top1 += 1 }
            if any { top3 += 1 }
            if result.clarification != nil { questions += 1 }
            let label = item.labels[0]
            var entry = perLabel[label] ?? (0, 0, 0)
            entry.n += 1
            entry.top1 += first ? 1 : 0
            entry.top3 += any ? 1 : 0
            perLabel[label] = entry
            if showMisses, !first {
                let preview = item.text.prefix(110).replacingOccurrences(of: "\n", with: " ")
                print("MISS \(item.labels) → \(ids) \(result.confidence.rawValue): \(preview)")
                if explain {
                    print("  TEXT: \(item.text.replacingOccurrences(of: "\n", with: " ⏎ "))")
                    let explained = index.search(item.text, limit: 3, explain: true)
                    print("  direction \(explained.direction.rawValue) language \(explained.language.rawValue)")
                    for hit in explained.hits {
                        let parts = hit.explanation.prefix(10).map { String(format: "%@ %.2f", $0.label, $0.value) }
                        print("   \(hit.id) \(hit.score): \(parts.joined(separator: ", "))")
                    }
                }
            }
        }
        print("== Knowledge base matching (\(cases.count) labelled texts of the shared corpus)")
        for (label, entry) in perLabel.sorted(by: { $0.key < $1.key }) {
            print(
                "  \(label.padding(toLength: 18, withPad: " ", startingAt: 0)) n=\(entry.n)  top-1 \(entry.top1)/\(entry.n)  top-3 \(entry.top3)/\(entry.n)"
            )
        }
        print(
            String(
                format: "  top-1 %.1f %%   top-3 %.1f %%   (targets 85 %% / 95 %%)", percent(top1, cases.count),
                percent(top3, cases.count)))
        print(String(format: "  clarifying questions instead of answers: %d of %d", questions, cases.count))
        if !latencyOnly { compare() }
        if latencyOnly {
            if !bigOnly { latency(index: index, texts: cases.map(\.text), label: "shipped KB") }
            if shippedOnly { return }
            let bigIndex = SearchIndex(base: Self.syntheticBase(articles: 10_000, from: base), weights: weights)
            latency(index: bigIndex, texts: cases.map(\.text), label: "10k KB")
            return
        }
        if quick {
            let problems = Validator.problems(in: base, index: index)
            for problem in problems { print("LINT \(problem)") }
            print("  lint: \(problems.count) problems")
            return
        }
        engineMeasure(base: base, cases: cases)
        print("  shipped KB: \(base.articles.count) articles, index built in \(format(buildTime))")
        latency(index: index, texts: cases.map(\.text), label: "shipped KB")

        let synthetic = Self.syntheticBase(articles: 10_000, from: base)
        let before = residentMemory()
        let bigStart = ContinuousClock.now
        let bigIndex = SearchIndex(base: synthetic, weights: weights)
        let bigBuild = ContinuousClock.now - bigStart
        let after = residentMemory()
        print(
            "  10,000-article KB: index built in \(format(bigBuild)), resident memory +\((after - before) / 1_048_576) MiB"
        )
        latency(index: bigIndex, texts: cases.map(\.text), label: "10k KB")
    }

    /// The first reply of the engine (bounce reading, codes, search, clarifying questions) on each
    /// corpus text: the article a user sees first.
    func engineMeasure(base: KnowledgeBase, cases: [Case]) {
        // Built as `maildoctor` builds it, without live checks: the benchmark measures the first reply only.
        let engine: ConversationEngine
        do {
            engine = try EngineSettings(runsLiveChecks: false).makeEngine(
                over: KnowledgeService(base: base, providerName: nil))
        } catch {
            print("  engine first reply: cannot build the engine: \(error)")
            return
        }
        let box = ResultBox()
        let semaphore = DispatchSemaphore(value: 0)
        Task {
            var top1 = 0
            var top3 = 0
            var questions = 0
            for item in cases {
                let (_, reply) = await engine.respond(to: item.text, in: Session(id: "bench"))
                let ids = reply.articles.map(\.id)
                if let first = ids.first, Self.hit(first, labels: item.labels) { top1 += 1 }
                if ids.prefix(3).contains(where: { Self.hit($0, labels: item.labels) }) { top3 += 1 }
                if reply.intent == .question && reply.question != nil { questions += 1 }
                if showMisses, !(ids.first.map { Self.hit($0, labels: item.labels) } ?? false) {
                    let preview = item.text.prefix(100).replacingOccurrences(of: "\n", with: " ")
                    print("ENGINE MISS \(item.labels) → \(ids) \(reply.intent): \(preview)")
                }
            }
            box.set(top1, top3, questions)
            semaphore.signal()
        }
        semaphore.wait()
        let (top1, top3, questions) = box.get()
        print(
            String(
                format: "  engine first reply: top-1 %.1f %%   top-3 %.1f %%   clarifying questions %d of %d",
                percent(top1, cases.count), percent(top3, cases.count), questions, cases.count))
    }

    func latency(index: SearchIndex, texts: [String], label: String) {
        let rounds = max(1, sampleCount / max(texts.count, 1))
        let analyzeStart = ContinuousClock.now
        for _ in 0..<rounds { for text in texts { _ = index.textAnalyzer.analyze(text) } }
        let analysisTime = ContinuousClock.now - analyzeStart
        print("  (analysis alone: \(format(analysisTime / (texts.count * rounds))) per text on average)")
        // One untimed pass first, as a running server has had: the stemmer's cache of words the
        // knowledge base does not use fills on first sight.
        for text in texts { _ = index.search(text, limit: 5) }
        // Wall time is what a user waits; thread CPU time leaves out time the machine gave to other
        // processes, so it stays comparable on a busy machine.
        var samples: [Duration] = []
        var cpuSamples: [Duration] = []
        for _ in 0..<rounds {
            for text in texts {
                let cpuStart = threadCPUTime()
                let start = ContinuousClock.now
                _ = index.search(text, limit: 5)
                samples.append(ContinuousClock.now - start)
                cpuSamples.append(threadCPUTime() - cpuStart)
            }
        }
        if showSlowest {
            // The texts behind the tail: each text's median time over the rounds.
            var perText: [(Duration, String)] = []
            for (offset, text) in texts.enumerated() {
                var times = stride(from: offset, to: samples.count, by: texts.count).map { samples[$0] }
                times.sort()
                perText.append((times[times.count / 2], text))
            }
            for (time, text) in perText.sorted(by: { $0.0 > $1.0 }).prefix(8) {
                let preview = text.prefix(70).replacingOccurrences(of: "\n", with: " ")
                print("  slow \(format(time)) \(text.utf8.count) bytes: \(preview)")
            }
        }
        if showFastest {
            var fastest = texts.indices.map { offset in
                stride(from: offset, to: samples.count, by: texts.count).map { samples[$0] }.min() ?? .zero
            }
            fastest.sort()
            print(
                "  fastest time per text on \(label): p50 \(format(fastest[fastest.count / 2]))  "
                    + "p99 \(format(fastest[min(fastest.count - 1, fastest.count * 99 / 100)]))")
        }
        samples.sort()
        cpuSamples.sort()
        let p50 = samples[samples.count / 2]
        let p99 = samples[min(samples.count - 1, samples.count * 99 / 100)]
        let cpu50 = cpuSamples[cpuSamples.count / 2]
        let cpu99 = cpuSamples[min(cpuSamples.count - 1, cpuSamples.count * 99 / 100)]
        print(
            "  match latency on \(label): p50 \(format(p50))  p99 \(format(p99))  (\(samples.count) queries; "
                + "thread CPU time p50 \(format(cpu50))  p99 \(format(cpu99)))")
    }

    /// A large KB made by recombining the shipped articles' words, for scaling measurements.
    static func syntheticBase(articles count: Int, from base: KnowledgeBase) -> KnowledgeBase {
        var generator = SplitMix(seed: 42)
        let words = base.articles.flatMap { ($0.keywords + $0.examples).joined(separator: " ").split(separator: " ") }
            .map(String.init)
        func phrase(_ length: Int) -> String {
            (0..<length).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
        }
        var files: [(path: String, text: String)] = [("lexicon.yaml", "")]
        for number in 0..<count {
            let examples = (0..<8).map { _ in "  - \"\(phrase(12).replacingOccurrences(of: "\"", with: ""))\"" }
            let text = """
                ---
                id: synthetic-\(number)
                title: "\(phrase(5).replacingOccurrences(of: "\"", with: ""))"
                tags: [sending]
                keywords: ["\(phrase(2).replacingOccurrences(of: "\"", with: ""))"]
                codes: ["\(["550", "421", "5.7.1", "452"][number % 4])"]
                summary: "\(phrase(20).replacingOccurrences(of: "\"", with: ""))"
                examples:
                \(examples.joined(separator: "\n"))
                ---
                ## What it means
                \(phrase(120))
                """
            files.append(("articles/synthetic-\(number).md", text))
        }
        var synthetic = KnowledgeBase(files: files)
        synthetic.lexicon = base.lexicon
        return synthetic
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func percent(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : 100 * Double(part) / Double(whole) }

func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let micros = Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    if micros >= 1e6 { return String(format: "%.2f s", micros / 1e6) }
    if micros >= 1e3 { return String(format: "%.1f ms", micros / 1e3) }
    return String(format: "%.1f µs", micros)
}

func residentMemory() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var values = (0, 0, 0)
    func set(_ a: Int, _ b: Int, _ c: Int) { lock.withLock { values = (a, b, c) } }
    func get() -> (Int, Int, Int) { lock.withLock { values } }
}

/// CPU time used by the calling thread so far.
func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}
