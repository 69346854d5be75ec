import Checks
import Conversation
import EngineWiring
import Knowledge
import MailModel
import Probes
import Testing

/// A small knowledge base: the generic profile, one provider with expectations, one article that names
/// the provider.
enum Fixture {
    static let base = KnowledgeBase(files: [
        ("providers/generic.yaml", "id: generic\nname: your provider\nmx_hosts: []\n"),
        (
            "providers/acme.yaml",
            """
            id: acme
            name: Acme Mail
            mx_hosts: [mx1.acme.example, mx2.acme.example]
            spf_include: _spf.acme.example
            dkim_selectors: [acme1]
            """
        ),
        (
            "articles/mx-records.md",
            """
            ---
            id: mx-records
            title: MX records at {{provider.name}}
            tags: [receiving]
            keywords: [mx]
            summary: Point your MX records to {{provider.name}}.
            ---
            ## What to do
            1. Check the MX records.
            """
        ),
    ])

    static let knowledge = KnowledgeService(base: base, providerName: "acme")
}

/// The settings → options mapping of `EngineWiring`: defaults, deadlines, blocklists, provider
/// expectations, probe options and limits.
@Suite struct EngineSettingsMappingTests {
    @Test func defaultsAreMaildoctors() throws {
        let settings = EngineSettings()
        #expect(settings.resolver == .system)
        #expect(settings.timeout == 5)
        #expect(settings.probeTimeout == nil)
        #expect(settings.probes == .network)
        #expect(settings.probeLimits == EngineSettings.ProbeLimits(burst: 10, perMinute: 5))
        #expect(settings.runsLiveChecks)
        let options = try settings.checkOptions(for: nil)
        #expect(options.timeout == .seconds(5))
        #expect(!options.allowPrivate)
        #expect(options.dnsblZones == CheckOptions.defaultDNSBLZones)
        #expect(options.provider == nil)
        #expect(settings.dnsTryTimeoutMS == 1_666)
    }

    @Test func checkOptionsCarryTheSettings() throws {
        let settings = EngineSettings(
            timeout: 2.5, allowPrivate: true, dnsblZones: ["ZEN.Spamhaus.org.", "bl.spamcop.net", "zen.spamhaus.org"])
        let options = try settings.checkOptions(for: nil)
        #expect(options.timeout == .milliseconds(2_500))
        #expect(options.allowPrivate)
        #expect(options.dnsblZones == ["zen.spamhaus.org", "bl.spamcop.net"])
    }

    @Test func providerExpectationsComeFromTheProfile() throws {
        let acme = try #require(Fixture.base.providers["acme"])
        let expected = ProviderExpectations(
            name: "Acme Mail", mxHosts: ["mx1.acme.example", "mx2.acme.example"], spfInclude: "_spf.acme.example",
            dkimSelectors: ["acme1"])
        #expect(EngineSettings.expectations(of: acme) == expected)
        #expect(try EngineSettings().checkOptions(for: acme).provider == expected)
        let generic = try #require(Fixture.base.providers["generic"])
        #expect(EngineSettings.expectations(of: generic) == nil)
        #expect(try EngineSettings().checkOptions(for: generic).provider == nil)
    }

    @Test func providerNames() throws {
        #expect(EngineSettings(provider: "none").profileName == "generic")
        #expect(EngineSettings(provider: "acme").profileName == "acme")
        #expect(EngineSettings().profileName == nil)
        #expect(try EngineSettings(provider: "none").profile(in: Fixture.base).id == "generic")
        #expect(try EngineSettings(provider: "acme").profile(in: Fixture.base).id == "acme")
        // Without a name: the first profile that is not the generic one.
        #expect(try EngineSettings().profile(in: Fixture.base).id == "acme")
    }

    @Test func dnsTriesWaitAThirdOfTheDeadlineAtLeast200ms() {
        #expect(EngineSettings(timeout: 3).dnsTryTimeoutMS == 1_000)
        #expect(EngineSettings(timeout: 0.3).dnsTryTimeoutMS == 200)
    }

