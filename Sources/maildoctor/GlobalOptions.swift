import ArgumentParser
import Checks
import Conversation
import EmbeddedKnowledge
import Foundation
import Knowledge
import Probes
import Sanitizer

/// Options every command shares, parsed in one place; each falls back to an environment variable.
struct GlobalOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("DNS server for live checks, HOST:PORT (env MAILDOCTOR_RESOLVER).", valueName: "host:port"))
    var resolver: String?

    @Option(help: ArgumentHelp("DNS blocklist zones, comma-separated (env MAILDOCTOR_DNSBL).", valueName: "zones"))
    var dnsbl: String?

    @Option(help: ArgumentHelp("Provider profile to use, or 'none' (env MAILDOCTOR_PROVIDER).", valueName: "name"))
    var provider: String?

    @Option(help: ArgumentHelp("Deadline per live check, in seconds.", valueName: "seconds"))
    var timeout: Double?

    @Flag(help: "Allow live checks on loopback and private addresses, and probes on any port.")
    var allowPrivate = false

    @Option(
        help: ArgumentHelp(
            "Non-public hosts or networks probes may reach, comma-separated (env MAILDOCTOR_ALLOW_HOSTS).",
            valueName: "list"))
    var allowHosts: String?

    @Option(
        help: ArgumentHelp("Use the knowledge base in this directory instead of the built-in one.", valueName: "dir"))
    var kb: String?

    /// Checks the options (and the environment variables they fall back to) while the command line
    /// is parsed, so a bad one exits with status 64 before anything runs.
    func validate() throws {
        _ = try settings()
    }

    /// The options resolved against the environment and validated.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        try Settings.resolve(
            resolver: resolver, dnsbl: dnsbl, provider: provider, timeout: timeout, allowPrivate: allowPrivate,
            allowHosts: allowHosts, knowledgeDirectory: kb, environment: environment)
    }
}

/// Resolved settings: what the live parts of MailDoctor are built from.
struct Settings {
    var resolver: String?
    var dnsblZones: [String]?
    var provider: String?
    var timeout: Double
    var allowPrivate: Bool
    var knowledgeDirectory: String?
    /// Non-public hosts and networks the probes may reach anyway.
    var allowedHosts: [String] = []
    /// Deadline of one network probe, in seconds (`--timeout` when given, else 20: a greeting may be
    /// delayed on purpose by several seconds).
    var probeTimeout: Double = 20

