import Conversation
import Foundation
import Knowledge
import TestSupport
import Testing
import TranscriptTesting

@Suite struct TranscriptTests {
    let sample = """
        # comment
        @provider ovhcloud

        > hello
        > second line
        < reply one
        <
        < reply three

        > help
        < x
        """

    @Test func parsesTurnsOptionsAndComments() throws {
        let transcript = try Transcript.parse(sample)
        #expect(transcript.options == ["provider": "ovhcloud"])
        #expect(transcript.turns.count == 2)
        #expect(transcript.turns[0].message == "hello\nsecond line")
        #expect(transcript.turns[0].expected == ["reply one", "", "reply three"])
        #expect(transcript.turns[0].line == 4)
    }

    @Test func writesBackWhatItRead() throws {
        #expect(try Transcript.parse(sample).text() == sample + "\n")
    }

    @Test(arguments: [
        ("< reply first", "line 1"), ("@nonsense x", "unknown option"),
        ("> a\n< b\n@provider x", "before the first turn"),
        ("plain text", "must start with"),
    ])
    func rejectsMalformedFiles(text: String, message: String) {
        #expect {
            try Transcript.parse(text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    /// Options the engine cannot be built with name the `@` option at fault, or the test server missing.
    @Test(arguments: [
        (["probes": "yes"], "@probes: probes must be fixture or none, not 'yes'"),
        (["dnsbl": "a..b"], "@dnsbl: \"a..b\" is not a usable blocklist zone"),
        (["resolver": "nowhere"], "@resolver: the resolver must be an IP address and port"),
        (["allow-hosts": "not a host"], "@allow-hosts: \"not a host\" is not a host name"),
        (["timeout": "0"], "@timeout: the timeout must be more than 0"),
        (["provider": "nope"], "@provider: unknown provider 'nope'; known: generic, ovhcloud, none"),
        (["probes": "fixture"], "this transcript needs the test mail servers (@probes fixture)"),
        (["resolver": "fixture"], "this transcript needs the test DNS server (@resolver fixture)"),
    ])
    func rejectsOptionsTheEngineCannotUse(options: [String: String], message: String) {
        #expect {
            try TranscriptEngines.engine(options: options, knowledge: KnowledgeFixture.service, environment: [:])
        } throws: { error in
            (error as? TranscriptError)?.message.hasPrefix(message) == true
        }
    }

    @Test func mismatchProducesUnifiedDiff() async throws {
        let runner = TranscriptRunner { _ in KnowledgeFixture.engine }
        let transcript = try Transcript.parse("> reset\n< Something else entirely.\n")
        let outcome = try await runner.run(transcript, name: "t.transcript")
        #expect(outcome.mismatches == 1)
        #expect(outcome.diff.contains("-< Something else entirely."))
        #expect(outcome.diff.contains("+< Starting over. What is going wrong with your email?"))
        #expect(outcome.diff.contains("@@"))
        let again = try await runner.run(outcome.actual, name: "t.transcript")
        #expect(again.mismatches == 0)
        #expect(again.diff.isEmpty)
    }

    @Test func unifiedDiffShowsOnlyChangedHunks() {
        let old = (1...20).map(String.init).joined(separator: "\n")
        let new = old.replacingOccurrences(of: "\n10\n", with: "\nten\n")
        let diff = UnifiedDiff.diff(old, new)
        #expect(diff.contains("@@ -7,7 +7,7 @@"))
        #expect(diff.contains("-10\n+ten"))
        #expect(!diff.contains(" 1\n"))
    }

    /// The transcript files under `Transcripts/`, relative to it, sorted.
    static let transcriptFiles: [String] = {
        let folder = TestPaths.root.appendingPathComponent("Transcripts").path
        let names = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        return names.filter { $0.hasSuffix(".transcript") }.sorted()
    }()

    /// Every transcript in `Transcripts/`, replayed through the engine: one case per file.
    @Test(arguments: TranscriptTests.transcriptFiles)
    func transcriptReplays(file: String) async throws {
        let runner = TranscriptRunner { options in
            try TranscriptEngines.engine(options: options, knowledge: KnowledgeFixture.service)
        }
        let outcome = try await runner.run(file: TestPaths.root.appendingPathComponent("Transcripts/\(file)"))
        #expect(outcome.mismatches == 0, "\(outcome.diff)")
        // A scenario's defects must be the known ones: a new one is a regression, a gone one is to be struck.
        let (new, gone) = Self.knownDefects.compare(file: "Transcripts/\(file)", defects: outcome.defects)
        #expect(new.isEmpty, "new defects: \(new)")
        #expect(gone.isEmpty, "fixed, take off the known list: \(gone)")
    }

    static let knownDefects: KnownDefects = {
        let url = TestPaths.root.appendingPathComponent("Transcripts/scenarios/known-defects.txt")
        return KnownDefects.parse((try? String(contentsOf: url, encoding: .utf8)) ?? "")
    }()

    @Test func knownDefectsCompareByFileLineAndKind() {
        let known = KnownDefects.parse(
            "# header\nscenarios/en/a.transcript:8 fallback  # why\n\nscenarios/en/a.transcript:12 fact-missing\n")
        let defects = [
            TranscriptRunner.Defect(line: 8, kind: .fallback, detail: ""),
            TranscriptRunner.Defect(line: 20, kind: .checkNotRun, detail: ""),
        ]
        let (new, gone) = known.compare(file: "/x/Transcripts/scenarios/en/a.transcript", defects: defects)
        #expect(new == ["scenarios/en/a.transcript:20 check-not-run"])
        #expect(gone == ["scenarios/en/a.transcript:12 fact-missing"])
    }

    @Test func expectationsAreReadKeptAndWrittenBack() throws {
        let text =
            "> check mx good.test please\n? check mx,spf good.test\n? says MX\n? asks\n? no-check\n? article spf\n< x\n"
        let transcript = try Transcript.parse(text)
        #expect(
            transcript.turns[0].expectations == [
                .check(ids: ["mx", "spf"], target: "good.test"), .says("MX"), .asks, .noCheck, .article("spf"),
            ])
        #expect(transcript.text() == text)
    }

