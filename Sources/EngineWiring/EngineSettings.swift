import Checks
import Conversation
import DNSResolver
import Foundation
import Knowledge
import MailModel
import Probes

/// What a MailDoctor engine is built from: the provider profile, where live checks send their DNS
/// questions, their deadline and targets, the DNS blocklists, and which server probes may run under
/// which target policy and per-session budget.
///
/// Every front end that builds a ``Conversation/ConversationEngine`` or its
/// ``Conversation/LiveChecks`` (the `maildoctor` commands, `maildoctor mcp`, the transcript runner,
/// the benchmarks) fills in one of these and calls ``makeEngine(over:)`` or ``makeLiveChecks(for:)``:
/// the defaults, the option mapping and the validation live here only. Front ends read their own
/// syntax (command-line options, environment variables, a transcript's `@` lines) into it, and name
/// where a bad value came from when they report an ``EngineSettingsError``.
public struct EngineSettings: Sendable, Equatable {
    /// Where live checks send DNS questions.
    public enum Resolver: Sendable, Equatable {
        /// c-ares with the servers of `/etc/resolv.conf`.
        case system
        /// c-ares with one server, `HOST:PORT` (`127.0.0.1:5353`, `[::1]:53`; the port may be omitted
        /// for 53).
        case server(String)
        /// A resolver that knows no name and says so in every answer: a scripted session (a transcript)
        /// that runs a check must say where its DNS comes from.
        case unanswered
    }

    /// Which server probes (smtp, submission, imap, pop3) the engine may run.
    public enum ProbeMode: Sendable, Equatable {
        /// No probes: a request for one is answered without it.
        case none
        /// Probes of real servers on their standard ports, with a control probe that tells a blocked
        /// outgoing port 25 from a dead server.
        case network
        /// Probes of a lab's or test fixture's mail servers, which listen on other ports: `ports` maps a
        /// standard port to theirs (`[25: 2525]`; results still name the standard port). Their
        /// self-signed certificate stays untrusted (so the diagnosis shows), there is no control probe,
        /// the client greets as `maildoctor.test`, and each stage gets 3 seconds.
        case mapped(ports: [Int: Int])
    }

    /// How many probes one session may start: a burst, then a steady rate.
    public struct ProbeLimits: Sendable, Equatable {
        /// Probes a session may start at once.
        public var burst: Int
        /// Probes a session regains per minute.
        public var perMinute: Int

        /// Creates limits.
        public init(burst: Int, perMinute: Int) {
            self.burst = burst
            self.perMinute = perMinute
        }

        /// Ten probes at once, five more a minute: every front end's budget.
        public static let standard = ProbeLimits(burst: 10, perMinute: 5)
    }

    /// The settings, as named in errors (``EngineSettingsError/setting``) so that a front end can say
    /// where the bad value came from; the raw value is the usual option name.
    public enum Setting: String, Sendable, CaseIterable {
        /// ``EngineSettings/provider``.
        case provider
        /// ``EngineSettings/resolver``.
        case resolver
        /// ``EngineSettings/timeout`` and ``EngineSettings/probeTimeout``.
        case timeout
        /// ``EngineSettings/dnsblZones``.
        case dnsbl
        /// ``EngineSettings/allowHosts``.
        case allowHosts = "allow-hosts"
        /// ``EngineSettings/probes``.
        case probes
    }

