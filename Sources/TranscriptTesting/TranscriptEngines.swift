import Checks
import Conversation
import Foundation
import Knowledge
import Probes

/// Builds the engine a transcript asks for with its `@` options.
///
/// - `@provider NAME|none` picks the provider profile.
/// - `@resolver fixture` sends DNS questions to the test DNS server whose address the harness
///   puts in `MAILDOCTOR_FIXTURE_RESOLVER`; `@resolver HOST:PORT` names one directly.
/// - Without `@resolver`, live checks go to a resolver that knows no name and says so in every
///   answer: a transcript that runs a check must say where its DNS comes from.
public enum TranscriptEngines {
    /// The environment variable the test harness sets to the Knot fixture's `HOST:PORT`.
    public static let fixtureVariable = "MAILDOCTOR_FIXTURE_RESOLVER"

    /// Makes the engine for a transcript's options, over `knowledge`'s base and search index (built
    /// once for all transcripts) with the provider profile the options name.
    public static func engine(
        options: [String: String], knowledge shared: KnowledgeService, defaultProvider: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConversationEngine {
        let provider = options["provider"] ?? defaultProvider
        if let provider, provider != "none", shared.base.providers[provider] == nil {
            throw TranscriptError(line: 0, message: "unknown provider '\(provider)'")
        }
        let knowledge = shared.with(providerName: provider == "none" ? "generic" : provider)
        var checkOptions = CheckOptions(
            timeout: .milliseconds(Int((Double(options["timeout"] ?? "") ?? 3) * 1000)),
            allowPrivate: options["allow-private"] == "true")
        if let zones = options["dnsbl"] {
            do {
                checkOptions.dnsblZones = try CheckOptions.parseDNSBLZones(zones)
            } catch {
                throw TranscriptError(line: 0, message: "@dnsbl: \(error.message)")
            }
        }
        if knowledge.provider.id != "generic" {
            checkOptions.provider = ProviderExpectations(
                name: knowledge.provider.name, mxHosts: knowledge.provider.mxHosts,
                spfInclude: knowledge.provider.spfInclude, dkimSelectors: knowledge.provider.dkimSelectors)
        }
        let makeResolver: @Sendable () throws -> any DNSResolving
        switch options["resolver"] {
        case nil:
            makeResolver = { InMemoryResolver(records: [:]) }
        case "fixture":
            guard let server = environment[fixtureVariable], !server.isEmpty else {
                throw TranscriptError(
                    line: 0,
                    message:
                        "this transcript needs the test DNS server (@resolver fixture) but \(fixtureVariable) is not set; run it through `make test`"
                )
            }
            makeResolver = { try CAresResolver(server: server, timeoutMS: 1_000, tries: 2) }
        case let server?:
            makeResolver = { try CAresResolver(server: server, timeoutMS: 1_000, tries: 2) }
        }
        let allowed = options["allow-hosts"].map { $0.split(separator: ",").map(String.init) } ?? []
        let policy = TargetPolicy(allowPrivate: checkOptions.allowPrivate, allowedHosts: allowed)
        var probes: NetworkProbes?
        switch options["probes"] {
        case nil, "none": probes = nil
        case "fixture":
            guard let ports = environment[mailFixtureVariable], !ports.isEmpty else {
                throw TranscriptError(
                    line: 0,
                    message:
                        "this transcript needs the test mail servers (@probes fixture) but \(mailFixtureVariable) is not set; run it through `make test`"
                )
            }
            probes = fixtureProbes(ports: ports, policy: policy, timeout: checkOptions.timeout)
        case let other?:
            throw TranscriptError(line: 0, message: "@probes must be fixture or none, not '\(other)'")
        }
        return ConversationEngine(
            knowledge: knowledge,
            liveChecks: LiveChecks(options: checkOptions, probes: probes, makeResolver: makeResolver))
    }

    /// The environment variable the test harness sets to the mail fixture's ports
    /// (`smtp=PORT,submission=PORT,…` as printed by scripts/mail-fixture.sh).
    public static let mailFixtureVariable = "MAILDOCTOR_FIXTURE_MAIL"

    /// Probes that reach the mail fixture: standard ports mapped to the fixture's, its certificate
    /// (self-signed) left untrusted so the diagnosis shows, no control probe, one budget per session.
    static func fixtureProbes(ports text: String, policy: TargetPolicy, timeout: Duration) -> NetworkProbes {
        var ports: [String: Int] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let port = Int(parts[1]) { ports[String(parts[0])] = port }
        }
        let standard: [(Int, String)] = [
            (25, "smtp"), (587, "submission"), (465, "submissions"), (143, "imap"), (993, "imaps"), (110, "pop3"),
            (995, "pop3s"),
        ]
        var options = ProbeOptions(
            timeout: max(timeout, .seconds(5)), stageTimeout: .seconds(3), policy: policy,
            ehloName: "maildoctor.test", control: nil)
        for (port, name) in standard { if let mapped = ports[name] { options.portMap[port] = mapped } }
        let limits = SessionProbeLimits(capacity: 10, refillPerMinute: 5)
        let probeOptions = options
        return NetworkProbes(
            run: { ids, target, resolver in
                ProbeRunner(resolver: resolver, options: probeOptions).run(ids, target: target)
            },
            admit: { session, count in await limits.admit(session: session, count: count) })
    }
}
