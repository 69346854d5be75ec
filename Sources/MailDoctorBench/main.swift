import Conversation
import EmbeddedKnowledge
import Foundation
import Knowledge
// Benchmarks for `make bench`: knowledge-base matching quality and speed; bounce parsing time.
// Usage: MailDoctorBench understanding [--shared DIR] [--slowest N] [--shipped-only]
//        MailDoctorBench bounces [--rounds N] [--slowest N] [--only TEXT] [--stages]
//        MailDoctorBench bytetext [--rounds N] [--shared DIR]
//        MailDoctorBench kb [--misses] [--quick] [--latency [--shipped-only|--big-only] [--slowest] [--fastest] [--only TEXT] [--samples N]] [--explain] [--sensitivity] [--kb DIR] [--shared DIR] [--corpus DIR] [--compare] [--dump-scores] [--keywords-only] [--startup]
import Localization

let arguments = Array(CommandLine.arguments.dropFirst())
let shared = value(after: "--shared") ?? "../shared"
let showMisses = arguments.contains("--misses")

func value(after flag: String) -> String? {
    guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

switch arguments.first {
case "kb":
    var bench = KnowledgeBench(shared: shared, showMisses: showMisses)
    bench.directory = value(after: "--kb")
    bench.quick = arguments.contains("--quick")
    bench.explain = arguments.contains("--explain")
    bench.latencyOnly = arguments.contains("--latency")
    bench.shippedOnly = arguments.contains("--shipped-only")
    bench.bigOnly = arguments.contains("--big-only")
    bench.showSlowest = arguments.contains("--slowest")
    bench.showFastest = arguments.contains("--fastest")
    bench.only = value(after: "--only")
    if let corpus = value(after: "--corpus") { bench.corpus = corpus }
    bench.keywordsOnly = arguments.contains("--keywords-only")
    if let samples = value(after: "--samples").flatMap(Int.init) { bench.sampleCount = samples }
    if arguments.contains("--semantic-grid") {
        bench.semanticGrid()
    } else if arguments.contains("--sensitivity") {
        bench.sensitivity()
    } else if arguments.contains("--dump") {
        bench.dump()
    } else if arguments.contains("--dump-scores") {
        bench.dumpScores()
    } else if arguments.contains("--why") {
        bench.why()
    } else if arguments.contains("--startup") {
        bench.startup()
    } else if arguments.contains("--compare") {
        bench.compare()
    } else {
        bench.run()
    }
case "intents":
    for path in (value(after: "--holdout") ?? "Corpus/intents/holdout.jsonl").split(separator: ",") {
        IntentBench(path: String(path), showMisses: showMisses).run()
    }
case "understanding":
    // The texts: every corpus text (shared and ours) and the held-apart intent phrasings.
    var texts: [String] = []
    let files =
        ["\(shared)/corpus/complaints/complaints-dev.jsonl", "\(shared)/corpus/complaints/bounces-wild-dev.jsonl"]
        + ["en", "fr", "de", "es", "it", "pt"].map { "Corpus/complaints/\($0).jsonl" } + [
            "Corpus/intents/holdout.jsonl"
        ]
    for path in files {
        texts += (KnowledgeBench.jsonObjects(atPath: path) ?? []).compactMap { $0["text"] as? String }
    }
    let slowest = value(after: "--slowest").flatMap { Int($0) } ?? 0
    IntentBench(path: "", showMisses: false).latency(
        texts: texts, showSlowest: slowest, shippedOnly: arguments.contains("--shipped-only"))
case "understand":
    let knowledge = KnowledgeService(base: KnowledgeBase.embedded(), providerName: "generic")
    for text in arguments.dropFirst() {
        let understanding = MessageAnalysis.analyze(text, knowledge: knowledge)
        let scores = understanding.intents.map { String(format: "%@ %.2f/%.2f", $0.id, $0.score, $0.coverage) }
        print("\(understanding.intent) ← \(scores.joined(separator: ", ")) :: \(text.prefix(80))")
        let mentions = understanding.mentions.map { "\($0.kind.rawValue)=\($0.value)/\($0.role.rawValue)" }
        print(
            "  mentions: \(mentions.joined(separator: " ")); top article: \(understanding.ranking.hits.first?.id ?? "-") \(understanding.ranking.hits.first?.score ?? 0) certainty \(understanding.ranking.certainty) confidence \(understanding.ranking.confidence); language \(understanding.language?.code ?? "-") \(understanding.languageConfidence)"
        )
    }
case "bounces":
    var bench = BounceBench(shared: shared)
    if let rounds = value(after: "--rounds").flatMap(Int.init) { bench.rounds = rounds }
    if let slowest = value(after: "--slowest").flatMap(Int.init) { bench.slowest = slowest }
    bench.only = value(after: "--only")
    bench.stages = arguments.contains("--stages")
    bench.run()
case "bytetext":
    var bench = ByteTextBench(shared: shared)
    if let rounds = value(after: "--rounds").flatMap(Int.init) { bench.rounds = rounds }
    bench.run()
default:
    FileHandle.standardError.write(
        Data(
            "usage: MailDoctorBench kb [--misses] [--shared DIR] | bounces [--rounds N] [--slowest N] [--only TEXT] [--stages] | bytetext [--rounds N]\n"
                .utf8))
    exit(2)
}
