import ByteText
import Foundation

/// `MailDoctorBench bytetext`: ByteText's searcher, tokeniser and JSON writer against Foundation's
/// equivalents, in the same run, on the Sisimai emails of the shared corpus.
///
/// Prints, for each pair, the best time over `rounds` passes across every file (lower is better).
struct ByteTextBench {
    var shared: String
    var rounds = 5

    /// Phrases searched for in every file (typical bounce phrases: mostly misses, some hits).
    private let needles = [
        "Diagnostic-Code:", "user unknown", "mailbox full", "550 5.1.1", "Final-Recipient", "X-Failed-Recipients",
        "blocked using", "quota exceeded",
    ]

    func run() {
        let directory = shared + "/corpus/sisimai/emails"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".eml") }.sorted()
        let texts = names.compactMap { name in
            FileManager.default.contents(atPath: directory + "/" + name).map { String(decoding: $0, as: UTF8.self) }
        }
        guard !texts.isEmpty else {
            FileHandle.standardError.write(Data("bench: no emails in \(directory)\n".utf8))
            exit(2)
        }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        print("bytetext: \(texts.count) files, \(bytes / 1024) KiB, best of \(rounds) rounds")

        var hits = 0
        report("search", "containsBytes", "Foundation range(of:)") {
            for text in texts { for needle in needles where text.containsBytes(needle) { hits += 1 } }
        } other: {
            for text in texts { for needle in needles where text.range(of: needle) != nil { hits += 1 } }
        }
        var words = 0
        report("tokenise", "WordSplitter", "Foundation components(separatedBy:)") {
            for text in texts { WordSplitter.forEachWord(in: text) { _ in words += 1 } }
        } other: {
            for text in texts {
                words += text.components(separatedBy: CharacterSet.alphanumerics.inverted).count { !$0.isEmpty }
            }
        }
        var written = 0
        let lines = texts.map { String($0.prefix(2_000)) }
        report("JSON", "JSONWriter", "Foundation JSONEncoder") {
            for line in lines {
                var writer = JSONWriter()
                writer.openObject()
                writer.member("text")
                writer.string(line)
                writer.closeObject()
                written += writer.bytes.count
            }
        } other: {
            let encoder = JSONEncoder()
            for line in lines { written += (try? encoder.encode(["text": line]))?.count ?? 0 }
        }
        print("(checks: \(hits) hits, \(words) words, \(written) JSON bytes)")
    }

    /// Times `mine` and `other` alternately, `rounds` times each, and prints the best of each.
    private func report(_ name: String, _ mineName: String, _ otherName: String, mine: () -> Void, other: () -> Void) {
        var bestMine = UInt64.max
        var bestOther = UInt64.max
        for _ in 0..<rounds {
            var start = DispatchTime.now().uptimeNanoseconds
            mine()
            bestMine = min(bestMine, DispatchTime.now().uptimeNanoseconds - start)
            start = DispatchTime.now().uptimeNanoseconds
            other()
            bestOther = min(bestOther, DispatchTime.now().uptimeNanoseconds - start)
        }
        let ratio = Double(bestOther) / Double(max(bestMine, 1))
        print(
            String(
                format: "%-9@ %-14@ %8.2f ms   %-36@ %8.2f ms   (%.1fx)", name, mineName, Double(bestMine) / 1e6,
                otherName, Double(bestOther) / 1e6, ratio))
    }
}
