import Bounces
import Checks
import Conversation
import DNSResolver
import Knowledge
import MCP
import MailModel
import Probes

/// The MCP tools, on the same engine, checks and probes as the REPL and `serve`: nothing here diagnoses
/// by itself, it reads the arguments, calls the shared parts and shapes their answers.
///
/// One MCP connection is one session: the probe budget and the check rate limit are counted for it.
public struct DoctorTools: Sendable {
    /// The session name the budgets are counted under.
    static let session = "mcp"

    /// What the tools run on: the knowledge base and the live-check wiring.
    public struct Parts: Sendable {
        /// The knowledge base, indexed, with the provider profile in use.
        public var knowledge: KnowledgeService
        /// The DNS resolver, check options and network probes (with their target policy and per-session
        /// budget), as the chat front ends use them.
        public var liveChecks: LiveChecks

        /// Creates the parts.
        public init(knowledge: KnowledgeService, liveChecks: LiveChecks) {
            self.knowledge = knowledge
            self.liveChecks = liveChecks
        }
    }

    private let parts: Task<Parts, any Error>
    private let checkLimits: SessionProbeLimits
    private let progressAfter: Duration

    /// Creates the tools.
    ///
    /// - Parameters:
    ///   - parts: makes what the tools run on (loading and indexing the knowledge base is most of it); it
    ///     runs at once in the background, so that `initialize` and `tools/list` do not wait for it.
    ///   - checkBurst: DNS checks (`check_domain`, `check_ip`) the session may run in a burst.
    ///   - checksPerMinute: checks the session regains per minute.
    ///   - progressAfter: how long checks run before their progress is reported (a second).
    public init(
        parts: @escaping @Sendable () throws -> Parts, checkBurst: Int = 20, checksPerMinute: Int = 30,
        progressAfter: Duration = .seconds(1)
    ) {
        self.parts = Task.detached(priority: .userInitiated) { try parts() }
        checkLimits = SessionProbeLimits(capacity: checkBurst, refillPerMinute: checksPerMinute)
        self.progressAfter = progressAfter
    }

    /// The knowledge base, once loaded.
    func knowledge() async throws -> KnowledgeService {
        try await parts.value.knowledge
    }

    /// The live-check wiring, once made.
    private func wiring() async throws -> LiveChecks {
        try await parts.value.liveChecks
    }

