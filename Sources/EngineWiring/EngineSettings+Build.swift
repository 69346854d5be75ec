import Checks
import Conversation
import DNSResolver
import Knowledge
import MailModel
import Probes

extension EngineSettings {
    /// The conversation engine for these settings over `knowledge`: with the provider profile the
    /// settings name and, unless ``runsLiveChecks`` is false, the live checks of
    /// ``makeLiveChecks(for:)`` with that profile's expectations.
    ///
    /// `knowledge` is used as it is when it already has that profile (no article is rendered again), else
    /// with it (its indexes are shared, not rebuilt): build it with ``profileName`` to start fast, or
    /// once for many settings (transcripts).
    ///
    /// - Throws: ``EngineSettingsError`` for an unknown provider or a setting ``validate()`` refuses.
    public func makeEngine(over knowledge: KnowledgeService) throws(EngineSettingsError) -> ConversationEngine {
        try validate()
        let knowledge = try self.knowledge(over: knowledge)
        guard runsLiveChecks else { return ConversationEngine(knowledge: knowledge) }
        return ConversationEngine(knowledge: knowledge, liveChecks: try makeLiveChecks(for: knowledge.provider))
    }

    /// `knowledge` with the provider profile these settings name: itself when it has it already.
    ///
    /// - Throws: ``EngineSettingsError/unknownProvider(_:known:)``.
    public func knowledge(over knowledge: KnowledgeService) throws(EngineSettingsError) -> KnowledgeService {
        let profile = try profile(in: knowledge.base)
        return profile.id == knowledge.provider.id ? knowledge : knowledge.with(providerName: profileName)
    }

    /// The live checks for these settings, expecting what `profile` expects of a domain: the check
    /// options of ``checkOptions(for:)``, one resolver (``makeResolver()``) made on first use and
    /// shared by every request, and the probes of ``networkProbes()``.
    ///
    /// - Throws: ``EngineSettingsError`` for a setting ``validate()`` refuses.
    public func makeLiveChecks(for profile: ProviderProfile?) throws(EngineSettingsError) -> LiveChecks {
        try validate()
        let options = try checkOptions(for: profile)
        let probes = networkProbes()
        if resolver == .unanswered {
            // Nothing to share: each request gets its own, with its own log of questions.
            return LiveChecks(options: options, probes: probes) { try makeResolver() }
        }
        let shared = SharedResolver { () throws(ResolverError) in try makeResolver() }
        return LiveChecks(options: options, probes: probes) { try shared.get() }
    }

    /// The options every live check gets: the deadline, private targets, the blocklist zones and, for a
    /// profile other than the generic one, its expectations (``expectations(of:)``).
    ///
    /// - Throws: ``EngineSettingsError/badDNSBLZones(_:)``.
    public func checkOptions(for profile: ProviderProfile?) throws(EngineSettingsError) -> CheckOptions {
        CheckOptions(
            dnsblZones: try checkedZones(), provider: profile.flatMap(Self.expectations(of:)),
            timeout: Self.duration(timeout), allowPrivate: allowPrivate)
    }

    /// How long one DNS question waits per try, in milliseconds: a third of the check deadline, at
    /// least 200 ms (two tries fit in a check).
    public var dnsTryTimeoutMS: Int {
        max(200, Int(timeout * 1000) / 3)
    }

    /// A new resolver for these settings: a c-ares channel (two tries of ``dnsTryTimeoutMS`` each), or
    /// for ``Resolver/unanswered`` one that knows no name.
    ///
    /// - Throws: `ResolverError` when c-ares cannot be set up or the server is not `HOST:PORT`.
    public func makeResolver() throws(ResolverError) -> any DNSResolving {
        switch resolver {
        case .system: try CAresResolver(server: nil, timeoutMS: dnsTryTimeoutMS, tries: 2)
        case .server(let server): try CAresResolver(server: server, timeoutMS: dnsTryTimeoutMS, tries: 2)
        case .unanswered: InMemoryResolver(records: [:])
        }
    }

    /// The target policy of the probes: public addresses and mail ports only, unless ``allowPrivate``,
    /// with the ``allowHosts`` exceptions.
    public var targetPolicy: TargetPolicy {
        TargetPolicy(allowPrivate: allowPrivate, allowedHosts: allowHosts)
    }

    /// The options of one probe run under these settings (``ProbeMode/none`` gets those of
    /// ``ProbeMode/network``): deadlines, target policy and, for ``ProbeMode/mapped(ports:)``, the port
    /// map and the lab's client name, without control probe.
    public func probeOptions() -> ProbeOptions {
        switch probes {
        case .none, .network:
            let total = Self.duration(probeTimeout ?? 20)
            return ProbeOptions(timeout: total, stageTimeout: min(total, .seconds(10)), policy: targetPolicy)
        case .mapped(let ports):
            let total = Self.duration(probeTimeout ?? max(timeout, 5))
            var options = ProbeOptions(
                timeout: total, stageTimeout: min(total, .seconds(3)), policy: targetPolicy,
                ehloName: "maildoctor.test", control: nil)
            options.portMap = ports
            return options
        }
    }

    /// The probes as the engine runs them: ``probeOptions()`` (whose target policy applies to every
    /// probe, after DNS resolution), each run's DNS answers cached for the run, and each session's
    /// budget of ``probeLimits``; nil for ``ProbeMode/none``.
    public func networkProbes() -> NetworkProbes? {
        if probes == .none { return nil }
        let options = probeOptions()
        let limits = SessionProbeLimits(capacity: probeLimits.burst, refillPerMinute: probeLimits.perMinute)
        return NetworkProbes(
            run: { ids, target, resolver in
                ProbeRunner(resolver: CachingResolver(resolver), options: options).run(ids, target: target)
            },
            admit: { session, count in await limits.admit(session: session, count: count) })
    }

    /// A duration of `seconds`, to the millisecond.
    static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int(seconds * 1000))
    }
}
