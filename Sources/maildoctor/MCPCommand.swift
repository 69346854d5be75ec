import ArgumentParser
import Conversation
import Foundation
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
        // Settings are checked now (bad options exit before any message is read); the knowledge base is
        // loaded and indexed in the background, so that the first requests are answered at once.
        let base = try settings.knowledgeBase()
        let provider = settings.provider
        try settings.checkProvider(provider, in: base)
        let profile = KnowledgeService.provider(in: base, named: provider == "none" ? "generic" : provider)
        let liveChecks = try settings.liveChecks(provider: Settings.expectations(of: profile))
        let tools = DoctorTools(
            knowledge: { KnowledgeService(base: base, providerName: provider == "none" ? "generic" : provider) },
            liveChecks: liveChecks)
        do {
            try await DoctorServer.run(tools: tools, version: MailDoctor.version)
        } catch {
            Log.error("mcp: \(error)")
            throw ExitCode(1)
        }
    }
}
