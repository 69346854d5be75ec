import Foundation
import Localization
import MailModel
import TestSupport
import Testing

@testable import Checks

/// Running several checks: planning, streaming, deadlines and the "error is never pass or fail" rule.
@Suite("DNSChecker")
struct DNSCheckerTests {
    @Test("which checks apply to which target")
    func planning() throws {
        let resolver = Fixture.memory([:])
        let all = DNSChecker(resolver: resolver, options: CheckOptions())
        #expect(
            all.plannedChecks(for: .domain("example.com")) == [.domain, .mx, .spf, .dmarc, .dkim, .mtaSTS, .tlsRPT])
        #expect(all.plannedChecks(for: .address(local: "a", domain: "example.com")).count == 7)
        #expect(all.plannedChecks(for: .ip("192.0.2.1")) == [.dnsbl, .ptr])
        let some = DNSChecker(resolver: resolver, options: CheckOptions(only: [.spf, .dnsbl, .smtp]))
        #expect(some.plannedChecks(for: .domain("example.com")) == [.spf, .dnsbl])
        #expect(some.plannedChecks(for: .ip("192.0.2.1")) == [.dnsbl])
    }

    @Test("results stream as they finish; the report keeps display order")
    func streaming() async throws {
        let resolver = try KnotFixture.sharedResolver()
        let checker = DNSChecker(resolver: resolver, options: CheckOptions(dnsblZones: Fixture.dnsblZones))
        var streamed: [CheckID] = []
        for await result in checker.run(.domain("good.test")) {
            streamed.append(result.id)
            #expect(result.elapsedMS >= 0)
        }
        #expect(Set(streamed) == Set(CheckID.domainChecks))
        let report = await checker.report(.domain("good.test"))
        #expect(report.checks.map(\.id) == CheckID.domainChecks)
        #expect(report.target == "good.test")
    }

    @Test("all queries of a request run concurrently: a full report costs about one round of timeouts")
    func concurrency() async throws {
        // One query to a silent server costs 1 s; the report makes well over a dozen, a few rounds deep,
        // so one after the other would take far longer than the bound, which leaves room for a busy machine.
        let resolver = try KnotFixture.blackHoleResolver(timeoutMS: 1000)
        let checker = DNSChecker(resolver: resolver, options: CheckOptions(dnsblZones: Fixture.dnsblZones))
        let clock = ContinuousClock()
        let start = clock.now
        let report = await checker.report(.domain("good.test"))
        #expect(start.duration(to: clock.now) < .seconds(8))
        #expect(report.checks.count == 7)
    }

    /// For every DNS check: a server that fails, refuses or stays silent gives `error`, never pass or fail.
    @Test("DNS failures are errors for every check", arguments: CheckID.domainChecks + CheckID.ipChecks)
    func failuresAreErrors(_ id: CheckID) async throws {
        let target = CheckID.ipChecks.contains(id) ? "192.0.2.2" : "good.test"
        let silent = try await Fixture.check(
            id, target, resolver: try KnotFixture.blackHoleResolver(timeoutMS: 100))
        #expect(silent.status == .error, "\(id.rawValue) on a silent server: \(silent.codes)")
        #expect(silent.findings.allSatisfy { $0.severity != .fail && $0.severity != .pass }, "\(silent.codes)")
        if !CheckID.ipChecks.contains(id) {
            let refused = try await Fixture.check(id, "example.org")
            #expect(refused.status == .error, "\(id.rawValue) on REFUSED: \(refused.codes)")
            let servfail = try await Fixture.check(id, "servfail.test")
            #expect(servfail.status == .error, "\(id.rawValue) on SERVFAIL: \(servfail.codes)")
        }
    }

    @Test(
        "each status is reachable",
        arguments: [
            (CheckID.mx, "good.test", CheckStatus.pass), (.mtaSTS, "good.test", .info), (.dkim, "good.test", .warn),
            (.spf, "passall.spf.test", .fail), (.domain, "servfail.test", .error),
        ])
    func statuses(_ id: CheckID, _ target: String, _ status: CheckStatus) async throws {
        #expect(try await Fixture.check(id, target).status == status)
    }

    @Test("a check that outlives its deadline reports check.deadline")
    func deadline() async throws {
        let resolver = try KnotFixture.blackHoleResolver(timeoutMS: 10_000)
        let checker = DNSChecker(resolver: resolver, options: CheckOptions(only: [.mx], timeout: .milliseconds(100)))
        let clock = ContinuousClock()
        let start = clock.now
        let report = await checker.report(.domain("good.test"))
        #expect(start.duration(to: clock.now) < .seconds(5))  // the resolver alone would wait 10 s
        let result = try #require(report.checks.first)
        #expect(result.status == .error)
        #expect(result.finding("check.deadline")?.message.contains("0.1 seconds") == true)
    }

    @Test("a deadline is told in plain words, without a command-line flag; DKIM names the key it looked up")
    func deadlineInPlainWords() async throws {
        let resolver = try KnotFixture.blackHoleResolver(timeoutMS: 10_000)
        var options = CheckOptions(only: [.mx, .dkim], timeout: .milliseconds(100))
        options.dkimSelector = "Sel1"
        let report = await DNSChecker(resolver: resolver, options: options).report(.domain("good.test"))
        let mx = try #require(report.checks.first { $0.id == .mx }?.finding("check.deadline")?.message)
        #expect(!mx.contains("--"))
        #expect(mx.contains("did not answer in time"))
        #expect(mx.contains("Try again in a minute"))
        let dkim = try #require(report.checks.first { $0.id == .dkim }?.finding("check.deadline")?.message)
        #expect(dkim.contains("sel1._domainkey.good.test"))
    }

    @Test("cancelling the consumer stops the checks")
    func cancellation() async throws {
        let resolver = try KnotFixture.blackHoleResolver(timeoutMS: 30_000)
        let checker = DNSChecker(resolver: resolver, options: CheckOptions())
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task {
            var count = 0
            for await _ in checker.run(.domain("good.test")) { count += 1 }
            return count
        }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        _ = await task.value
        #expect(start.duration(to: clock.now) < .seconds(10))  // the queries alone would wait 30 s
    }
}