    /// Runs the tool `name`.
    ///
    /// - Returns: the output; a bad argument, a refused target or a rate limit is a failed output
    ///   (`isError`), which the model can read and correct.
    /// - Throws: `MCPError.invalidParams` for an unknown tool; `CancellationError` when the client
    ///   cancelled the call (no answer is then sent).
    public func call(_ name: String, arguments: [String: Value]?, progress: ProgressSink = .none) async throws
        -> ToolOutput
    {
        guard let tool = ToolCatalog.Name(rawValue: name) else {
            throw MCPError.invalidParams(
                "Unknown tool: \(name). The tools are \(ToolCatalog.Name.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        do {
            let arguments = try ToolArguments(
                tool: name, values: arguments, accepted: ToolCatalog.argumentNames(of: tool))
            let output: ToolOutput
            switch tool {
            case .diagnose: output = try await diagnose(arguments)
            case .explainBounce: output = try await explainBounce(arguments)
            case .checkDomain: output = try await checkDomain(arguments, progress: progress)
            case .checkIP: output = try await checkIP(arguments, progress: progress)
            case .probeServer: output = try await probeServer(arguments, progress: progress)
            case .searchArticles: output = try await searchArticles(arguments)
            }
            try Task.checkCancellation()
            return output
        } catch let error as ArgumentError {
            return .failure(error.message)
        }
    }

    // MARK: - Understanding

    private func diagnose(_ arguments: ToolArguments) async throws -> ToolOutput {
        let text = try arguments.requiredString("text", maxBytes: Limits.messageBytes)
        let language = try arguments.choice("language", of: Limits.languages)
        var knowledge = try await knowledge()
        if let provider = try arguments.string("provider", maxBytes: 64) {
            let known = knowledge.base.providers.keys.filter { $0 != "generic" }.sorted()
            guard provider == "none" || known.contains(provider) else {
                throw ArgumentError(
                    "provider must be one of \((known + ["none"]).joined(separator: ", ")), not \"\(provider)\"")
            }
            knowledge = knowledge.with(providerName: provider == "none" ? "generic" : provider)
        }
        var extra: [String: Value] = ["lang": "en"]
        var reply: Reply
        var entities: Entities
        let plan: CheckPlan?
        if let requested = CheckPlan.requested(in: text, knowledge: knowledge) {
            // diagnose never runs a check: it says which tool would.
            plan = requested
            entities = EntityExtractor.extract(from: text)
            reply = Reply(
                intent: .check,
                answer:
                    "This asks for a live check of \(requested.target): run \(Self.call(for: requested).tool) to get the results."
            )
        } else {
            let engine = ConversationEngine(
                knowledge: knowledge, liveChecks: Self.planningOnly(try await wiring()))
            let (session, answer) = await engine.respond(to: text, in: Session(id: Self.session))
            reply = answer
            entities = session.entities
            plan = CheckPlan.offered(in: session)
        }
        if let language, language != "en" {
            reply.note = "Answers are in English for now (\(language) was asked for)."
        }
        extra["entities"] = ToolOutput.value(entities)
        if let plan { extra["check"] = Self.call(for: plan, selector: entities.selector).value }
        var shown = Self.text(of: reply)
        if reply.question != nil {
            shown += "\n\nEach diagnose call stands alone: call it again with the answer added to the text."
        }
        if let plan {
            let call = Self.call(for: plan, selector: entities.selector)
            shown += "\n\nTo run the check: \(call.tool) \(call.argumentsText)"
        }
        return ToolOutput(text: shown, structured: ToolOutput.object(json: ReplyRenderer.json(reply), adding: extra))
    }

    private func explainBounce(_ arguments: ToolArguments) async throws -> ToolOutput {
        let message = try arguments.requiredString("message", maxBytes: Limits.bounceBytes)
        let knowledge = try await knowledge()
        let report = BounceParser.parse(Array(message.utf8))
        var articles = "[]"
        if report.isBounce {
            let references = report.articleIDs().compactMap { id in
                knowledge.base.byID[id].map { ArticleReference(id: id, title: $0.title, score: 1) }
            }
            articles = String(decoding: ToolOutput.encoded(references), as: UTF8.self)
        }
        var line: [UInt8] = []
        report.appendJSONLine(to: &line, extraFields: [("articles", articles)])
        let explanation: String
        if report.isAboutDelivery {
            let engine = ConversationEngine(knowledge: knowledge)
            let (_, reply) = engine.bounceReply(report, text: message, session: Session(id: Self.session))
            explanation = Self.text(of: reply)
        } else {
            explanation = report.problem ?? "This does not look like a bounce: I found no delivery failure in it."
        }
        var extra: [String: Value] = ["explanation": .string(explanation)]
        var text = explanation
        if report.isBounce, let check = report.advice().check, !check.target.isEmpty {
            let call = Self.call(for: CheckPlan(checks: check.checkIDs, target: check.target))
            extra["check"] = call.value
            text += "\n\n\(check.why) To confirm: \(call.tool) \(call.argumentsText)"
        }
        return ToolOutput(
            text: text, structured: ToolOutput.object(json: String(decoding: line, as: UTF8.self), adding: extra))
    }

    private func searchArticles(_ arguments: ToolArguments) async throws -> ToolOutput {
        let query = try arguments.requiredString("query", maxBytes: Limits.queryBytes)
        let limit = try arguments.integer("limit", in: 1...20) ?? 5
        let knowledge = try await knowledge()
        let result = knowledge.index.search(query, limit: limit)
        var lines: [String] = []
        var hits: [Value] = []
        for (rank, hit) in result.hits.enumerated() {
            let uri = ArticleResources.uri(of: hit.id)
            let title = knowledge.article(hit.id)?.title ?? hit.title
            lines.append("\(rank + 1). \(title) (\(hit.id), score \(Self.rounded(hit.score))) — \(uri)")
            hits.append(
                .object([
                    "id": .string(hit.id), "title": .string(title), "score": .double(Self.rounded(hit.score)),
                    "uri": .string(uri),
                ]))
        }
        let text = lines.isEmpty ? "No article matches \"\(query)\"." : lines.joined(separator: "\n")
        return ToolOutput(
            text: text,
            structured: ToolOutput.neutralized(
                .object([
                    "query": .string(query), "articles": .array(hits), "direction": .string(result.direction.rawValue),
                    "confidence": .string(result.confidence.rawValue),
                ])))
    }

    // MARK: - Live checks

    private func checkDomain(_ arguments: ToolArguments, progress: ProgressSink) async throws -> ToolOutput {
        let domain = try arguments.requiredString("domain", maxBytes: 320)
        let target = try Self.parsed { () throws(TargetError) in try CheckTarget.parse(domain) }
        if case .ip = target {
            throw ArgumentError("\(domain) is an IP address: use check_ip for blocklists and reverse DNS")
        }
        let liveChecks = try await wiring()
        var options = liveChecks.options
        if let names = try arguments.strings("checks", maxCount: 16), !names.isEmpty {
            var ids = Set<CheckID>()
            for name in names {
                guard let id = CheckID(rawValue: name.lowercased()), !ProbeRunner.probeIDs.contains(id) else {
                    throw ArgumentError(
                        "unknown check \"\(name)\"; check_domain runs \((CheckID.domainChecks + CheckID.ipChecks).map(\.rawValue).joined(separator: ", ")) (server probes: probe_server)"
                    )
                }
                ids.insert(id)
            }
            options.only = ids
        }
        if let selector = try arguments.string("dkim_selector", maxBytes: 253) {
            guard Self.isSelector(selector) else {
                throw ArgumentError("dkim_selector \"\(selector)\" is not a DNS name part (letters, digits, - and _)")
            }
            options.dkimSelector = selector
        }
        if let ip = try arguments.string("ip", maxBytes: 64) {
            options.ip = try Self.parsed { () throws(TargetError) in try CheckTarget.parseIP(ip).description }
        }
        return try await runDNSChecks(
            target, shownAs: domain, options: options, wiring: liveChecks, progress: progress)
    }

    private func checkIP(_ arguments: ToolArguments, progress: ProgressSink) async throws -> ToolOutput {
        let text = try arguments.requiredString("ip", maxBytes: 64)
        let address = try Self.parsed { () throws(TargetError) in try CheckTarget.parseIP(text) }
        let liveChecks = try await wiring()
        if !address.scope.isPublic, !liveChecks.options.allowPrivate {
            throw ArgumentError(
                "\(address) is not a public internet address (private, loopback or reserved): blocklists and reverse DNS say nothing about it. Give the public IP of the sending server, as the bounce or the message headers show it."
            )
        }
        var options = liveChecks.options
        options.only = Set(CheckID.ipChecks)
        return try await runDNSChecks(
            .ip(address.description), shownAs: text, options: options, wiring: liveChecks, progress: progress)
    }

    private func runDNSChecks(
        _ target: CheckTarget, shownAs shown: String, options: CheckOptions, wiring liveChecks: LiveChecks,
        progress: ProgressSink
    ) async throws -> ToolOutput {
        if let wait = await checkLimits.admit(session: Self.session, count: 1) {
            throw ArgumentError(
                "Too many checks in a short time: try again in \(Self.seconds(wait)) s.")
        }
        let resolver: any DNSResolving
        do {
            resolver = try liveChecks.makeResolver()
        } catch {
            return .failure("I could not start the DNS lookups: \(error).")
        }
        let checker = DNSChecker(resolver: CachingResolver(resolver), options: options)
        let planned = checker.plannedChecks(for: target)
        let results = try await collect(checker.run(target), planned: planned, about: shown, progress: progress)
        let report = CheckReport(target: shown, checks: results)
        return ToolOutput(
            text: CheckRendering.text(report), structured: ToolOutput.object(json: CheckRendering.json(report)))
    }

    private func probeServer(_ arguments: ToolArguments, progress: ProgressSink) async throws -> ToolOutput {
        let target = try arguments.requiredString("target", maxBytes: 300)
        guard let name = try arguments.choice("protocol", of: ProbeRunner.probeIDs.map(\.rawValue)),
            let id = CheckID(rawValue: name)
        else {
            throw ArgumentError("probe_server needs the argument \"protocol\" (smtp, submission, imap or pop3)")
        }
        _ = try Self.parsed { () throws(TargetError) in try ProbeTarget.parse(target) }
        let liveChecks = try await wiring()
        guard let probes = liveChecks.probes else {
            return .failure("Server probes are not available in this server.")
        }
        if let wait = await probes.admit(Self.session, 1) {
            throw ArgumentError(
                "You have run many server probes in a short time: try again in \(Self.seconds(wait)) s. The DNS checks are not limited the same way."
            )
        }
        let resolver: any DNSResolving
        do {
            resolver = try liveChecks.makeResolver()
        } catch {
            return .failure("I could not start the DNS lookups: \(error).")
        }
        let results = try await collect(
            probes.run([id], target, resolver), planned: [id], about: target, progress: progress)
        let report = CheckReport(target: target, checks: results)
        let refusals = results.flatMap(\.findings).filter { $0.code == .probeTargetRefused }
        if let refusal = refusals.first {
            return .failure(
                "\(refusal.message) (This server refuses non-public addresses and non-mail ports unless it was started with --allow-private or --allow-hosts.)"
            )
        }
        return ToolOutput(
            text: CheckRendering.text(report), structured: ToolOutput.object(json: CheckRendering.json(report)))
    }

    /// The results of a check stream in `planned` order, with progress; throws when the call was cancelled.
    private func collect(
        _ stream: AsyncStream<CheckResult>, planned: [CheckID], about target: String, progress: ProgressSink
    ) async throws -> [CheckResult] {
        let tracker = CheckProgress(sink: progress, total: planned.count, target: target, quiet: progressAfter)
        let ticker = tracker.startTicking()
        defer { ticker.cancel() }
        var results: [CheckResult] = []
        for await result in stream {
            results.append(result)
            await tracker.finished(result)
        }
        try Task.checkCancellation()
        return results.sorted { (planned.firstIndex(of: $0.id) ?? 0) < (planned.firstIndex(of: $1.id) ?? 0) }
    }

    // MARK: - Helpers

    /// A reply as plain text for a model, without the chat's "You can type: …" suggestions (they stay in
    /// the structured content).
    private static func text(of reply: Reply) -> String {
        var reply = reply
        reply.suggestions = []
        return ReplyRenderer(style: .plain).render(reply)
    }

    /// The live-check wiring for `diagnose`: offers are made, nothing is ever run.
    private static func planningOnly(_ wiring: LiveChecks) -> LiveChecks {
        LiveChecks(options: wiring.options, probes: nil) { throw DiagnoseRunsNoChecks() }
    }

    /// The tool call that runs a planned check, with the DKIM selector the person named.
    static func call(for plan: CheckPlan, selector: String? = nil) -> (
        tool: String, arguments: [String: Value], value: Value, argumentsText: String
    ) {
        let probe = plan.checks.compactMap(CheckID.init(rawValue:)).first { ProbeRunner.probeIDs.contains($0) }
        let tool: ToolCatalog.Name
        var arguments: [String: Value]
        if let probe {
            tool = .probeServer
            arguments = ["target": .string(plan.target), "protocol": .string(probe.rawValue)]
        } else if IPAddress(plan.target) != nil {
            tool = .checkIP
            arguments = ["ip": .string(plan.target)]
        } else {
            tool = .checkDomain
            arguments = ["domain": .string(plan.target)]
            if !plan.checks.isEmpty { arguments["checks"] = .array(plan.checks.map(Value.string)) }
            if let selector, plan.checks.isEmpty || plan.checks.contains("dkim"), isSelector(selector) {
                arguments["dkim_selector"] = .string(selector)
            }
        }
        let argumentsText = String(decoding: ToolOutput.encoded(arguments), as: UTF8.self)
        let value: Value = .object([
            "tool": .string(tool.rawValue), "arguments": .object(arguments),
            "checks": .array(plan.checks.map(Value.string)), "target": .string(plan.target),
        ])
        return (tool.rawValue, arguments, value, argumentsText)
    }

    /// Runs `body`, turning a target error into an argument error.
    private static func parsed<T>(_ body: () throws(TargetError) -> T) throws(ArgumentError) -> T {
        do {
            return try body()
        } catch {
            throw ArgumentError(error.message)
        }
    }

    /// Whether `text` can be a DKIM selector: DNS labels of letters, digits, `-` and `_`.
    static func isSelector(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return !text.isEmpty
            && labels.allSatisfy { label in
                (1...63).contains(label.utf8.count)
                    && label.utf8.allSatisfy { byte in
                        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                            || byte == 0x2D || byte == 0x5F
                    }
            }
    }

    /// Whole seconds, rounded up, at least 1.
    private static func seconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    /// A score with three decimals.
    private static func rounded(_ score: Double) -> Double {
        (score * 1000).rounded() / 1000
    }
}

/// The reason `diagnose` gives if the engine ever tried to run a check: it only plans them.
private struct DiagnoseRunsNoChecks: Error, CustomStringConvertible {
    var description: String { "diagnose runs no checks; call check_domain, check_ip or probe_server" }
}

/// Limits on tool arguments.
enum Limits {
    /// Longest `diagnose` text: the same as a `serve` message.
    static let messageBytes = 64 * 1024
    /// Longest bounce given to `explain_bounce`.
    static let bounceBytes = 8 << 20
    /// Longest search query.
    static let queryBytes = 4 * 1024
    /// The languages `diagnose` accepts.
    static let languages = ["en", "fr", "de", "es", "it", "pt"]
}