    @Test func networkProbeOptions() {
        let options = EngineSettings(allowHosts: ["mail.lan"]).probeOptions()
        #expect(options.timeout == .seconds(20))
        #expect(options.stageTimeout == .seconds(10))
        #expect(options.policy == TargetPolicy(allowPrivate: false, allowedHosts: ["mail.lan"]))
        #expect(options.control == .standard)
        #expect(options.portMap.isEmpty)
        let short = EngineSettings(timeout: 2, probeTimeout: 2, allowPrivate: true).probeOptions()
        #expect(short.timeout == .seconds(2))
        #expect(short.stageTimeout == .seconds(2))
        #expect(short.policy.allowPrivate)
    }

    @Test func mappedProbeOptions() {
        let settings = EngineSettings(timeout: 3, allowHosts: ["*.dialog.test"], probes: .mapped(ports: [25: 2525]))
        let options = settings.probeOptions()
        #expect(options.timeout == .seconds(5))
        #expect(options.stageTimeout == .seconds(3))
        #expect(options.ehloName == "maildoctor.test")
        #expect(options.control == nil)
        #expect(options.portMap == [25: 2525])
        #expect(options.policy == TargetPolicy(allowPrivate: false, allowedHosts: ["*.dialog.test"]))
        var slower = settings
        slower.timeout = 8
        #expect(slower.probeOptions().timeout == .seconds(8))
    }

    @Test func probesFollowTheMode() {
        #expect(EngineSettings(probes: .none).networkProbes() == nil)
        #expect(EngineSettings(probes: .network).networkProbes() != nil)
        #expect(EngineSettings(probes: .mapped(ports: [:])).networkProbes() != nil)
    }

    @Test func probeBudgetIsPerSession() async throws {
        let probes = try #require(
            EngineSettings(probeLimits: EngineSettings.ProbeLimits(burst: 2, perMinute: 1)).networkProbes())
        #expect(await probes.admit("a", 2) == nil)
        #expect(await probes.admit("a", 1) != nil)
        #expect(await probes.admit("b", 1) == nil)
    }

    @Test func readsSettingsFileValues() throws {
        #expect(try EngineSettings.ProbeMode(parsing: "none", fixturePorts: nil) == .none)
        let fixture = try EngineSettings.ProbeMode(
            parsing: "fixture", fixturePorts: "smtp=2525,submission=2587,imap=1143,bogus=1,pop3=x")
        #expect(fixture == .mapped(ports: [25: 2525, 587: 2587, 143: 1143]))
        #expect(try EngineSettings.Resolver(parsing: "fixture", fixture: "127.0.0.1:5353") == .server("127.0.0.1:5353"))
        #expect(try EngineSettings.Resolver(parsing: "[::1]:53", fixture: nil) == .server("[::1]:53"))
        #expect(EngineSettings.list(" a.test, ,b.test ,") == ["a.test", "b.test"])
    }

    @Test func liveChecksUseTheSettings() async throws {
        let acme = try #require(Fixture.base.providers["acme"])
        let settings = EngineSettings(
            resolver: .unanswered, timeout: 3, dnsblZones: ["zen.spamhaus.org"], probes: .none)
        let live = try settings.makeLiveChecks(for: acme)
        #expect(live.options.timeout == .seconds(3))
        #expect(live.options.dnsblZones == ["zen.spamhaus.org"])
        #expect(live.options.provider?.name == "Acme Mail")
        #expect(live.probes == nil)
        let answer = try await live.makeResolver().resolve(DNSQuestion("example.com", .mx))
        #expect(answer.records.isEmpty)
        #expect(try EngineSettings().makeLiveChecks(for: nil).probes != nil)
    }

    @Test func engineGetsTheProviderProfile() throws {
        let generic = try EngineSettings(provider: "none", probes: .none).makeEngine(over: Fixture.knowledge)
        #expect(generic.knowledge.provider.id == "generic")
        #expect(generic.knowledge.article("mx-records")?.title == "MX records at your provider")
        let acme = try EngineSettings(provider: "acme").makeEngine(over: Fixture.knowledge)
        #expect(acme.knowledge.provider.id == "acme")
        #expect(acme.knowledge.article("mx-records")?.title == "MX records at Acme Mail")
        let offline = try EngineSettings(runsLiveChecks: false).makeEngine(over: Fixture.knowledge)
        #expect(offline.knowledge.provider.id == "acme")
    }
}

