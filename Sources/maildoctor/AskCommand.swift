import ArgumentParser
import Conversation
import Foundation
import Shell

/// `maildoctor ask`: answer one message.
struct Ask: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Answer one message: a complaint or a pasted bounce.",
        discussion: """
            Examples:
              maildoctor ask "my emails are not arriving since yesterday"
              maildoctor ask --json "550 5.1.1 user unknown"
              maildoctor ask - < bounce.eml
            """)

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Argument(help: "The message, or '-' to read it from stdin.")
    var text: [String] = []

    @OptionGroup var global: GlobalOptions

    mutating func run() async throws {
        let message: String
        if text.isEmpty || text == ["-"] {
            message = try MailDoctor.standardInputText()
        } else {
            message = text.joined(separator: " ")
        }
        let engine = try global.settings().makeEngine()
        let (_, reply) = await engine.respond(to: message, in: Session(id: "ask"))
        if json {
            try Output.line(ReplyRenderer.json(reply, strings: engine.strings))
        } else {
            try Output.line(
                ReplyRenderer(
                    style: Terminal.useColor() ? .ansi : .plain, width: Terminal.width(), strings: engine.strings
                ).render(reply))
        }
    }
}
