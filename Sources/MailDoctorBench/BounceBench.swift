import Bounces
import Foundation

/// `MailDoctorBench bounces`: in-process parse time of the shared bounce corpus, without start-up or I/O.
///
/// Every file is read once, then parsed `rounds` times; prints the mean time per file over the
/// fastest round and the files that cost the most, to find where parsing time goes.
struct BounceBench {
    var shared: String
    var rounds = 20
    var slowest = 12
    /// Parse only files whose name contains this text (to profile one format).
    var only: String?

    /// Prints the time of each stage and of each recogniser instead.
    var stages = false

    func run() {
        let directory = shared + "/corpus/sisimai/emails"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".eml") && (only.map($0.contains) ?? true) }.sorted()
        let files = names.compactMap { name in
            FileManager.default.contents(atPath: directory + "/" + name).map { (name, [UInt8]($0)) }
        }
        guard !files.isEmpty else {
            FileHandle.standardError.write(Data("bench: no emails in \(directory)\n".utf8))
            exit(2)
        }
        if stages {
            printStages(files.map(\.1))
            return
        }
        var best = [UInt64](repeating: .max, count: files.count)
        var roundBest = UInt64.max
        var recipients = 0
        for _ in 0..<rounds {
            let roundStart = DispatchTime.now().uptimeNanoseconds
            for (index, file) in files.enumerated() {
                let start = DispatchTime.now().uptimeNanoseconds
                let report = BounceParser.parse(file.1)
                best[index] = min(best[index], DispatchTime.now().uptimeNanoseconds - start)
                recipients &+= report.recipients.count
            }
            roundBest = min(roundBest, DispatchTime.now().uptimeNanoseconds - roundStart)
        }
        let bytes = files.reduce(0) { $0 + $1.1.count }
        let perFile = Double(roundBest) / Double(files.count) / 1_000
        print(
            String(
                format:
                    "bounces: %d files, %.1f KB mean, fastest of %d rounds: %.1f µs/file, %.0f MB/s, sum of per-file bests %.1f µs/file",
                files.count, Double(bytes) / Double(files.count) / 1_024, rounds, perFile,
                Double(bytes) / Double(roundBest) * 1_000, Double(best.reduce(0, +)) / Double(files.count) / 1_000))
        let order = best.indices.sorted { best[$0] > best[$1] }
        for index in order.prefix(slowest) {
            print(
                String(
                    format: "  %8.1f µs  %6d B  %@", Double(best[index]) / 1_000, files[index].1.count,
                    files[index].0))
        }
        _ = recipients
    }

    private func printStages(_ files: [[UInt8]]) {
        let perFile = { (seconds: Double) in seconds / Double(rounds) / Double(files.count) * 1e6 }
        for (stage, seconds) in BounceTrace.stageTimes(files, repetitions: rounds) {
            print(String(format: "  %-10@ %7.1f µs/file", stage, perFile(seconds)))
        }
        print("  recogniser      tried  found   µs/file (all files)  of which finding nothing")
        for (name, attempts, successes, seconds, wasted) in BounceTrace.recogniserTimes(files, repetitions: rounds) {
            print(
                String(
                    format: "  %-15@ %5d  %5d  %7.2f  %7.2f", name, attempts, successes, perFile(seconds),
                    perFile(wasted)))
        }
    }
}