/// The one typed error: which setting, and a message a person can act on.
@Suite struct EngineSettingsErrorTests {
    @Test func deadlinesMustBeInRange() {
        for seconds in [0, -1, 301, .nan] {
            #expect(throws: EngineSettingsError.self) { try EngineSettings(timeout: seconds).validate() }
        }
        #expect(throws: EngineSettingsError.badTimeout(-1)) { try EngineSettings(probeTimeout: -1).validate() }
        #expect(EngineSettingsError.badTimeout(0).setting == .timeout)
        #expect(
            EngineSettingsError.badTimeout(0).message
                == "the timeout must be more than 0 and at most 300 seconds (got 0)")
        #expect(EngineSettingsError.badTimeout(0.5).message.hasSuffix("(got 0.5)"))
        #expect(throws: Never.self) { try EngineSettings(timeout: 300, probeTimeout: 0.1).validate() }
    }

    @Test func badResolver() throws {
        let error = try #require(throws: EngineSettingsError.self) {
            try EngineSettings(resolver: .server("dns.example:53")).validate()
        }
        #expect(error.setting == .resolver)
        #expect(error.message.contains("the resolver must be an IP address and port"))
        let port = try #require(throws: EngineSettingsError.self) {
            try EngineSettings(resolver: .server("127.0.0.1:99999")).makeLiveChecks(for: nil)
        }
        #expect(port.message.contains("the resolver port must be between 1 and 65535"))
    }

    @Test func badDNSBLZones() throws {
        let zone = try #require(throws: EngineSettingsError.self) {
            try EngineSettings(dnsblZones: ["zen.spamhaus.org", "a..b"]).validate()
        }
        #expect(zone.setting == .dnsbl)
        #expect(zone.message.contains("\"a..b\" is not a usable blocklist zone"))
        let empty = try #require(throws: EngineSettingsError.self) { try EngineSettings(dnsblZones: []).validate() }
        #expect(empty.message.contains("The blocklist list is empty"))
        #expect(throws: EngineSettingsError.self) { try EngineSettings.parseDNSBLZones(",") }
        #expect(throws: EngineSettingsError.self) {
            try EngineSettings(dnsblZones: ["a..b"]).makeEngine(over: Fixture.knowledge)
        }
    }

    @Test func badAllowHosts() throws {
        let error = try #require(throws: EngineSettingsError.self) {
            try EngineSettings(allowHosts: ["mail.lan", "not a host"]).validate()
        }
        #expect(error.setting == .allowHosts)
        #expect(error.message.contains("\"not a host\" is not a host name"))
    }

    @Test func unknownProvider() throws {
        let error = try #require(throws: EngineSettingsError.self) {
            try EngineSettings(provider: "nope").makeEngine(over: Fixture.knowledge)
        }
        #expect(error == .unknownProvider("nope", known: ["acme", "generic"]))
        #expect(error.setting == .provider)
        #expect(error.message == "unknown provider 'nope'; known: acme, generic, none")
        #expect(throws: Never.self) { try EngineSettings(provider: "none").checkProvider(known: ["acme"]) }
        #expect(throws: EngineSettingsError.unknownProvider("x", known: ["a", "b"])) {
            try EngineSettings(provider: "x").checkProvider(known: Set(["b", "a"]))
        }
    }

    @Test func badProbes() throws {
        for word in ["network", "yes", ""] {
            #expect(throws: EngineSettingsError.badProbes(word)) {
                try EngineSettings.ProbeMode(parsing: word, fixturePorts: "smtp=2525")
            }
        }
        #expect(EngineSettingsError.badProbes("yes").message == "probes must be fixture or none, not 'yes'")
        #expect(EngineSettingsError.badProbes("yes").setting == .probes)
    }

    @Test func fixturesThatAreNotRunning() {
        for ports in [nil, ""] {
            #expect(throws: EngineSettingsError.fixtureUnavailable(.probes)) {
                try EngineSettings.ProbeMode(parsing: "fixture", fixturePorts: ports)
            }
            #expect(throws: EngineSettingsError.fixtureUnavailable(.resolver)) {
                try EngineSettings.Resolver(parsing: "fixture", fixture: ports)
            }
        }
        #expect(EngineSettingsError.fixtureUnavailable(.probes).setting == .probes)
        #expect(EngineSettingsError.fixtureUnavailable(.resolver).message.contains("test DNS server"))
        #expect(EngineSettingsError.fixtureUnavailable(.probes).message.contains("test mail servers"))
    }
}
