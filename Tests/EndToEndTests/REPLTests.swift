import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Drives the real binary's REPL under tmux on a private socket, as a person at a terminal would.
@Suite(.serialized) struct REPLTests {
    /// A tmux server of our own, stopped by PID.
    final class Tmux {
        let socket = "maildoctor-test-\(UUID().uuidString.prefix(8))"
        var serverPID: Int32 = 0
        let tmux = "/usr/bin/tmux"

        func start(_ command: String, width: Int = 110, history: Int = 2000) throws {
            let output = try Binary.run(
                tmux,
                [
                    "-L", socket, "-f", "/dev/null", "start-server", ";", "set-option", "-g", "history-limit",
                    "\(history)", ";", "new-session", "-d", "-x", "\(width)", "-y", "50", command,
                ],
                detached: true)
            try #require(output.status == 0, "tmux did not start")
            let pid = try Binary.run(tmux, ["-L", socket, "display-message", "-p", "#{pid}"]).stdout
            serverPID = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            try #require(serverPID > 0)
        }

        /// Starts the REPL with `arguments`, `environment` (e.g. `-u NO_COLOR`) set before its state folder
        /// `state`, and `then` run by the shell when it exits; waits for the first prompt.
        func startREPL(
            _ arguments: String = "", environment: String = "", state: URL, then: String = "sleep 30", width: Int = 110,
            history: Int = 2000
        ) throws {
            let environment = environment.isEmpty ? "" : environment + " "
            let arguments = arguments.isEmpty ? "" : " " + arguments
            try start(
                "env \(environment)XDG_STATE_HOME=\(state.path) TERM=xterm-256color \(Binary.path)\(arguments); \(then)",
                width: width, history: history)
            try wait(for: "prompt") { $0.contains("maildoctor> ") }
        }

        func keys(_ keys: String...) throws {
            _ = try Binary.run(tmux, ["-L", socket, "send-keys", "-t", "0"] + keys)
        }

        func paste(_ text: String) throws {
            _ = try Binary.run(tmux, ["-L", socket, "load-buffer", "-"], stdin: text)
            _ = try Binary.run(tmux, ["-L", socket, "paste-buffer", "-d", "-t", "0"])
        }

        /// The screen and its scrollback; `joined` undoes the terminal's own wrapping of long lines,
        /// `escapes` keeps colours as escape sequences.
        func screen(joined: Bool = true, escapes: Bool = false) throws -> String {
            let flags = ["-p"] + (joined ? ["-J"] : []) + (escapes ? ["-e"] : [])
            return try Binary.run(tmux, ["-L", socket, "capture-pane"] + flags + ["-S", "-", "-t", "0"]).stdout
        }

        /// The visible screen only.
        func visible() throws -> String {
            try Binary.run(tmux, ["-L", socket, "capture-pane", "-p", "-t", "0"]).stdout
        }

        /// Waits until `condition` holds for the screen, or fails after `seconds`.
        @discardableResult
        func wait(for what: String, seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var text = ""
            while Date() < deadline {
                text = try screen()
                if condition(text) { return text }
                usleep(100_000)
            }
            Issue.record("timed out waiting for \(what); screen:\n\(text)")
            return text
        }

        func stop() {
            guard serverPID > 0 else { return }
            kill(serverPID, SIGTERM)
            for _ in 0..<50 where kill(serverPID, 0) == 0 { usleep(20_000) }
            if kill(serverPID, 0) == 0 { kill(serverPID, SIGKILL) }
            serverPID = 0
        }