    /// The provider profile whose expectations checks apply and whose values fill the articles: nil for
    /// the knowledge base's first non-generic profile, `none` for the generic one (which expects nothing).
    public var provider: String?
    /// Where live checks send DNS questions.
    public var resolver: Resolver
    /// The deadline of each live check, in seconds (more than 0, at most 300). A DNS question waits a
    /// third of it (at least 200 ms) per try, two tries.
    public var timeout: Double
    /// The deadline of one server probe, in seconds; nil for the mode's default: 20 for
    /// ``ProbeMode/network`` (a greeting may be delayed on purpose by several seconds), the check
    /// deadline but at least 5 for ``ProbeMode/mapped(ports:)``.
    public var probeTimeout: Double?
    /// Whether loopback and private addresses are acceptable check targets and MX addresses, and probes
    /// may reach any address and port.
    public var allowPrivate: Bool
    /// The DNS blocklist zones, as given (`zen.spamhaus.org`); nil for
    /// `Checks.CheckOptions.defaultDNSBLZones`.
    public var dnsblZones: [String]?
    /// Non-public hosts or networks probes may reach anyway (`mail.lan`, `*.example.test`, `10.0.0.0/8`).
    public var allowHosts: [String]
    /// Which server probes may run.
    public var probes: ProbeMode
    /// Each session's probe budget.
    public var probeLimits: ProbeLimits
    /// Whether the engine runs live checks at all; false gives an engine that answers from the knowledge
    /// base alone (`maildoctor explain`, the benchmarks).
    public var runsLiveChecks: Bool

    /// Creates settings; the defaults are `maildoctor`'s: system DNS, 5-second checks, network probes
    /// with the standard budget, strict target policy, default blocklists.
    public init(
        provider: String? = nil, resolver: Resolver = .system, timeout: Double = 5, probeTimeout: Double? = nil,
        allowPrivate: Bool = false, dnsblZones: [String]? = nil, allowHosts: [String] = [],
        probes: ProbeMode = .network, probeLimits: ProbeLimits = .standard, runsLiveChecks: Bool = true
    ) {
        self.provider = provider
        self.resolver = resolver
        self.timeout = timeout
        self.probeTimeout = probeTimeout
        self.allowPrivate = allowPrivate
        self.dnsblZones = dnsblZones
        self.allowHosts = allowHosts
        self.probes = probes
        self.probeLimits = probeLimits
        self.runsLiveChecks = runsLiveChecks
    }

    /// The longest deadline accepted, in seconds.
    public static let maximumTimeout: Double = 300

    // MARK: - Validation

    /// Checks every setting that can be checked without a knowledge base, in this order: the deadlines,
    /// the resolver, the blocklist zones, the allowed hosts. ``makeEngine(over:)`` and
    /// ``makeLiveChecks(for:)`` call it; a front end calls it early to refuse bad options before
    /// anything runs.
    ///
    /// - Throws: ``EngineSettingsError`` for the first bad setting.
    public func validate() throws(EngineSettingsError) {
        for seconds in [timeout, probeTimeout].compactMap({ $0 }) {
            guard seconds > 0, seconds <= Self.maximumTimeout else { throw .badTimeout(seconds) }
        }
        if case .server(let server) = resolver {
            do {
                _ = try CAresResolver.serverCSV(server)
            } catch {
                throw .badResolver(error.message)
            }
        }
        _ = try checkedZones()
        do {
            try TargetPolicy.validate(allowedHosts: allowHosts)
        } catch {
            throw .badAllowHosts(error.message)
        }
    }

    /// The blocklist zones to query: ``dnsblZones`` normalised (lower case, no trailing dot, no
    /// duplicates), or the default list.
    ///
    /// - Throws: ``EngineSettingsError/badDNSBLZones(_:)`` when the list is empty or a zone is unusable.
    func checkedZones() throws(EngineSettingsError) -> [String] {
        guard let dnsblZones else { return CheckOptions.defaultDNSBLZones }
        return try Self.parseDNSBLZones(dnsblZones.joined(separator: ","))
    }

    /// Parses a comma-separated blocklist list such as `zen.spamhaus.org,bl.spamcop.net`.
    ///
    /// - Throws: ``EngineSettingsError/badDNSBLZones(_:)`` naming the first unusable zone, or when the
    ///   list is empty.
    public static func parseDNSBLZones(_ text: String) throws(EngineSettingsError) -> [String] {
        do {
            return try CheckOptions.parseDNSBLZones(text)
        } catch {
            throw .badDNSBLZones(error.message)
        }
    }

    /// The non-empty, trimmed items of a comma-separated list (`--dnsbl`, `--allow-hosts`).
    public static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // MARK: - Provider

    /// The provider name to give a `KnowledgeService`: ``provider``, with `none` meaning `generic`.
    public var profileName: String? {
        provider == "none" ? "generic" : provider
    }

