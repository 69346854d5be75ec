import ArgumentParser
import Conversation
import EmbeddedKnowledge
import EngineWiring
import Foundation
import Knowledge
import MCPServer

/// `maildoctor mcp`: the Model Context Protocol server, for AI assistants that start it as a subprocess.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve MailDoctor's tools to AI assistants over the Model Context Protocol (stdio).",
        discussion: """
            An assistant starts this command and speaks MCP (JSON-RPC, one message per line) on its standard input and output; logs go to standard error only. See docs/MCP.md for a configuration snippet.

            Tools: diagnose, explain_bounce, check_domain, check_ip, probe_server, search_articles. Resources: maildoctor://articles/{id}. Prompts: troubleshoot-email, explain-bounce.

            Server probes refuse private, loopback and reserved addresses and non-mail ports unless --allow-private or --allow-hosts is given here: the model cannot lift that.

            Example:
              maildoctor mcp --provider ovhcloud
            """)

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        // A closed standard output must surface as EPIPE on write, not kill the process.
        signal(SIGPIPE, SIG_IGN)
        let settings = try global.settings()
        // Bad options exit before any message is read (the others were checked with the command line): the
        // provider name against the built-in profiles (read without parsing the knowledge base). A
        // knowledge base from --kb is loaded now, to check it.
        if settings.knowledgeDirectory != nil {
            try settings.checkProvider(in: try settings.knowledgeBase(reportProblems: false))
        } else {
            try settings.wired { () throws(EngineSettingsError) in
                try settings.engine.checkProvider(known: KnowledgeBase.embeddedProviderIDs())
            }
        }
        // Loading and indexing the knowledge base is most of the start-up: it runs in the background, and
        // `initialize` and `tools/list` are answered meanwhile.
        let tools = DoctorTools(parts: {
            let knowledge = try settings.knowledge()
            return .init(knowledge: knowledge, liveChecks: try settings.liveChecks(for: knowledge.provider))
        })
        do {
            try await DoctorServer.run(tools: tools, version: MailDoctor.version)
        } catch {
            Log.error("mcp: \(error)")
            throw ExitCode(1)
        }
    }
}
