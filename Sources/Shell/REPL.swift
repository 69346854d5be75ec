import Conversation
@preconcurrency import Dispatch
import Foundation
import Localization
import Sanitizer
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The interactive shell: reads messages with libedit, answers them through the engine, prints
/// replies styled for the terminal.
@MainActor
public final class REPL {
    private let engine: ConversationEngine
    private let editor: LineEditor
    private var session: Session
    private let color: Bool

    /// Creates a REPL over an engine; history goes to `historyPath` (nil: no history file).
    public init(engine: ConversationEngine, historyPath: String?, color: Bool) {
        self.engine = engine
        self.color = color
        self.session = Session(id: "repl")
        let commands = ConversationEngine.commands + ["check", "clear"]
        self.editor = LineEditor(
            historyPath: historyPath, words: commands + ["exit"],
            argumentWords: [
                "show": engine.articleIDs, "article": engine.articleIDs,
                "check": [
                    "mx", "spf", "dmarc", "dkim", "dnsbl", "ptr", "domain", "mta-sts", "tls-rpt", "smtp", "submission",
                    "imap", "pop3",
                ],
            ])
    }

    /// The language the shell speaks: the conversation's, else `--lang`, else the terminal's locale.
    private var language: Language {
        session.language ?? engine.pinnedLanguage ?? session.guessedLanguage ?? engine.guessedLanguage ?? .english
    }

    /// A text of the shell itself in its language.
    private func say(_ text: LocalizedText) -> String { engine.strings.render(text, in: language) }

    /// Runs until Ctrl-D or `quit`; returns the exit status.
    public func run() async -> Int32 {
        print(style("MailDoctor", code: "1") + say(" — tell me what goes wrong with your email, or paste a bounce."))
        print(style(say("Type `help` for commands, Tab to complete, Ctrl-D or `quit` to leave."), code: "2"))
        while true {
            switch editor.read(prompt: "maildoctor> ") {
            case .endOfInput:
                print("")
                return 0
            case .interrupted:
                print("")
                continue
            case .message(let text):
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                if trimmed == "quit" || trimmed == "exit" { return 0 }
                if trimmed.isEmpty { continue }
                if trimmed == "clear" || trimmed == "cls" {
                    clearScreen()
                    continue
                }
                if editor.lastMessageCut > 0 {
                    print(
                        style(
                            say(
                                "Your paste was over 64 MB: only the first 64 MB are read (\(editor.lastMessageCut) bytes left out)."
                            ),
                            code: "33"))
                }
                await answer(text)
            }
        }
    }

    private func answer(_ text: String) async {
        let engine = self.engine
        let session = self.session
        // Live status line on a terminal: the latest progress of running checks, overwritten in place.
        let progress = ProgressLine(
            enabled: color, width: Terminal.width() ?? 80, cancelHint: say(" (Ctrl-C to cancel)"))
        let work = Task {
            await engine.respond(to: text, in: session) { event in progress.show(event.text) }
        }
        let watcher = CancelWatcher(onInterrupt: { work.cancel() })
        let status = Task { @MainActor in
            try await Task.sleep(for: .milliseconds(400))
            progress.show("working…", unlessShown: true)
        }
        let (next, reply) = await work.value
        status.cancel()
        watcher.stop()
        progress.clear()
        if work.isCancelled {
            print(style(say("Cancelled."), code: "33"))
            return
        }
        self.session = next
        let renderer = ReplyRenderer(style: color ? .ansi : .plain, width: Terminal.width(), strings: engine.strings)
        print(renderer.render(reply))
        print("")
    }

    /// `clear`: empties the screen and its scrollback, cursor at the top (nothing on a pipe).
    private func clearScreen() {
        guard Terminal.outputIsTerminal else { return }
        // Straight to the descriptor: stdout is line-buffered on a terminal and everything printed so far
        // ended with a line break.
        FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J\u{1B}[3J".utf8))
    }

    private func style(_ text: String, code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}

/// Watches the Ctrl-C pipe while an operation runs.
final class CancelWatcher: @unchecked Sendable {
    // The dispatch source is only created, then cancelled; Dispatch synchronises both.
    private let source: any DispatchSourceRead

    init(onInterrupt: @escaping @Sendable () -> Void) {
        SignalPipe.drain()
        source = DispatchSource.makeReadSource(fileDescriptor: SignalPipe.readEnd, queue: .global())
        source.setEventHandler {
            if SignalPipe.drain() { onInterrupt() }
        }
        source.activate()
    }

    func stop() { source.cancel() }
}

/// The one live status line under the prompt: the latest progress text, followed by one
/// "(Ctrl-C to cancel)", each write replacing the whole line.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let width: Int
    private let shown = Mutex(false)
    /// " (Ctrl-C to cancel)" in the conversation's language.
    private let cancelHint: String

    init(enabled: Bool, width: Int, cancelHint: String) {
        self.enabled = enabled
        self.width = max(20, width - 1)
        self.cancelHint = cancelHint
    }

    /// Shows `text` in place of whatever the line held; with `unlessShown`, only if nothing was shown yet.
    func show(_ text: String, unlessShown: Bool = false) {
        guard enabled else { return }
        let suffix = cancelHint
        let line = String(TextSanitizer.neutralizeLine(text).prefix(max(1, width - suffix.count)))
        // Under the lock: events of concurrent checks must not interleave their writes.
        shown.withLock { shown in
            if unlessShown && shown { return }
            shown = true
            FileHandle.standardError.write(Data("\u{1B}[2K\r\u{1B}[2m\(line)\(suffix)\u{1B}[0m\r".utf8))
        }
    }

    /// Removes the line.
    func clear() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8))
    }
}
