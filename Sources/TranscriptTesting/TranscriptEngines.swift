import Conversation
import EngineWiring
import Foundation
import Knowledge

/// Builds the engine a transcript asks for with its `@` options, through `EngineWiring` like every
/// other front end.
///
/// - `@provider NAME|none` picks the provider profile.
/// - `@resolver fixture` sends DNS questions to the test DNS server whose address the harness
///   puts in `MAILDOCTOR_FIXTURE_RESOLVER`; `@resolver HOST:PORT` names one directly.
/// - Without `@resolver`, live checks go to a resolver that knows no name and says so in every
///   answer: a transcript that runs a check must say where its DNS comes from.
/// - `@probes fixture` probes the test mail servers whose ports the harness puts in
///   `MAILDOCTOR_FIXTURE_MAIL` (standard ports mapped to theirs); without it, or with `@probes none`,
///   no probe runs.
/// - `@timeout SECONDS` (3 when not given), `@allow-private true`, `@allow-hosts LIST`, `@dnsbl ZONES`.
public enum TranscriptEngines {
    /// The environment variable the test harness sets to the Knot fixture's `HOST:PORT`.
    public static let fixtureVariable = "MAILDOCTOR_FIXTURE_RESOLVER"

    /// The environment variable the test harness sets to the mail fixture's ports
    /// (`smtp=PORT,submission=PORT,…` as printed by scripts/mail-fixture.sh).
    public static let mailFixtureVariable = "MAILDOCTOR_FIXTURE_MAIL"

    /// The deadline of a transcript's live checks, in seconds, unless `@timeout` says otherwise.
    static let defaultTimeout = 3.0

    /// Makes the engine for a transcript's options, over `knowledge`'s base and search index (built
    /// once for all transcripts) with the provider profile the options name.
    public static func engine(
        options: [String: String], knowledge shared: KnowledgeService, defaultProvider: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ConversationEngine {
        do {
            return try settings(options: options, defaultProvider: defaultProvider, environment: environment)
                .makeEngine(over: shared)
        } catch {
            throw TranscriptError(line: 0, message: message(for: error))
        }
    }

    /// The engine settings a transcript's options give.
    static func settings(
        options: [String: String], defaultProvider: String?, environment: [String: String]
    ) throws(EngineSettingsError) -> EngineSettings {
        var settings = EngineSettings(
            provider: options["provider"] ?? defaultProvider, resolver: .unanswered,
            timeout: Double(options["timeout"] ?? "") ?? defaultTimeout,
            allowPrivate: options["allow-private"] == "true",
            dnsblZones: options["dnsbl"].map(EngineSettings.list),
            allowHosts: options["allow-hosts"].map(EngineSettings.list) ?? [], probes: .none)
        if let resolver = options["resolver"] {
            settings.resolver = try EngineSettings.Resolver(parsing: resolver, fixture: environment[fixtureVariable])
        }
        if let probes = options["probes"] {
            settings.probes = try EngineSettings.ProbeMode(
                parsing: probes, fixturePorts: environment[mailFixtureVariable])
        }
        return settings
    }

    /// What a transcript's author reads for a setting the engine cannot be built with: the `@` option at
    /// fault, or the test server that is missing and how to start it.
    static func message(for error: EngineSettingsError) -> String {
        switch error {
        case .fixtureUnavailable(.probes):
            "this transcript needs the test mail servers (@probes fixture) but \(mailFixtureVariable) is not set; run it through `make test`"
        case .fixtureUnavailable:
            "this transcript needs the test DNS server (@resolver fixture) but \(fixtureVariable) is not set; run it through `make test`"
        default:
            "@\(error.setting.rawValue): \(error.message)"
        }
    }
}
