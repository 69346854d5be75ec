import ArgumentParser
import Conversation
import EmbeddedKnowledge
import EngineWiring
import Foundation
import Knowledge
import Localization
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

    @Option(
        help: ArgumentHelp(
            "Answer in this language whatever is written: en, fr, de, es, it or pt (env MAILDOCTOR_LANG).",
            valueName: "code"))
    var lang: String?

    /// Checks the options (and the environment variables they fall back to) while the command line
    /// is parsed, so a bad one exits with status 64 before anything runs.
    func validate() throws {
        _ = try settings()
    }

    /// The options resolved against the environment and validated.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        try Settings.resolve(
            resolver: resolver, dnsbl: dnsbl, provider: provider, timeout: timeout, allowPrivate: allowPrivate,
            allowHosts: allowHosts, knowledgeDirectory: kb, language: lang, environment: environment)
    }
}

/// Resolved settings: the engine settings (`EngineWiring`, which builds the engine, its live checks and
/// probes from them) and where the knowledge base comes from.
struct Settings {
    /// What the engine, its live checks and probes are built from.
    var engine: EngineSettings
    var knowledgeDirectory: String?
    /// The language every reply is written in (`--lang`, `MAILDOCTOR_LANG`); nil to follow the person's.
    var language: Language?
    /// The first guess for a terminal session: the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).
    var localeLanguage: Language?
    /// Where each engine setting came from (`--dnsbl`, or `MAILDOCTOR_DNSBL` when the option was not
    /// given), for error messages.
    var sources: [EngineSettings.Setting: String] = [:]

    /// Settings from option values (nil when an option was not given), each falling back to its
    /// environment variable, validated.
    static func resolve(
        resolver: String? = nil, dnsbl: String? = nil, provider: String? = nil, timeout: Double? = nil,
        allowPrivate: Bool = false, allowHosts: String? = nil, knowledgeDirectory: String? = nil,
        language: String? = nil, environment: [String: String]
    ) throws -> Settings {
        var chosenLanguage: Language?
        if let code = language ?? environment[Variable.language.rawValue], !code.isEmpty {
            guard let known = Language(code: code) else {
                let source = language != nil ? "--lang" : Variable.language.rawValue
                throw ValidationError("\(source) must be one of en, fr, de, es, it, pt (got \"\(code)\")")
            }
            chosenLanguage = known
        }
        var explicitTimeout = timeout
        if explicitTimeout == nil, let text = environment[Variable.timeout.rawValue] {
            guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("\(Variable.timeout.rawValue) must be a number of seconds (got \"\(text)\")")
            }
            explicitTimeout = seconds
        }
        // Each problem names where the value came from: the option, or its environment variable.
        func source(_ option: String, given: Bool, _ variable: Variable) -> String {
            given ? option : variable.rawValue
        }
        let sources: [EngineSettings.Setting: String] = [
            .provider: source("--provider", given: provider != nil, .provider),
            .resolver: source("--resolver", given: resolver != nil, .resolver),
            .timeout: source("--timeout", given: timeout != nil, .timeout),
            .dnsbl: source("--dnsbl", given: dnsbl != nil, .dnsbl),
            .allowHosts: source("--allow-hosts", given: allowHosts != nil, .allowHosts),
        ]
        // A probe's deadline is --timeout when given, else the probes' own default (20 s).
        let engine = EngineSettings(
            provider: provider ?? environment[Variable.provider.rawValue],
            resolver: (resolver ?? environment[Variable.resolver.rawValue]).map { .server($0) } ?? .system,
            timeout: explicitTimeout ?? 5, probeTimeout: explicitTimeout, allowPrivate: allowPrivate,
            dnsblZones: (dnsbl ?? environment[Variable.dnsbl.rawValue]).map(EngineSettings.list),
            allowHosts: (allowHosts ?? environment[Variable.allowHosts.rawValue]).map(EngineSettings.list) ?? [])
        let settings = Settings(
            engine: engine, knowledgeDirectory: knowledgeDirectory, language: chosenLanguage,
            localeLanguage: Language.fromLocale(environment: environment), sources: sources)
        // Checked now, not at the first lookup: a server must not start with settings it cannot use.
        try settings.wired { () throws(EngineSettingsError) in try engine.validate() }
        return settings
    }

    /// Runs `body`, turning a bad engine setting into a usage error that names where the value came from.
    func wired<T>(_ body: () throws(EngineSettingsError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            let source = sources[error.setting] ?? "--\(error.setting.rawValue)"
            throw ValidationError("\(source): \(error.message)")
        }
    }

    /// The environment variables the settings fall back to.
    enum Variable: String, CaseIterable {
        case timeout = "MAILDOCTOR_TIMEOUT"
        case dnsbl = "MAILDOCTOR_DNSBL"
        case allowHosts = "MAILDOCTOR_ALLOW_HOSTS"
        case resolver = "MAILDOCTOR_RESOLVER"
        case provider = "MAILDOCTOR_PROVIDER"
        case language = "MAILDOCTOR_LANG"
        case allLocale = "LC_ALL"
        case messagesLocale = "LC_MESSAGES"
        case locale = "LANG"
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

    /// The knowledge service for these settings, with the provider profile they name.
    func knowledge() throws -> KnowledgeService {
        let (base, index, intents) = try loadKnowledge(reportProblems: true)
        try checkProvider(in: base)
        let name = engine.profileName
        guard let index, let intents else { return KnowledgeService(base: base, providerName: name) }
        return KnowledgeService(base: base, index: index, intents: intents, providerName: name)
    }

    /// Throws when the configured provider is neither `none` nor a provider profile of `base`.
    func checkProvider(in base: KnowledgeBase) throws {
        try wired { () throws(EngineSettingsError) in try engine.checkProvider(in: base) }
    }

    /// The conversation engine wired with live parts, or without any (`liveChecks` false: it answers from
    /// the knowledge base alone); the knowledge base is loaded and indexed once.
    func makeEngine(liveChecks: Bool = true) throws -> ConversationEngine {
        var settings = engine
        settings.runsLiveChecks = liveChecks
        let knowledge = try knowledge()
        var made = try wired { () throws(EngineSettingsError) in try settings.makeEngine(over: knowledge) }
        made.pinnedLanguage = language
        return made
    }

    /// Live checks and probes expecting what `profile` expects of a domain (none for nil).
    func liveChecks(for profile: ProviderProfile?) throws -> LiveChecks {
        try wired { () throws(EngineSettingsError) in try engine.makeLiveChecks(for: profile) }
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
