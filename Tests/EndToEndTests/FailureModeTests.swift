import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Write errors, bad options and odd paths: each ends with a clear message and a non-zero status.
@Suite struct FailureModeTests {
    /// Runs `arguments` with stdout on /dev/full (every write fails with ENOSPC).
    static func runOnFullDisk(_ arguments: [String], stdin: String = "") throws -> (Int32, String) {
        let process = try RunningProcess(arguments, stdout: "/dev/full")
        process.write(Array(stdin.utf8))
        process.closeInput()
        let status = process.wait(timeout: 60).status
        return (status, process.stderr)
    }

    @Test func writeErrorsEndAskExplainAndCheck() throws {
        let bounce = FileManager.default.temporaryDirectory.appendingPathComponent("b-\(UUID().uuidString).eml")
        try Data(Hostile.bounce(recipients: 2).utf8).write(to: bounce)
        defer { try? FileManager.default.removeItem(at: bounce) }
        let commands: [([String], String)] = [
            (["ask", "mailbox full"], ""),
            (["ask", "--json", "mailbox full"], ""),
            (["ask", "-"], "mailbox full"),
            ([], "mailbox full"),
            (["explain", bounce.path], ""),
            (["explain", "--json", bounce.path], ""),
            (["explain", "--json", "-"], Hostile.bounce(recipients: 1)),
            // No DNS server answers on this port: the checks fail quickly, then the report is written.
            (["check", "--only", "spf", "--timeout", "1", "--resolver", "127.0.0.1:9", "example.com"], ""),
            (["check", "--json", "--only", "spf", "--timeout", "1", "--resolver", "127.0.0.1:9", "example.com"], ""),
        ]
        for (arguments, stdin) in commands {
            let (status, stderr) = try Self.runOnFullDisk(arguments, stdin: stdin)
            #expect(status == 1, "\(arguments): status \(status)")
            #expect(stderr.contains("cannot write the output: No space left on device"), "\(arguments): \(stderr)")
        }
    }

    @Test func serveStopsWhenStdoutIsFull() throws {
        let process = try RunningProcess(["serve"], stdout: "/dev/full")
        process.write(Array(#"{"type":"ping","id":"p1"}"#.utf8) + [10])
        let (status, _) = process.wait(timeout: 20)
        #expect(status == 1)
        #expect(process.stderr.contains("cannot write to stdout (No space left on device)"), "\(process.stderr)")
    }

    @Test func serveStopsWhenStdoutIsClosed() throws {
        let process = try RunningProcess(["serve"], stdout: nil)
        close(process.output)
        process.write(Array(#"{"type":"ping","id":"p1"}"#.utf8) + [10])
        let (status, _) = process.wait(timeout: 20)
        #expect(status == 0)
        #expect(process.stderr.contains("stdout was closed; stopping"), "\(process.stderr)")
    }

    /// Bad options exit 64 with a clear message before anything runs (serve reads no line).
    @Test func badOptionsExit64BeforeAnythingRuns() throws {
        let cases: [([String], [String: String], String)] = [
            (["serve", "--resolver", "127.0.0.1:99999"], [:], "the resolver port must be between 1 and 65535"),
            (["serve", "--resolver", "dns.example:53"], [:], "the resolver must be an IP address and port"),
            (
                ["serve"], ["MAILDOCTOR_RESOLVER": "127.0.0.1:0"],
                "MAILDOCTOR_RESOLVER: the resolver port must be between"
            ),
            (["ask", "hi"], ["MAILDOCTOR_DNSBL": "a..b"], "MAILDOCTOR_DNSBL: \"a..b\" is not a usable blocklist zone"),
            (["ask", "--resolver", "[::1]:70000", "hi"], [:], "--resolver"),
            (["explain", "--json", "--resolver", "nowhere", "-"], [:], "--resolver"),
            (["check", "--resolver", "1.2.3.4:99999", "example.com"], [:], "--resolver"),
            (["serve", "--dnsbl", "bad..zone"], [:], "--dnsbl"),
            (["ask", "--dnsbl", ",", "hi"], [:], "--dnsbl"),
            (["explain", "--dnsbl", "a..b", "-"], [:], "--dnsbl"),
            (["serve", "--timeout", "0"], [:], "--timeout"),
            (["serve"], ["MAILDOCTOR_TIMEOUT": "soon"], "MAILDOCTOR_TIMEOUT must be a number"),
            (["serve", "--grace", "-1"], [:], "--grace"),
            (["serve", "--idle-timeout", "inf"], [:], "--idle-timeout"),
            (["serve", "--rate-per-minute", "nan"], [:], "rate limits"),
        ]
        for (arguments, environment, message) in cases {
            let process = try RunningProcess(arguments, environment: environment)
            // A line that would be answered if the server started: it must not be.
            process.write(Array(#"{"type":"ping","id":"p1"}"#.utf8) + [10])
            let (status, _) = process.wait(timeout: 20)
            process.closeInput()
            #expect(status == 64, "\(arguments) \(environment): status \(status)")
            #expect(process.stderr.contains(message), "\(arguments): \(process.stderr)")
            #expect(!process.stdout.contains("pong"), "\(arguments) started")
        }
    }

    @Test func symlinkLoopIsReportedAsSuch() throws {
        let folder = try TestPaths.temporaryDirectory("loop")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a").path
        let second = folder.appendingPathComponent("b").path
        symlink(second, first)
        symlink(first, second)
        for arguments in [["explain", first], ["explain", "--json", first]] {
            let output = try Binary.maildoctor(arguments)
            #expect(output.status == 64, "\(arguments)")
            #expect(
                output.stderr.contains("cannot open \(first): too many levels of symbolic links"), "\(output.stderr)")
            #expect(!output.stderr.contains("no such file"))
        }
        let missing = try Binary.maildoctor(["explain", folder.appendingPathComponent("none").path])
        #expect(missing.stderr.contains("no such file or folder"))
    }
}
