import Foundation
import Testing

/// Drives the real binary's REPL under tmux on a private socket, as a person at a terminal would.
@Suite(.serialized) struct REPLTests {
    /// A tmux server of our own, stopped by PID.
    final class Tmux {
        let socket = "maildoctor-test-\(UUID().uuidString.prefix(8))"
        var serverPID: Int32 = 0
        let tmux = "/usr/bin/tmux"

        func start(_ command: String) throws {
            let output = try Binary.run(
                tmux, ["-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "110", "-y", "50", command],
                detached: true)
            try #require(output.status == 0, "tmux did not start")
            let pid = try Binary.run(tmux, ["-L", socket, "display-message", "-p", "#{pid}"]).stdout
            serverPID = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            try #require(serverPID > 0)
        }

        func keys(_ keys: String...) throws {
            _ = try Binary.run(tmux, ["-L", socket, "send-keys", "-t", "0"] + keys)
        }

        func paste(_ text: String) throws {
            _ = try Binary.run(tmux, ["-L", socket, "load-buffer", "-"], stdin: text)
            _ = try Binary.run(tmux, ["-L", socket, "paste-buffer", "-d", "-t", "0"])
        }

        func screen() throws -> String {
            try Binary.run(tmux, ["-L", socket, "capture-pane", "-p", "-J", "-S", "-2000", "-t", "0"]).stdout
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

    @Test func tabHistoryPasteCtrlCAndCtrlD() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("md-state-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let command = "env XDG_STATE_HOME=\(state.path) TERM=xterm-256color \(Binary.path); echo EXIT=$?; sleep 30"

        let first = Tmux()
        defer { first.stop() }
        try first.start(command)
        try first.wait(for: "prompt") { $0.contains("maildoctor> ") }

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
        try second.start(command)
        try second.wait(for: "prompt") { $0.contains("maildoctor> ") }
        try second.keys("Up")
        try second.wait(for: "history entry") { $0.contains("maildoctor> help") }
        try second.keys("C-u", "quit", "Enter")
        try second.wait(for: "quit") { $0.contains("EXIT=0") }
    }
}
