import Conversation
@preconcurrency import Dispatch
import Foundation

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
        let commands = ConversationEngine.commands + ["check"]
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

    /// Runs until Ctrl-D or `quit`; returns the exit status.
    public func run() async -> Int32 {
        print(style("MailDoctor", code: "1") + " — tell me what goes wrong with your email, or paste a bounce.")
        print(style("Type `help` for commands, Tab to complete, Ctrl-D or `quit` to leave.", code: "2"))
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
                await answer(text)
            }
        }
    }

    private func answer(_ text: String) async {
        let engine = self.engine
        let session = self.session
        // Live status line on a terminal: the latest progress of running checks, overwritten in place.
        let showProgress = color
        let width = max(20, (Terminal.width() ?? 80) - 24)
        let work = Task {
            await engine.respond(to: text, in: session) { event in
                guard showProgress else { return }
                let line = String(TextSanitizer.neutralize(event.text).prefix(width))
                FileHandle.standardError.write(Data("\u{1B}[2K\r\u{1B}[2m\(line) (Ctrl-C to cancel)\u{1B}[0m\r".utf8))
            }
        }
        let watcher = CancelWatcher(onInterrupt: { work.cancel() })
        let status = Task { @MainActor [color] in
            try await Task.sleep(for: .milliseconds(400))
            if color { FileHandle.standardError.write(Data("\u{1B}[2mworking… (Ctrl-C to cancel)\u{1B}[0m\r".utf8)) }
        }
        let (next, reply) = await work.value
        status.cancel()
        watcher.stop()
        if color { FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8)) }
        if work.isCancelled {
            print(style("Cancelled.", code: "33"))
            return
        }
        self.session = next
        let renderer = ReplyRenderer(style: color ? .ansi : .plain, width: Terminal.width())
        print(renderer.render(reply))
        print("")
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