/// Text and JSON rendering.
@Suite("CheckRendering")
struct CheckRenderingTests {
    static let report = CheckReport(
        target: "example.com",
        checks: [
            CheckResult(
                id: .spf, status: .fail, summary: "v=spf1 +all",
                findings: [Finding(code: .spfPassAll, severity: .fail, message: "Everyone may send.\n  tree line")],
                data: ["record": "v=spf1 +all", "lookups": 0], elapsedMS: 12),
            CheckResult(id: .mtaSTS, status: .info, summary: "not published (optional)", elapsedMS: 3),
        ])

    @Test("text: a line per check, findings indented, continuation lines kept")
    func text() {
        let text = CheckRendering.text(CheckRenderingTests.report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "example.com")
        #expect(lines[1] == "FAIL   spf      v=spf1 +all")
        #expect(lines[2] == "       - fail: Everyone may send. [spf.pass-all]")
        #expect(lines[3] == "           tree line")
        #expect(lines[4] == "INFO   mta-sts  not published (optional)")
        #expect(text.hasSuffix("\n"))
    }

    @Test("JSON follows the documented shape and key order")
    func json() throws {
        let json = CheckRendering.json(CheckRenderingTests.report)
        #expect(
            json.hasPrefix(
                #"{"target":"example.com","checks":[{"id":"spf","status":"fail","summary":"v=spf1 +all","findings":[{"code":"spf.pass-all","severity":"fail","message":"Everyone may send.\n  tree line"}],"data":{"lookups":0,"record":"v=spf1 +all"},"elapsed_ms":12}"#
            ))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let checks = try #require(object["checks"] as? [[String: Any]])
        #expect(checks.count == 2)
        #expect(checks[1]["id"] as? String == "mta-sts")
        #expect(checks[1]["elapsed_ms"] as? Int == 3)
    }

    @Test("Codable uses the same keys")
    func codable() throws {
        let data = try JSONEncoder().encode(CheckRenderingTests.report)
        let decoded = try JSONDecoder().decode(CheckReport.self, from: data)
        #expect(decoded == CheckRenderingTests.report)
        let rendered = try JSONDecoder().decode(
            CheckReport.self, from: Data(CheckRendering.json(CheckRenderingTests.report).utf8))
        #expect(rendered == CheckRenderingTests.report)
        #expect(String(decoding: data, as: UTF8.self).contains("\"elapsed_ms\""))
    }

    @Test("strings are escaped")
    func escaping() {
        #expect(JSONValue.string("a\"b\\c\u{1}\t").serialized() == #""a\"b\\c\u0001\t""#)
        #expect(JSONValue.object(["b": 1, "a": [true, nil, 1.5]]).serialized() == #"{"a":[true,null,1.5],"b":1}"#)
    }
}