    /// Settings from option values (nil when an option was not given), each falling back to its
    /// environment variable, validated.
    static func resolve(
        resolver: String? = nil, dnsbl: String? = nil, provider: String? = nil, timeout: Double? = nil,
        allowPrivate: Bool = false, allowHosts: String? = nil, knowledgeDirectory: String? = nil,
        environment: [String: String]
    ) throws -> Settings {
        var explicitTimeout = timeout
        if explicitTimeout == nil, let text = environment[Variable.timeout.rawValue] {
            guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("\(Variable.timeout.rawValue) must be a number of seconds (got \"\(text)\")")
            }
            explicitTimeout = seconds
        }
        let timeout = explicitTimeout ?? 5
        guard timeout > 0, timeout <= 300 else {
            throw ValidationError("--timeout must be between 0 and 300 seconds")
        }
        // Each problem names where the value came from: the option, or its environment variable.
        let resolverSource = resolver == nil ? Variable.resolver.rawValue : "--resolver"
        let resolver = resolver ?? environment[Variable.resolver.rawValue]
        if let resolver {
            // Checked now, not at the first lookup: a server must not start with a resolver it cannot use.
            do {
                _ = try CAresResolver.serverCSV(resolver)
            } catch {
                throw ValidationError("\(resolverSource): \(error.message)")
            }
        }
        let zonesSource = dnsbl == nil ? Variable.dnsbl.rawValue : "--dnsbl"
        var zones = (dnsbl ?? environment[Variable.dnsbl.rawValue]).map(list)
        if let given = zones {
            do {
                zones = try CheckOptions.parseDNSBLZones(given.joined(separator: ","))
            } catch {
                throw ValidationError("\(zonesSource): \(error.message)")
            }
        }
        let hosts = (allowHosts ?? environment[Variable.allowHosts.rawValue]).map(list) ?? []
        do {
            try TargetPolicy.validate(allowedHosts: hosts)
        } catch {
            throw ValidationError("--allow-hosts: \(error.message)")
        }
        return Settings(
            resolver: resolver, dnsblZones: zones,
            provider: provider ?? environment[Variable.provider.rawValue], timeout: timeout, allowPrivate: allowPrivate,
            knowledgeDirectory: knowledgeDirectory, allowedHosts: hosts, probeTimeout: explicitTimeout ?? 20)
    }

    /// The environment variables the settings fall back to.
    enum Variable: String, CaseIterable {
        case timeout = "MAILDOCTOR_TIMEOUT"
        case dnsbl = "MAILDOCTOR_DNSBL"
        case allowHosts = "MAILDOCTOR_ALLOW_HOSTS"
        case resolver = "MAILDOCTOR_RESOLVER"
        case provider = "MAILDOCTOR_PROVIDER"
    }

    /// The `Variable`s that are set, read one by one: building the whole environment dictionary costs
    /// more than a quick command's other start-up work.
    static func variables() -> [String: String] {
        var found: [String: String] = [:]
        for variable in Variable.allCases {
            if let value = getenv(variable.rawValue) { found[variable.rawValue] = String(cString: value) }
        }
        return found
    }

    /// The non-empty, trimmed items of a comma-separated list.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Loads the knowledge base (built-in, or `--kb DIR`), reporting broken files on stderr.
    func knowledgeBase(reportProblems: Bool = true) throws -> KnowledgeBase {
        try loadKnowledge(reportProblems: reportProblems).base
    }

    /// The knowledge base and, for the built-in one, the search index compiled with it (`--kb DIR` is
    /// parsed and indexed at start). A compiled index the binary cannot use is reported, and rebuilt.
    private func loadKnowledge(
        reportProblems: Bool
    ) throws -> (base: KnowledgeBase, index: SearchIndex?, intents: IntentIndex?) {
        let base: KnowledgeBase
        var index: SearchIndex?
        var intents: IntentIndex?
        if let knowledgeDirectory {
            do {
                base = try KnowledgeBase.load(directory: URL(fileURLWithPath: knowledgeDirectory))
            } catch {
                throw ValidationError("--kb: \(error)")
            }
        } else {
            let loaded = EmbeddedKnowledge.loaded
            if let refusal = loaded.refusal {
                Log.warning("the compiled-in knowledge base is unusable (\(refusal)); built it at start instead")
            }
            base = loaded.base
            index = loaded.index
            intents = loaded.intents
        }
        if reportProblems {
            for problem in base.problems { Log.warning("\(problem) (skipped)") }
        }
        return (base, index, intents)
    }

    /// The knowledge service for these settings; `provider` overrides the configured profile.
    func knowledge(provider override: String? = nil) throws -> KnowledgeService {
        let (base, index, intents) = try loadKnowledge(reportProblems: true)
        let name = override ?? provider
        try checkProvider(name, in: base)
        let providerName = name == "none" ? "generic" : name
        guard let index, let intents else { return KnowledgeService(base: base, providerName: providerName) }
        return KnowledgeService(base: base, index: index, intents: intents, providerName: providerName)
    }

    /// Throws when `name` is neither `none` nor a provider profile of `base`.
    func checkProvider(_ name: String?, in base: KnowledgeBase) throws {
        if let name, name != "none", base.providers[name] == nil {
            throw ValidationError(
                "unknown provider '\(name)'; known: \(base.providers.keys.sorted().joined(separator: ", ")), none")
        }
    }

    /// The conversation engine wired with live parts (the knowledge base is loaded and indexed once).
    func makeEngine(provider: String? = nil) throws -> ConversationEngine {
        // `none` gives the generic profile, which expects nothing.
        let knowledge = try knowledge(provider: provider)
        return ConversationEngine(
            knowledge: knowledge, liveChecks: try liveChecks(provider: Self.expectations(of: knowledge.provider)))
    }

    /// Live DNS checks: one c-ares resolver, made on first use and shared by every request.
    func liveChecks(provider expectations: ProviderExpectations?) throws -> LiveChecks {
        var options = CheckOptions(timeout: .milliseconds(Int(timeout * 1000)), allowPrivate: allowPrivate)
        if let dnsblZones {
            do {
                options.dnsblZones = try CheckOptions.parseDNSBLZones(dnsblZones.joined(separator: ","))
            } catch {
                throw ValidationError("--dnsbl: \(error.message)")
            }
        }
        options.provider = expectations
        let shared = SharedResolver(server: resolver, timeoutMS: max(200, Int(timeout * 1000) / 3))
        return LiveChecks(options: options, probes: networkProbes()) { try shared.get() }
    }
}

/// A resolver created once, on first use, then shared.
final class SharedResolver: @unchecked Sendable {
    private let lock = NSLock()
    private var resolver: CAresResolver?
    private let server: String?
    private let timeoutMS: Int

    init(server: String?, timeoutMS: Int) {
        self.server = server
        self.timeoutMS = timeoutMS
    }

    func get() throws -> CAresResolver {
        try lock.withLock {
            if let resolver { return resolver }
            let created = try CAresResolver(server: server, timeoutMS: timeoutMS, tries: 2)
            resolver = created
            return created
        }
    }
}

/// Messages for the person running the command, on stderr, neutralised (they may quote input or DNS data).
enum Log {
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("maildoctor: warning: \(TextSanitizer.neutralize(message))\n".utf8))
    }

    /// A progress line for a person at a terminal.
    static func status(_ message: String) {
        FileHandle.standardError.write(Data("\(TextSanitizer.neutralize(message))\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("maildoctor: \(TextSanitizer.neutralize(message))\n".utf8))
    }
}