        deinit { stop() }
    }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// A new folder for the REPL's state (its history); the caller removes it.
    static func stateFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("md-state-\(UUID().uuidString)")
    }

    @Test func tabHistoryPasteCtrlCAndCtrlD() throws {
        let state = Self.stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }

        let first = Tmux()
        defer { first.stop() }
        try first.startREPL(state: state, then: "echo EXIT=$?; sleep 30")

        // Tab completes `he` to `help`.
        try first.keys("he", "Tab")
        try first.wait(for: "completion") { $0.contains("maildoctor> help") }
        try first.keys("Enter")
        try first.wait(for: "help reply") { $0.contains("Commands") && Self.count("maildoctor> ", in: $0) == 2 }

        // Ctrl-C drops the line being typed and gives a new prompt; nothing is answered.
        try first.keys("this line is abandoned")
        try first.wait(for: "typed text") { $0.contains("this line is abandoned") }
        try first.keys("C-c")
        let afterInterrupt = try first.wait(for: "prompt after Ctrl-C") { Self.count("maildoctor> ", in: $0) == 3 }
        #expect(!afterInterrupt.contains("I can't help"))

        // A pasted 20-line text is one message with one reply.
        let paste = (1...20).map { "pasted line \($0): my mailbox is full and I cannot receive" }.joined(
            separator: "\n")
        try first.paste(paste + "\n")
        let afterPaste = try first.wait(for: "one reply to the paste") {
            Self.count("Article:", in: $0) == 1 && Self.count("maildoctor> ", in: $0) == 4
        }
        #expect(Self.count("Article:", in: afterPaste) == 1)

        // Ctrl-D leaves with status 0.
        try first.keys("C-d")
        try first.wait(for: "exit status") { $0.contains("EXIT=0") }
        first.stop()

        let historyFile = state.appendingPathComponent("maildoctor/history").path
        let mode = try FileManager.default.attributesOfItem(atPath: historyFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // History survives a restart: Up brings back the last line typed.
        let second = Tmux()
        defer { second.stop() }
        try second.startREPL(state: state, then: "echo EXIT=$?; sleep 30")
        try second.keys("Up")
        try second.wait(for: "history entry") { $0.contains("maildoctor> help") }
        try second.keys("C-u", "quit", "Enter")
        try second.wait(for: "quit") { $0.contains("EXIT=0") }
    }

    /// The new user's papercuts, at 80 columns: completion adds a space, `clear` clears, results are
    /// coloured and wrapped at word boundaries, hostile DNS data shows neutralised, one progress text.
    @Test func completionClearColoursWrappingAndHostileRecords() throws {
        let resolver = try KnotFixture.address()
        let state = Self.stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.startREPL(
            "--resolver \(resolver) --dnsbl zen.spamhaus.org", environment: "-u NO_COLOR", state: state,
            then: "echo EXIT=$?; sleep 30", width: 80)

        // `sho` + Tab gives `show ` with its space: the next word does not run on.
        try tmux.keys("sho", "Tab")
        try tmux.wait(for: "completion") { $0.contains("maildoctor> show ") }
        try tmux.keys("spf", "Enter")
        try tmux.wait(for: "article") { Self.count("maildoctor> ", in: $0) == 2 }
        #expect(!(try tmux.screen()).contains("showspf"))

        // `clear` empties the screen: only a new prompt is left on it.
        try tmux.keys("clear", "Enter")
        let deadline = Date().addingTimeInterval(10)
        var visible = try tmux.visible()
        while Date() < deadline, visible.trimmingCharacters(in: .whitespacesAndNewlines) != "maildoctor>" {
            usleep(100_000)
            visible = try tmux.visible()
        }
        #expect(visible.trimmingCharacters(in: .whitespacesAndNewlines) == "maildoctor>", "\(visible)")

        // Hostile records: shown neutralised (a raw ESC [2J would have cleared the screen, an OSC 52 vanished).
        let before = Self.count("maildoctor> ", in: try tmux.screen())
        try tmux.keys("check hostile.test", "Enter")
        let hostile = try tmux.wait(for: "check reply", seconds: 30) {
            Self.count("maildoctor> ", in: $0) == before + 1
        }
        #expect(hostile.contains("␛]52;c;aGk=␇"), "\(hostile)")
        #expect(hostile.contains("maildoctor> check hostile.test"))
        #expect(hostile.contains("(Ctrl-C to cancel)") == false)

        // FAIL red, WARN yellow, PASS green.
        let coloured = try tmux.screen(escapes: true)
        // tmux reports bold and colour as separate sequences.
        #expect(coloured.contains("[31mFAIL\u{1B}["), "\(coloured)")
        #expect(coloured.contains("[33mWARN\u{1B}["))
        try tmux.keys("check good.test", "Enter")
        let good = try tmux.wait(for: "second check", seconds: 30) {
            Self.count("maildoctor> ", in: $0) == before + 2
        }
        #expect(good.contains("PASS"))
        #expect(try tmux.screen(escapes: true).contains("[32mPASS\u{1B}["))

        // Wrapping happens at spaces within 80 columns: the terminal never had to wrap a line itself.
        // (Joined capture keeps trailing blanks, the other does not.)
        func trimmed(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                String(line.reversed().drop { $0 == " " }.reversed())
            }.joined(separator: "\n")
        }
        let physical = trimmed(try tmux.screen(joined: false))
        let logical = trimmed(try tmux.screen(joined: true))
        #expect(
            physical == logical,
            "\(zip(physical.split(separator: "\n"), logical.split(separator: "\n")).first { $0 != $1 }.map { "\($0.0)\n\($0.1)" } ?? "")"
        )
        for line in physical.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        tmux.stop()

        // NO_COLOR: no colour at all.
        let plain = Tmux()
        defer { plain.stop() }
        try plain.startREPL("--resolver \(resolver)", environment: "NO_COLOR=1", state: state, width: 80)
        try plain.keys("check hostile.test", "Enter")
        try plain.wait(for: "check reply", seconds: 30) { Self.count("maildoctor> ", in: $0) == 2 }
        let uncoloured = try plain.screen(escapes: true)
        #expect(uncoloured.contains("FAIL"))
        #expect(!uncoloured.contains("\u{1B}[31m") && !uncoloured.contains("\u{1B}[32m"))
    }

    /// While a check waits for DNS, the status line reads one progress text with one "(Ctrl-C to cancel)".
    /// (The status line is drawn with colours, so NO_COLOR, which the test environment may set, is unset.)
    @Test func oneProgressText() throws {
        // A UDP socket nobody reads: every DNS query waits for its timeout.
        let hole = try LoopbackSocket.bind(type: SOCK_DGRAM, port: 0)
        defer { close(hole) }
        let port = LoopbackSocket.port(of: hole)
        let state = Self.stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.startREPL(
            "--resolver 127.0.0.1:\(port) --timeout 6", environment: "-u NO_COLOR", state: state, width: 100)
        try tmux.keys("check example.com", "Enter")
        var seen: [String] = []
        for _ in 0..<30 {
            let screen = try tmux.screen()
            if let line = screen.split(separator: "\n").first(where: { $0.contains("Ctrl-C") }) {
                seen.append(String(line))
            }
            usleep(100_000)
        }
        let last = try tmux.screen()
        #expect(!seen.isEmpty, "no progress line shown: \(last)")
        for line in seen { #expect(Self.count("(Ctrl-C to cancel)", in: line) == 1, "\(line)") }
        try tmux.keys("C-c")
        try tmux.wait(for: "cancelled") { $0.contains("Cancelled") }
    }

    /// On a terminal, `check` asks before probing a loopback address (default no); only "y" probes.
    @Test func checkAsksBeforeProbingLoopback() throws {
        for (answer, probed) in [("", false), ("n", false), ("y", true)] {
            let tmux = Tmux()
            defer { tmux.stop() }
            // Port 2525 (a mail port) on loopback: nothing listens, so a probe ends with "connection refused".
            try tmux.start("\(Binary.path) check --only smtp 127.0.0.1:2525; echo EXIT=$?; sleep 30")
            try tmux.wait(for: "question") { $0.contains("Probe it anyway?") && $0.contains("[y/N]") }
            #expect(!(try tmux.screen()).contains("connection refused"), "probed before the answer")
            if answer.isEmpty { try tmux.keys("Enter") } else { try tmux.keys(answer, "Enter") }
            let screen = try tmux.wait(for: "result", seconds: 30) { $0.contains("EXIT=") }
            #expect(screen.contains("127.0.0.1 is a loopback address"))
            #expect(screen.contains("connection refused") == probed, "\(answer): \(screen)")
            #expect(screen.contains("probe.target-refused") == !probed, "\(answer): \(screen)")
        }
    }

    /// A paste of more than 10,000 lines (a big bounce) is one message with one reply.
    @Test func longPasteIsOneMessage() throws {
        let state = Self.stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let tmux = Tmux()
        defer { tmux.stop() }
        try tmux.startREPL(state: state, then: "sleep 120", history: 50_000)
        let paste = (1...12_000).map { "line \($0): mailbox full" }.joined(separator: "\n")
        try tmux.paste(paste + "\n")
        // The last line is the prompt once everything was read and answered.
        func answered(_ screen: String) -> Bool {
            screen.contains("line 12000: mailbox full") && screen.contains("Article:")
                && screen.split(separator: "\n").last?.hasPrefix("maildoctor>") == true
        }
        try tmux.wait(for: "the reply", seconds: 120, answered)
        sleep(2)
        let after = try tmux.screen()
        #expect(Self.count("Article:", in: after) == 1, "\(after.suffix(2000))")
        #expect(Self.count("maildoctor> ", in: after) == 2)
        #expect(!after.contains("I can't help"))
    }
}