    /// Checks ``provider`` against the profile ids a knowledge base has, without loading it (the
    /// compiled-in knowledge base lists its ids cheaply).
    ///
    /// - Throws: ``EngineSettingsError/unknownProvider(_:known:)`` when the name is neither `none` nor
    ///   one of `known`.
    public func checkProvider(known: some Collection<String>) throws(EngineSettingsError) {
        if let provider, provider != "none", !known.contains(provider) {
            throw .unknownProvider(provider, known: known.sorted())
        }
    }

    /// Checks ``provider`` against the profiles of `base`.
    ///
    /// - Throws: ``EngineSettingsError/unknownProvider(_:known:)`` when `base` has no such profile.
    public func checkProvider(in base: KnowledgeBase) throws(EngineSettingsError) {
        try checkProvider(known: base.providers.keys)
    }

    /// The provider profile these settings pick from `base` (the generic one for `none`).
    ///
    /// - Throws: ``EngineSettingsError/unknownProvider(_:known:)`` when `base` has no such profile.
    public func profile(in base: KnowledgeBase) throws(EngineSettingsError) -> ProviderProfile {
        try checkProvider(in: base)
        return KnowledgeService.provider(in: base, named: profileName)
    }

    /// What a provider profile expects of a domain (its MX hosts, SPF include, DKIM selectors); nil for
    /// the generic profile, which expects nothing.
    public static func expectations(of profile: ProviderProfile) -> ProviderExpectations? {
        guard profile.id != "generic" else { return nil }
        return ProviderExpectations(
            name: profile.name, mxHosts: profile.mxHosts, spfInclude: profile.spfInclude,
            dkimSelectors: profile.dkimSelectors)
    }
}

extension EngineSettings.Resolver {
    /// Reads a resolver as a settings file writes it: `fixture` for the test DNS server at `fixture`
    /// (`HOST:PORT`, nil or empty when the test servers are not running), anything else a server
    /// `HOST:PORT`, checked by ``EngineSettings/validate()``.
    ///
    /// - Throws: ``EngineSettingsError/fixtureUnavailable(_:)`` for `fixture` without its address.
    public init(parsing text: String, fixture: String?) throws(EngineSettingsError) {
        guard text == "fixture" else {
            self = .server(text)
            return
        }
        guard let fixture, !fixture.isEmpty else { throw .fixtureUnavailable(.resolver) }
        self = .server(fixture)
    }
}

extension EngineSettings.ProbeMode {
    /// The standard port of each service name a fixture's port list uses.
    public static let standardPorts: [(name: String, port: Int)] = [
        ("smtp", 25), ("submission", 587), ("submissions", 465), ("imap", 143), ("imaps", 993), ("pop3", 110),
        ("pop3s", 995),
    ]

    /// Reads probes as a settings file writes them: `none`, or `fixture` for the test mail servers whose
    /// ports `fixturePorts` lists (`smtp=PORT,submission=PORT,…` as scripts/mail-fixture.sh prints them;
    /// nil or empty when they are not running). Real servers are never chosen by a settings file.
    ///
    /// - Throws: ``EngineSettingsError/badProbes(_:)`` for another word,
    ///   ``EngineSettingsError/fixtureUnavailable(_:)`` for `fixture` without its ports.
    public init(parsing text: String, fixturePorts: String?) throws(EngineSettingsError) {
        switch text {
        case "none": self = .none
        case "fixture":
            guard let fixturePorts, !fixturePorts.isEmpty else { throw .fixtureUnavailable(.probes) }
            self = .mapped(ports: Self.portMap(fixturePorts))
        default: throw .badProbes(text)
        }
    }

    /// The port map of a fixture's `smtp=PORT,submission=PORT,…` list: standard port → the fixture's.
    /// Unknown names and items without a number are skipped.
    public static func portMap(_ text: String) -> [Int: Int] {
        var given: [String: Int] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let port = Int(parts[1]) { given[String(parts[0])] = port }
        }
        var map: [Int: Int] = [:]
        for (name, port) in standardPorts { if let mapped = given[name] { map[port] = mapped } }
        return map
    }
}
