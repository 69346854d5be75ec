import Conversation
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
        guard let data = FileManager.default.contents(atPath: path) else {
            print("cannot read \(path)")
            return []
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let text = object["text"] as? String, let intent = object["intent"] as? String
            else { return nil }
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

    func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.1f %%", 100 * Double(part) / Double(whole))
    }
}
