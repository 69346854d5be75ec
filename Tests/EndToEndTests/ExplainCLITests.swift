import Foundation
import TestSupport
import Testing

/// `maildoctor explain --json`: the batch form that skips the argument parser must answer exactly as the
/// parsed form does, errors included.
@Suite struct ExplainCLITests {
    /// A folder with a bounce, a text that is not one, and a file name with a space.
    private static func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("maildoctor-explain-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bounce = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
            To: alice@example.org
            Subject: Undelivered Mail Returned to Sender

            <bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>:
                Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)
            """
        try Data(bounce.utf8).write(to: directory.appendingPathComponent("a bounce.eml"))
        try Data("Hello, lunch on Friday?".utf8).write(to: directory.appendingPathComponent("b-note.txt"))
        return directory
    }

    @Test func batchFormAnswersLikeTheParsedForm() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fast = try Binary.maildoctor(["explain", "--json", directory.path])
        // A "--" (or any other option) takes the argument parser's way.
        let parsed = try Binary.maildoctor(["explain", "--json", "--", directory.path])
        #expect(fast.status == 0)
        #expect(fast.stdout == parsed.stdout)
        let lines = fast.stdout.split(separator: "\n")
        try #require(lines.count == 2)
        #expect(lines[0].contains("\"is_bounce\":true") && lines[0].contains("a bounce.eml"))
        #expect(lines[0].contains("\"reason\":\"userunknown\""))
        #expect(lines[1].contains("\"is_bounce\":false") && lines[1].contains("b-note.txt"))
    }

    @Test func batchFormReportsErrorsLikeTheParsedForm() throws {
        let missing = try Binary.maildoctor(["explain", "--json", "/nonexistent/bounces"])
        let parsedMissing = try Binary.maildoctor(["explain", "--json", "--", "/nonexistent/bounces"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("no such file or folder: /nonexistent/bounces"))
        #expect(missing.stderr == parsedMissing.stderr)

        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["MAILDOCTOR_TIMEOUT": "0"]
        let badSetting = try Binary.maildoctor(["explain", "--json", directory.path], environment: environment)
        #expect(badSetting.status != 0)
        #expect(
            badSetting.stderr.contains("MAILDOCTOR_TIMEOUT: the timeout must be more than 0 and at most 300 seconds"))
        #expect(badSetting.stdout.isEmpty)
    }

    /// A complaint report and an out-of-office reply are not bounces, but `explain` says what they are,
    /// as the conversation does, instead of "this does not look like a bounce".
    @Test func feedbackReportsAndAutoRepliesAreExplained() throws {
        let complaint = SampleMessages.report(
            "feedback-report",
            headers: [
                "From: <staff@isp.example>", "To: <abuse@sender.example>", "Subject: FW: Earn money",
                "MIME-Version: 1.0",
            ],
            boundary: "part",
            parts: [
                .init("text/plain", "This is an email abuse report for a message received from IP address 192.0.2.1."),
                .init(
                    "message/feedback-report",
                    SampleMessages.abuseReportFields(["Original-Rcpt-To: <user@isp.example>"])),
            ])
        let vacation = """
            From: bob@example.com
            To: alice@example.org
            Subject: Out of office: our meeting
            Auto-Submitted: auto-replied

            I am away until Monday and will answer your message when I am back.
            """
        for (text, expected) in [(complaint, "complaint report"), (vacation, "automatic reply")] {
            let output = try Binary.maildoctor(["explain", "-"], stdin: text)
            #expect(output.status == 0)
            #expect(output.stdout.contains(expected), "\(output.stdout)")
            #expect(!output.stdout.contains("does not look like a bounce"))
        }
    }

    @Test func filesAndStandardInputAnswerInOrder() throws {
        let directory = try Self.folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let note = directory.appendingPathComponent("b-note.txt").path
        let output = try Binary.maildoctor(["explain", "--json", note, "-"], stdin: "550 5.2.2 mailbox full")
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        try #require(lines.count == 2)
        #expect(lines[0].contains("b-note.txt") && lines[0].contains("\"is_bounce\":false"))
        #expect(lines[1].contains("\"file\":\"-\"") && lines[1].contains("\"reason\":\"mailboxfull\""))
    }
}
