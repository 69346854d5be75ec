import Conversation
import Foundation
import Knowledge
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
            try TranscriptEngines.engine(options: options, knowledge: Fixture.knowledge, environment: [:])
        } throws: { error in
            (error as? TranscriptError)?.message.hasPrefix(message) == true
        }
    }

    @Test func mismatchProducesUnifiedDiff() async throws {
        let runner = TranscriptRunner { _ in Fixture.engine }
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

    /// Every transcript in `Transcripts/`, replayed through the engine: one case per file.
    @Test(arguments: Fixture.transcriptFiles)
    func transcriptReplays(file: String) async throws {
        let runner = TranscriptRunner { options in
            try TranscriptEngines.engine(options: options, knowledge: Fixture.knowledge)
        }
        let outcome = try await runner.run(file: Fixture.root.appendingPathComponent("Transcripts/\(file)"))
        #expect(outcome.mismatches == 0, "\(outcome.diff)")
    }
}
