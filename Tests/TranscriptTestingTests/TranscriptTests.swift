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
