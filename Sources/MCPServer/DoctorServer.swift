import Foundation
import MCP

/// `maildoctor mcp`: MailDoctor's tools, article resources and prompts served over the Model Context
/// Protocol on one transport (standard input and output), until the client closes it.
public enum DoctorServer {
    /// What the server tells a model about itself (`instructions` of `initialize`).
    static let instructions = """
        MailDoctor diagnoses email that cannot be sent or received. Start with diagnose (the person's own words) \
        or explain_bounce (a pasted bounce or error); then confirm the cause with check_domain, check_ip or \
        probe_server, which each result names; read articles at maildoctor://articles/{id} for full steps. \
        Run live checks only on targets the person gave you.
        """

    /// A server with every handler registered, not yet started.
    public static func make(tools: DoctorTools, version: String) async -> Server {
        let server = Server(
            name: "maildoctor", version: version, title: "MailDoctor", instructions: instructions,
            capabilities: .init(
                prompts: .init(listChanged: false), resources: .init(subscribe: false, listChanged: false),
                tools: .init(listChanged: false)),
            // Requests before `initialize` are refused by the transport (RequestScreen): the library's strict
            // mode drops them without an answer.
            configuration: .default)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: ToolCatalog.all) }
        await server.withMethodHandler(CallTool.self) { [weak server] params in
            let progress = progressSink(token: params._meta?.progressToken, server: server)
            return try await tools.call(params.name, arguments: params.arguments, progress: progress).result
        }
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: ArticleResources.list(try await tools.knowledge()))
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: [ArticleResources.template])
        }
        await server.withMethodHandler(ReadResource.self) { params in
            try ArticleResources.read(params.uri, in: try await tools.knowledge())
        }
        await server.withMethodHandler(ListPrompts.self) { _ in ListPrompts.Result(prompts: DoctorPrompts.all) }
        await server.withMethodHandler(GetPrompt.self) { params in
            try DoctorPrompts.get(params.name, arguments: params.arguments)
        }
        return server
    }

    /// Serves on `transport` until the client closes its end, then answers what is still in flight
    /// (for at most `drainLimit`) and returns.
    public static func run(
        tools: DoctorTools, version: String, transport: LineTransport = LineTransport(),
        drainLimit: Duration = .seconds(60)
    ) async throws {
        let server = await make(tools: tools, version: version)
        try await server.start(transport: transport)
        await server.waitUntilCompleted()
        if await !transport.outputClosed { await transport.drain(within: drainLimit) }
        await server.stop()
    }

    /// Progress notifications for a call whose client sent a progress token; none otherwise.
    private static func progressSink(token: ProgressToken?, server: Server?) -> ProgressSink {
        guard let token, let server else { return .none }
        return ProgressSink { [weak server] done, total, message in
            try? await server?.notify(
                ProgressNotification.message(
                    .init(progressToken: token, progress: Double(done), total: Double(total), message: message)))
        }
    }
}
