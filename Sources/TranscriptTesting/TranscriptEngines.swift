import Checks
import Conversation
import Foundation
import Knowledge

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

    /// Makes the engine for a transcript's options.
    public static func engine(
        options: [String: String], base: KnowledgeBase, defaultProvider: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConversationEngine {
        let provider = options["provider"] ?? defaultProvider
        if let provider, provider != "none", base.providers[provider] == nil {
            throw TranscriptError(line: 0, message: "unknown provider '\(provider)'")
        }
        let knowledge = KnowledgeService(base: base, providerName: provider == "none" ? "generic" : provider)
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
        return ConversationEngine(
            knowledge: knowledge, liveChecks: LiveChecks(options: checkOptions, makeResolver: makeResolver))
    }
}
