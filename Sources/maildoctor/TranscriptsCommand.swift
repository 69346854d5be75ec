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
        subcommands: [Run.self, Record.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Replay transcripts through the engine; print a unified diff for each mismatch.",
            discussion: "Example: maildoctor transcripts run Transcripts/")

        @Argument(help: "Transcript files or folders (default: Transcripts).") var paths: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let failures = try await replay(paths: paths, global: global, record: false)
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

    /// Replays (and with `record`, rewrites) transcripts; returns the number of failing files.
    static func replay(paths: [String], global: GlobalOptions, record: Bool) async throws -> Int {
        let settings = try global.settings()
        let knowledge = KnowledgeService(base: try settings.knowledgeBase())
        let runner = TranscriptRunner { options in
            try TranscriptEngines.engine(
                options: options, knowledge: knowledge, defaultProvider: settings.engine.provider)
        }
        let files = try TranscriptRunner.files(in: paths.isEmpty ? ["Transcripts"] : paths)
        var failures = 0
        for file in files {
            do {
                let outcome = try await runner.run(file: file)
                if record {
                    try outcome.actual.text().write(to: file, atomically: true, encoding: String.Encoding.utf8)
                    print("recorded \(file.path)")
                } else if outcome.mismatches > 0 {
                    failures += 1
                    print("FAIL \(file.path): \(outcome.mismatches) turn(s) differ")
                    print(outcome.diff)
                } else {
                    print("ok   \(file.path)")
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
