import ArgumentParser
import Bounces
import CShims
import Conversation
import EmbeddedKnowledge
import Foundation
import Sanitizer
import Shell

/// The `maildoctor` command: a REPL on a terminal, one answer for piped input, and subcommands.
@main
struct MailDoctor: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "maildoctor",
        abstract: "A support assistant for email that cannot be sent or received.",
        discussion: """
            With a terminal on stdin, maildoctor starts an interactive session. Otherwise it reads ALL of stdin as one message (a complaint or a bounce), answers once and exits.

            Examples:
              maildoctor                        # start the interactive session
              echo "I can't receive mail since Monday" | maildoctor
              maildoctor < bounce.eml           # explain a bounce
              maildoctor ask --json "550 5.7.26 unauthenticated email"
              maildoctor kb search --explain "mailbox full"
              maildoctor transcripts run Transcripts/
              maildoctor mcp                               serve AI assistants (Model Context Protocol)
            """,
        version: version,
        subcommands: [Ask.self, Explain.self, Check.self, Serve.self, MCPCommand.self, KB.self, Transcripts.self]
    )

    @OptionGroup var global: GlobalOptions

    /// Runs the command line; `explain --json PATH…` skips the argument parser (see `Explain.plainJSONInputs`).
    static func main() async {
        if let inputs = Explain.plainJSONInputs(CommandLine.arguments.dropFirst()),
            let settings = try? Settings.resolve(environment: Settings.variables())
        {
            explainBatch(inputs, settings: settings)
        }
        // Anything else, including settings the environment makes invalid, is parsed and reported as usual,
        // except that error messages are neutralised: they may quote what was typed (`kb show $'x\e[2J'`).
        do {
            var command = try parseAsRoot(nil)
            warmKnowledge(for: command)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exitShowing(error)
        }
    }

    /// Decodes the compiled-in knowledge base here, on the main thread, for the commands that answer
    /// messages. The commands run on a worker thread, whose own malloc arena grows a page at a time (one
    /// `mprotect` each, many of them for the decoded tables: a large share of a cold `ask`, which
    /// `bench/coldstart.sh` measures); the main thread's heap grows in large steps.
    private static func warmKnowledge(for command: any ParsableCommand) {
        let answers = command is MailDoctor || command is Ask || command is Serve || command is MCPCommand
        guard answers, !CommandLine.arguments.contains(where: { $0 == "--kb" || $0.hasPrefix("--kb=") }) else {
            return
        }
        _ = EmbeddedKnowledge.loaded
    }

    /// Prints the message for `error` (help and version on stdout, errors on stderr, neutralised) and exits
    /// with its code, as ArgumentParser's `exit(withError:)` does.
    static func exitShowing(_ error: any Error) -> Never {
        let code = exitCode(for: error)
        let message = fullMessage(for: error)
        if !message.isEmpty {
            if code == .success {
                print(message)
            } else {
                FileHandle.standardError.write(Data((TextSanitizer.neutralize(message) + "\n").utf8))
            }
        }
        Foundation.exit(code.rawValue)
    }

    /// Runs `explain --json` on this thread and plain worker threads (see `PlainThread`), then exits.
    ///
    /// The bounce reader warms up on a thread of its own meanwhile: its one-time set-up (tables, runtime
    /// type data) then runs on the second processor while this one lists the folders, instead of on the
    /// workers' first files.
    private static func explainBatch(_ inputs: [String], settings: Settings) -> Never {
        let warmUp = PlainThread.start { BounceParser.warmUp() }
        do {
            try Explain.explainJSON(inputs, settings: settings)
        } catch {
            warmUp?.join()
            exitShowing(error)
        }
        warmUp?.join()
        Foundation.exit(0)
    }

    /// Standard input as one message, up to the input limit (see `BoundedInput`).
    static func standardInputText() throws -> String {
        guard let content = BoundedInput.standardInput() else {
            Log.error("cannot read stdin")
            throw ExitCode(1)
        }
        // The engine reads no more than its first `maximumMessageBytes` (10 MB) of a message: only
        // that much becomes a string, so the input is not held twice.
        return String(decoding: content.bytes.prefix(ConversationEngine.maximumMessageBytes), as: UTF8.self)
    }

    mutating func run() async throws {
        let settings = try global.settings()
        var engine = try settings.makeEngine()
        if Terminal.inputIsTerminal {
            // At a terminal, its locale is the first guess until the person's words show a language.
            engine.guessedLanguage = settings.localeLanguage
            let repl = await REPL(engine: engine, historyPath: HistoryFile.path(), color: Terminal.useColor())
            let status = await repl.run()
            throw ExitCode(status)
        }
        let (_, reply) = await engine.respond(to: try Self.standardInputText(), in: Session(id: "stdin"))
        let renderer = ReplyRenderer(
            style: Terminal.useColor() ? .ansi : .plain, width: Terminal.width(), strings: engine.strings)
        try Output.line(renderer.render(reply))
    }
}
