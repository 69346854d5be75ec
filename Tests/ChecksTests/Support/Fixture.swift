import MailModel
import TestSupport
import Testing

@testable import Checks
@testable import DNSResolver

/// Runs checks against the Knot fixture server (or another resolver) the way the CLI does.
enum Fixture {
    /// Blocklists served by the fixture zones: stand-ins for Spamhaus ZEN and SpamCop.
    static let dnsblZones = ["zen.spamhaus.org", "bl.spamcop.net"]

    /// Blocklists that misbehave: a rewriting resolver, a list answering 127.0.0.1, a list that fails.
    static let brokenDNSBLZones = ["rewrite.dnsbl.test", "refused.dnsbl.test", "bl.servfail.test"]

    /// The provider profile the fixtures' provider.test plays.
    static let provider = ProviderExpectations(
        name: "Provider", mxHosts: ["mx1.provider.test", "mx2.provider.test"], spfInclude: "_spf.provider.test",
        dkimSelectors: ["provsel"])

    /// Options for one check with fixture defaults.
    static func options(_ id: CheckID, _ configure: (inout CheckOptions) -> Void = { _ in }) -> CheckOptions {
        var options = CheckOptions(only: [id], dnsblZones: dnsblZones, timeout: .seconds(20))
        configure(&options)
        return options
    }

    /// Runs one check on `target` against the fixture server.
    static func check(_ id: CheckID, _ target: String, _ configure: (inout CheckOptions) -> Void = { _ in })
        async throws -> CheckResult
    {
        try await check(id, target, resolver: try KnotFixture.sharedResolver(), configure)
    }

    /// Runs one check on `target` with `resolver`.
    static func check(
        _ id: CheckID, _ target: String, resolver: any DNSResolving,
        _ configure: (inout CheckOptions) -> Void = { _ in }
    ) async throws -> CheckResult {
        let checker = DNSChecker(resolver: resolver, options: options(id, configure))
        let report = await checker.report(try CheckTarget.parse(target))
        return try #require(report.checks.first { $0.id == id }, "no \(id.rawValue) result for \(target)")
    }

    /// An in-memory resolver that records a test failure for any question it was not given.
    static func memory(
        _ records: [String: [DNSRecord]], outcomes: [DNSQuestion: DNSOutcome] = [:],
        nameOutcomes: [String: DNSOutcome] = [:]
    ) -> InMemoryResolver {
        InMemoryResolver(records: records, outcomes: outcomes, nameOutcomes: nameOutcomes) { question in
            Issue.record("unscripted DNS question: \(question)")
        }
    }
}