    @Test(arguments: [
        ("? says x", "must follow"), ("> a\n< b\n? says x", "before the reply"),
        ("> a\n? tell x", "unknown expectation"),
        ("> a\n? check mx", "two words"), ("> a\n? check mux a.test", "unknown check"), ("> a\n? says", "needs a text"),
    ])
    func rejectsMalformedExpectations(text: String, message: String) {
        #expect {
            try Transcript.parse(text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func failedExpectationsAndDeadEndsAreDefects() async throws {
        let runner = TranscriptRunner { _ in KnowledgeFixture.engine }
        // `reset` answers without a check, a question or an article: three defects, besides the dead end.
        let transcript = try Transcript.parse(
            "> reset\n? check mx good.test\n? article spf\n? says nowhere\n\n> qwzx vbnm\n? no-check\n")
        let outcome = try await runner.run(transcript, name: "t.transcript")
        #expect(outcome.defects.map(\.kind) == [.checkNotRun, .wrongArticle, .factMissing, .fallback])
        #expect(outcome.defects.map(\.line) == [1, 1, 1, 6])
        // Without any `?` line a file is not a scenario: an unknown message is not counted.
        let plain = try await runner.run(try Transcript.parse("> qwzx vbnm\n"), name: "p.transcript")
        #expect(plain.defects.isEmpty)
    }

    @Test(arguments: [
        ("good.test", "good.test", true), ("mail.dialog.test", "dialog.test", true),
        ("dialog.test:587", "dialog.test", true),
        ("good.test", "null.mx.test", false), ("192.0.2.2", "192.0.2.25", false),
    ])
    func targetsMatchByNameOrHost(actual: String, expected: String, same: Bool) {
        #expect(Expectation.sameTarget(actual, expected) == same)
    }
}
