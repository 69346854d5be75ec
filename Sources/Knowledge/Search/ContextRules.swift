import Foundation

/// The lexicon's context rules compiled against one index: the term ids that trigger or block each rule,
/// and the documents whose scores it scales. Rules naming an article the index does not hold (the intent
/// index, a knowledge base without that article) keep only the articles it holds.
struct CompiledContextRule: Sendable, Equatable {
    /// Term ids (concepts or stems), any of which makes the rule apply.
    var when: [Int32]
    /// Term ids, any of which keeps the rule from applying.
    var unless: [Int32]
    /// Documents scaled, with their factors.
    var documents: [Int32]
    var factors: [Float]

    /// Compiles `rules` for an index: a name that is a synonym group's is its concept; any other is read as
    /// a word (its stems in every language the analyser reads it in).
    static func compile(
        _ rules: [ContextRule], analyzer: TextAnalyzer, documentIndex: [String: Int]
    ) -> [CompiledContextRule] {
        func ids(_ names: [String]) -> [Int32] {
            var found: [Int32] = []
            for name in names {
                if let concept = analyzer.termID(TextAnalyzer.conceptPrefix + name) {
                    found.append(concept)
                } else {
                    found += analyzer.analyze(name).termIDs
                }
            }
            return Array(Set(found)).sorted()
        }
        return rules.compactMap { rule in
            let scaled = rule.scale.compactMap { id, factor in
                documentIndex[id].map { (document: Int32($0), factor: Float(factor)) }
            }.sorted { $0.document < $1.document }
            let when = ids(rule.when)
            guard !scaled.isEmpty, !when.isEmpty else { return nil }
            return CompiledContextRule(
                when: when, unless: ids(rule.unless), documents: scaled.map(\.document), factors: scaled.map(\.factor))
        }
    }

    /// Whether the rule applies to a text holding `terms` (sorted term ids).
    func applies(to terms: [Int32]) -> Bool {
        func holds(_ wanted: [Int32]) -> Bool { wanted.contains { Self.contains(terms, $0) } }
        return holds(when) && !holds(unless)
    }

    private static func contains(_ sorted: [Int32], _ value: Int32) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }
}
