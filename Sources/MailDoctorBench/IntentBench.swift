import Conversation
import EmbeddedKnowledge
import Foundation
import Knowledge

/// Intent accuracy on the held-apart intent examples (`Corpus/intents/holdout.jsonl`, never part of the
/// knowledge base), overall and per language, with the understanding stage's decision; and the confusions.
struct IntentBench {
    let path: String
    let showMisses: Bool

    struct Case {
        var text: String
        var intent: String
        var lang: String
    }

    func load() -> [Case] {
        guard let objects = KnowledgeBench.jsonObjects(atPath: path) else {
            print("cannot read \(path)")
            return []
        }
        return objects.compactMap { object in
            guard let text = object["text"] as? String, let intent = object["intent"] as? String else { return nil }
            return Case(text: text, intent: intent, lang: object["lang"] as? String ?? "?")
        }
    }

    func run() {
        let knowledge = KnowledgeService(base: KnowledgeBase.embedded(), providerName: "generic")
        let cases = load()
        guard !cases.isEmpty else { return }
        var right: [String: (Int, Int)] = [:]
        var confusions: [String: Int] = [:]
        for item in cases {
            let understanding = MessageAnalysis.analyze(item.text, knowledge: knowledge)
            let got = understanding.intent
            let ok = got == item.intent
            right[item.lang, default: (0, 0)].0 += ok ? 1 : 0
            right[item.lang, default: (0, 0)].1 += 1
            if !ok {
                confusions["\(item.intent) → \(got)", default: 0] += 1
                if showMisses { print("  miss [\(item.lang)] \(item.intent) → \(got): \(item.text)") }
            }
        }
        let total = right.values.reduce((0, 0)) { ($0.0 + $1.0, $0.1 + $1.1) }
        print(
            "intents (held apart, \(total.1) texts): \(percent(total.0, total.1)) right; "
                + right.keys.sorted().map {
                    "\($0) \(percent(right[$0, default: (0, 0)].0, right[$0, default: (0, 0)].1))"
                }.joined(separator: ", "))
        let worst = confusions.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(8)
        print("  most confused: " + worst.map { "\($0.key) ×\($0.value)" }.joined(separator: "; "))
    }

    /// p50/p99 of the whole understanding stage (MessageAnalysis: analysis, intents, entities and roles,
    /// bounce reading, ranking) per message, on the shipped knowledge base and on a 10,000-article one,
    /// over the given texts (wall time and thread CPU time); `showSlowest` lists the costliest messages.
    func latency(texts: [String], samples: Int = 3_000, showSlowest: Int = 0, shippedOnly: Bool = false) {
        let base = KnowledgeBase.embedded()
        var bases = [("shipped KB", base)]
        if !shippedOnly {
            var big = KnowledgeBench.syntheticBase(articles: 10_000, from: base)
            big.intents = base.intents
            bases.append(("10,000-article KB", big))
        }
        for (label, knowledge) in bases.map({ ($0.0, KnowledgeService(base: $0.1, providerName: "generic")) }) {
            for text in texts { _ = MessageAnalysis.analyze(text, knowledge: knowledge) }
            var wall: [Duration] = []
            var cpu: [Duration] = []
            var slowest = [Duration](repeating: .zero, count: texts.count)
            let rounds = max(1, samples / max(texts.count, 1))
            for _ in 0..<rounds {
                for (number, text) in texts.enumerated() {
                    let cpuStart = threadCPUTime()
                    let start = ContinuousClock.now
                    _ = MessageAnalysis.analyze(text, knowledge: knowledge)
                    wall.append(ContinuousClock.now - start)
                    let spent = threadCPUTime() - cpuStart
                    cpu.append(spent)
                    slowest[number] = max(slowest[number], spent)
                }
            }
            wall.sort()
            cpu.sort()
            func at(_ list: [Duration], _ q: Int) -> String { format(list[min(list.count - 1, list.count * q / 100)]) }
            print(
                "understanding stage on \(label): p50 \(at(wall, 50))  p99 \(at(wall, 99))  (\(wall.count) messages; "
                    + "thread CPU time p50 \(at(cpu, 50))  p99 \(at(cpu, 99)))")
            // Where the tail comes from: the messages that cost the most thread CPU time, with their size.
            for number in slowest.indices.sorted(by: { slowest[$0] > slowest[$1] }).prefix(showSlowest) {
                let preview = texts[number].prefix(60).replacingOccurrences(of: "\n", with: " ")
                print("    \(format(slowest[number]))  \(texts[number].utf8.count) bytes  \(preview)")
            }
        }
    }

    func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.1f %%", 100 * Double(part) / Double(whole))
    }
}

extension KnowledgeBench {
    /// The semantic fusion weight and floor over a grid, scored on the shared corpus and our `train` half
    /// only (never `validation`): how the shipped values are chosen.
    func semanticGrid() {
        let base = loadBase()
        let cases = loadAllCases().filter { $0.set == "shared" || $0.set == "train" }
        for weight in [0.0, 0.25, 0.5, 0.75, 1.0] {
            for floor in weight == 0 ? [0.2] : [0.2, 0.3, 0.4] {
                var weights = RankingWeights()
                weights.semantic = weight
                weights.semanticFloor = floor
                let index = SearchIndex(base: base, weights: weights)
                let (top1, top3) = score(index, cases)
                print(
                    String(
                        format: "semantic %.2f floor %.1f: top-1 %d top-3 %d of %d (shared + train)", weight, floor,
                        top1, top3, cases.count))
            }
        }
    }
}
