import ArgumentParser
import Conversation
import EngineWiring
import Foundation
import Knowledge
import TranscriptTesting

/// `maildoctor transcripts`: replay or re-record conversation transcripts.
struct Transcripts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcripts",
        abstract: "Replay transcripts (exit 1 with a diff on any mismatch) or re-record them.",
        subcommands: [Run.self, Record.self, Score.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Replay transcripts through the engine; print a unified diff for each mismatch.",
            discussion: "Example: maildoctor transcripts run Transcripts/")

        @Argument(help: "Transcript files or folders (default: Transcripts).") var paths: [String] = []
        @Option(
            help: "A list of known scenario defects (path:line kind); others fail, and so do listed ones that are gone."
        )
        var knownDefects: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let known = try knownDefects.map { KnownDefects.parse(try String(contentsOfFile: $0, encoding: .utf8)) }
            let failures = try await replay(paths: paths, global: global, record: false, known: known)
            if failures > 0 { throw ExitCode(1) }
        }
    }

    struct Record: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Rewrite the expected replies of transcripts with what the engine says now.")

        @Argument(help: "Transcript files or folders (default: Transcripts).") var paths: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            _ = try await replay(paths: paths, global: global, record: true)
        }
    }

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "score",
            abstract: "Score scenarios: per file, the dead ends and the '?' expectations that failed, by kind.",
            discussion: "Exit 1 when any defect is found. Example: maildoctor transcripts score Transcripts/scenarios")

        @Argument(help: "Transcript files or folders (default: Transcripts).") var paths: [String] = []
        @Option(help: "Write every defect found to this file, as the list of known defects.") var writeKnown: String?
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (runner, files) = try Transcripts.setUp(paths: paths, global: global)
            var keys: [String] = []
            var totals: [Expectation.Defect: Int] = [:]
            var turns = 0
            var expectations = 0
            var clean = 0
            for file in files {
                let name = file.path
                do {
                    let outcome = try await runner.run(file: file)
                    turns += outcome.actual.turns.count
                    expectations += outcome.actual.turns.reduce(0) { $0 + $1.expectations.count }
                    if outcome.defects.isEmpty {
                        clean += 1
                        continue
                    }
                    keys += outcome.defects.map { KnownDefects.key(file: name, defect: $0) }
                    let counts = Dictionary(grouping: outcome.defects, by: \.kind).mapValues(\.count)
                    let summary = counts.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \($0.value)" }
                    print("\(name): \(summary.joined(separator: ", "))")
                    for defect in outcome.defects {
                        print("  line \(defect.line): \(defect.kind.rawValue): \(defect.detail)")
                    }
                    for (kind, count) in counts { totals[kind, default: 0] += count }
                } catch {
                    print("\(name): unreadable: \(error)")
                    totals[.fallback, default: 0] += 1
                }
            }
            print("")
            print("scenarios \(files.count), turns \(turns), expectations \(expectations), without defect \(clean)")
            for kind in Expectation.Defect.allCases { print("  \(kind.rawValue): \(totals[kind] ?? 0)") }
            if let writeKnown {
                try KnownDefects.text(keys).write(toFile: writeKnown, atomically: true, encoding: .utf8)
            }
            if totals.values.contains(where: { $0 > 0 }) { throw ExitCode(1) }
        }
    }

    /// The runner over the knowledge base of these settings, and the transcript files `paths` name.
    static func setUp(paths: [String], global: GlobalOptions) throws -> (TranscriptRunner, [URL]) {
        let settings = try global.settings()
        let knowledge = KnowledgeService(base: try settings.knowledgeBase())
        let runner = TranscriptRunner { options in
            try TranscriptEngines.engine(
                options: options, knowledge: knowledge, defaultProvider: settings.engine.provider)
        }
        return (runner, try TranscriptRunner.files(in: paths.isEmpty ? ["Transcripts"] : paths))
    }

    /// Replays (and with `record`, rewrites) transcripts; returns the number of failing files.
    static func replay(paths: [String], global: GlobalOptions, record: Bool, known: KnownDefects? = nil) async throws
        -> Int
    {
        let (runner, files) = try setUp(paths: paths, global: global)
        var failures = 0
        for file in files {
            do {
                let outcome = try await runner.run(file: file)
                if record {
                    try outcome.actual.text().write(to: file, atomically: true, encoding: String.Encoding.utf8)
                    print("recorded \(file.path)")
                } else {
                    // Without a list every defect fails; with one, only new ones and listed ones that are gone.
                    let (new, gone) =
                        known?.compare(file: file.path, defects: outcome.defects)
                        ?? (outcome.defects.map { KnownDefects.key(file: file.path, defect: $0) }, [])
                    guard outcome.mismatches > 0 || !new.isEmpty || !gone.isEmpty else {
                        print("ok   \(file.path)")
                        continue
                    }
                    failures += 1
                    print("FAIL \(file.path): \(outcome.mismatches) turn(s) differ, \(new.count) new defect(s)")
                    for defect in outcome.defects where new.contains(KnownDefects.key(file: file.path, defect: defect))
                    {
                        print("  line \(defect.line): \(defect.kind.rawValue): \(defect.detail)")
                    }
                    for key in gone { print("  fixed, take it off the known list: \(key)") }
                    if outcome.mismatches > 0 { print(outcome.diff) }
                }
            } catch {
                failures += 1
                print("FAIL \(file.path): \(error)")
            }
        }
        print("\(files.count - failures) passed, \(failures) failed")
        return failures
    }
}
