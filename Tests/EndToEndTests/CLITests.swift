import Foundation
import TestSupport
import Testing

@Suite struct CLITests {
    @Test func version() throws {
        let output = try Binary.maildoctor(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func helpHasExamplesAndSubcommands() throws {
        let output = try Binary.maildoctor(["--help"])
        #expect(output.status == 0)
        for word in ["Examples:", "ask", "kb", "transcripts", "--resolver", "--provider", "--allow-private"] {
            #expect(output.stdout.contains(word), "help lacks \(word)")
        }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let output = try Binary.maildoctor(["--generate-completion-script", shell])
        #expect(output.status == 0)
        #expect(output.stdout.contains("maildoctor"))
    }

    @Test func pipedStdinIsOneMessageAndOneAnswer() throws {
        let text = (1...20).map { "line \($0): my mailbox is full and I cannot receive mail" }.joined(separator: "\n")
        let output = try Binary.maildoctor([], stdin: text)
        #expect(output.status == 0)
        #expect(output.stdout.components(separatedBy: "Article:").count == 2)
        #expect(output.stdout.contains("Article: Your mailbox is full"))
    }

    @Test func askJSON() throws {
        let output = try Binary.maildoctor(["ask", "--json", "550 5.7.26 unauthenticated email from my domain"])
        #expect(output.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let articles = object?["articles"] as? [[String: Any]]
        #expect(articles?.first?["id"] as? String == "smtp-550-5.7.26")
        #expect(object?["intent"] as? String == "bounce")
        #expect((object?["bounce"] as? [String: Any])?["is_bounce"] as? Bool == true)
        #expect(object?["direction"] as? String != nil)
    }

    @Test func badOptionsGiveClearErrors() throws {
        let provider = try Binary.maildoctor(["ask", "--provider", "nope", "hello"])
        #expect(provider.status != 0)
        #expect(provider.stderr.contains("unknown provider 'nope'"))
        let timeout = try Binary.maildoctor(["ask", "--timeout", "-1", "hello"])
        #expect(timeout.status != 0)
        #expect(timeout.stderr.contains("--timeout"))
    }

    @Test func environmentProvidesDefaults() throws {
        let output = try Binary.maildoctor(["ask", "hello"], environment: ["MAILDOCTOR_PROVIDER": "nope"])
        #expect(output.stderr.contains("unknown provider 'nope'"))
    }

    @Test func kbCommands() throws {
        let lint = try Binary.maildoctor([
            "kb", "lint", "--kb", TestPaths.root.appendingPathComponent("KnowledgeBase").path,
        ])
        #expect(lint.status == 0, "\(lint.stdout)")
        #expect(lint.stdout.contains("no problems"))
        let show = try Binary.maildoctor(["kb", "show", "sending-limits"])
        #expect(show.stdout.contains("200"))
        #expect(!show.stdout.contains("{{provider."))
        let search = try Binary.maildoctor(["kb", "search", "--explain", "550 5.7.1 blocked"])
        #expect(search.stdout.contains("code 5.7.1"))
        let list = try Binary.maildoctor(["kb", "list"])
        #expect(list.stdout.split(separator: "\n").count >= 37)
    }

    @Test func brokenKnowledgeBaseFileIsReportedAndTheRestLoads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("KnowledgeBase"), to: folder)
        try "---\nid: [broken\n---\n".write(
            to: folder.appendingPathComponent("articles/broken.md"), atomically: true, encoding: .utf8)
        let output = try Binary.maildoctor(["ask", "--kb", folder.path, "my mailbox is full"])
        #expect(output.status == 0)
        #expect(output.stderr.contains("articles/broken.md"))
        #expect(output.stdout.contains("Article: Your mailbox is full"))
        let lint = try Binary.maildoctor(["kb", "lint", "--kb", folder.path])
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("articles/broken.md:"))
    }

    @Test func failingTranscriptExitsOneWithDiff() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).transcript")
        defer { try? FileManager.default.removeItem(at: file) }
        try "> reset\n< Not what it says.\n".write(to: file, atomically: true, encoding: .utf8)
        let output = try Binary.maildoctor(["transcripts", "run", file.path])
        #expect(output.status == 1)
        #expect(output.stdout.contains("-< Not what it says."))
        #expect(output.stdout.contains("+< Starting over."))
    }

    @Test func recordRewritesExpectedReplies() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString).transcript")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# keep me\n> reset\n< old\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try Binary.maildoctor(["transcripts", "record", file.path]).status == 0)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text == "# keep me\n> reset\n< Starting over. What is going wrong with your email?\n")
        #expect(try Binary.maildoctor(["transcripts", "run", file.path]).status == 0)
    }
}
