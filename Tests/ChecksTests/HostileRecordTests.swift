import Foundation
import Localization
import MailModel
import Sanitizer
import TestSupport
import Testing

@testable import Checks
@testable import DNSResolver

/// Records built to hurt: control characters in every kind of TXT record (hostile.test and a DNSBL
/// listing, Fixtures/hostile.test.zone and zen.spamhaus.org.zone), and a domain with 1,000 MX hosts and a
/// 51 KB SPF record (Fixtures/many.test.zone, generated: 1,000 `MX n mxN.many.test.` with an A record each,
/// and one TXT record of 200 strings of 255 bytes).
@Suite struct HostileRecordTests {
    static func report(_ target: CheckTarget, _ configure: (inout CheckOptions) -> Void = { _ in }) async throws
        -> CheckReport
    {
        let resolver = try KnotFixture.sharedResolver()
        var options = CheckOptions(dnsblZones: Fixture.dnsblZones, timeout: .seconds(20))
        options.dkimSelector = "s1"
        configure(&options)
        return await DNSChecker(resolver: resolver, options: options).report(target)
    }

    @Test func checkTextAndJSONNeutraliseEveryRecord() async throws {
        let domain = try await Self.report(.domain("hostile.test"))
        let ip = try await Self.report(.ip("192.0.2.66"))
        // The records really carry the characters into the findings (else this test proves nothing).
        let messages = (domain.checks + ip.checks).flatMap(\.findings).map(\.message).joined(separator: "\n")
        #expect(messages.contains("\u{1B}"))
        #expect(messages.contains("\u{202E}"))
        for id in [CheckID.spf, .dmarc, .mtaSTS, .tlsRPT] {
            let check = try #require(domain.checks.first { $0.id == id })
            #expect(!HostileText.raw(check.findings.map(\.message).joined()).isEmpty, "\(id) quotes nothing hostile")
        }
        #expect(!HostileText.raw(ip.checks.flatMap(\.findings).map(\.message).joined()).isEmpty, "dnsbl quotes nothing")

        for report in [domain, ip] {
            let text = CheckRendering.text(report)
            #expect(HostileText.raw(text).isEmpty, "\(text)")
            #expect(text.contains("␛"))
            let json = CheckRendering.json(report)
            #expect(!json.contains("\u{1B}"))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            for check in object["checks"] as? [[String: Any]] ?? [] {
                #expect(HostileText.raw(check["summary"] as? String ?? "").isEmpty)
                for finding in check["findings"] as? [[String: Any]] ?? [] {
                    #expect(HostileText.raw(finding["message"] as? String ?? "").isEmpty, "\(finding)")
                }
            }
        }
    }

    @Test func aThousandMXHostsAndAHugeTXTRecordStayBounded() async throws {
        let counter = CountingResolver(try KnotFixture.sharedResolver())
        let report = await DNSChecker(
            resolver: counter, options: CheckOptions(dnsblZones: Fixture.dnsblZones, timeout: .seconds(30))
        ).report(.domain("many.test"))
        let mx = try #require(report.checks.first { $0.id == .mx })
        #expect(mx.summary.contains("(showing 10 of 1,000 MX hosts)"), "\(mx.summary)")
        #expect(mx.finding("mx.many-hosts")?.message.contains("showing 10 of 1,000 MX hosts") == true)
        #expect(mx.data["mx"]?.arrayValue?.count == 10)
        #expect(mx.data["mx_count"] == .int(1000))
        // 1 MX + 2 per examined host, plus the other checks: far below the 2,634 of an unbounded check.
        #expect(counter.count < 100, "\(counter.count) queries")

        let spf = try #require(report.checks.first { $0.id == .spf })
        for finding in spf.findings { #expect(finding.message.count <= CheckLimits.messageCharacters + 60) }
        #expect(spf.findings.contains { $0.message.contains("[showing 1,000 of ") }, "\(spf.findings)")
        let json = CheckRendering.json(report)
        #expect(json.utf8.count < 40_000, "\(json.utf8.count) bytes")
        #expect(json.contains("characters]"))
    }

    @Test func theQueryBudgetStopsLookupsAndSaysWhy() async throws {
        let counter = CountingResolver(try KnotFixture.sharedResolver())
        var options = CheckOptions(only: [.mx], dnsblZones: Fixture.dnsblZones, timeout: .seconds(30))
        options.queryLimit = 5
        let report = await DNSChecker(resolver: counter, options: options).report(.domain("many.test"))
        #expect(counter.count == 5)
        let mx = try #require(report.checks.first)
        #expect(mx.findings.contains { $0.message.contains("MailDoctor stops after 5 DNS queries for one check") })
    }

    @Test func budgetedResolverCountsAndRefuses() async {
        let memory = InMemoryResolver(records: ["a.test": [.a("192.0.2.1")]], unknownNames: .nxdomain)
        let resolver = BudgetedResolver(memory, limit: 2, scope: "one message")
        for _ in 0..<2 { #expect(await resolver.resolve("a.test", .a).outcome == .answer) }
        let third = await resolver.resolve("b.test", .a)
        #expect(third.outcome.explanation.contains("MailDoctor stops after 2 DNS queries for one message"))
        #expect(resolver.isExhausted)
        #expect(1_000.grouped == "1,000" && 12.grouped == "12" && 1_234_567.grouped == "1,234,567")
    }

    @Test func boundsCutSummariesMessagesAndDataStrings() {
        let long = String(repeating: "y", count: 51_000)
        let result = CheckResult(
            id: .spf, status: .fail, summary: .verbatim(long),
            findings: [Finding(code: FindingCode(rawValue: "x"), severity: .fail, message: .verbatim(long))],
            data: ["record": .string(long), "list": .array([.string(long)]), "n": .int(3)]
        ).bounded()
        #expect(result.summary.hasSuffix("[showing 300 of 51,000 characters]"))
        #expect(result.findings[0].message.hasSuffix("[showing 1,000 of 51,000 characters]"))
        // The translatable forms are cut too: a translation never shows the whole value again.
        #expect(result.summaryText?.english == result.summary)
        #expect(result.findings[0].text?.english == result.findings[0].message)
        #expect(result.data["record"]?.stringValue?.hasSuffix("[showing 2,048 of 51,000 characters]") == true)
        #expect(result.data["list"]?.arrayValue?.first?.stringValue?.count ?? 0 < 2_200)
        #expect(result.data["n"] == .int(3))
    }
}

/// Counts the questions that reach the real resolver.
final class CountingResolver: DNSResolving, @unchecked Sendable {
    private let upstream: any DNSResolving
    private let lock = NSLock()
    private var asked = 0

    init(_ upstream: any DNSResolving) { self.upstream = upstream }

    var count: Int { lock.withLock { asked } }

    func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        lock.withLock { asked += 1 }
        return await upstream.resolve(question)
    }
}
