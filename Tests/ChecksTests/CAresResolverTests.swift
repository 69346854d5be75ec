import MailModel
import TestSupport
import Testing

@testable import DNSResolver

/// The c-ares resolver against the real Knot fixture server and a black hole.
@Suite("CAresResolver")
struct CAresResolverTests {
    @Test("NOERROR with records, in the zone's order of preference")
    func answer() async throws {
        let resolver = try KnotFixture.sharedResolver()
        let answer = await resolver.resolve("good.test", .mx)
        #expect(answer.outcome == .answer)
        #expect(
            Set(answer.records) == [
                .mx(preference: 10, exchange: "mx1.good.test"), .mx(preference: 20, exchange: "mx2.good.test"),
            ])
        let v6 = await resolver.resolve("MX1.Good.Test.", .aaaa)
        #expect(v6.records == [.aaaa("2001:db8::25")])
        #expect(v6.question.name == "mx1.good.test")
    }

    @Test("NXDOMAIN, NODATA, SERVFAIL and REFUSED are distinct outcomes")
    func outcomes() async throws {
        let resolver = try KnotFixture.sharedResolver()
        #expect(await resolver.resolve("nosuch.test", .a).outcome == .nxdomain)
        #expect(await resolver.resolve("good.test", .aaaa).outcome == .noData)
        #expect(await resolver.resolve("x.servfail.test", .a).outcome == .servfail)
        #expect(await resolver.resolve("example.org", .a).outcome == .refused)
    }

    @Test("a silent server times out within the deadline (timeoutMS × tries)")
    func timeout() async throws {
        let resolver = try KnotFixture.blackHoleResolver(timeoutMS: 200)
        let clock = ContinuousClock()
        let start = clock.now
        let answer = await resolver.resolve("good.test", .a)
        let elapsed = start.duration(to: clock.now)
        #expect(answer.outcome == .timeout)
        #expect(elapsed >= .milliseconds(150))
        #expect(elapsed < .seconds(4))  // bounded, with room for a busy machine
    }

    @Test("CNAME chains are followed and reported; loops are an error")
    func cnameChains() async throws {
        let resolver = try KnotFixture.sharedResolver()
        let answer = await resolver.resolve("www.good.test", .a)
        #expect(answer.outcome == .answer)
        #expect(answer.cnameChain == ["www2.good.test", "sub.good.test"])
        #expect(answer.records == [.a("192.0.2.27")])
        #expect(answer.canonicalName == "sub.good.test")
        let crossZone = await resolver.resolve("selector1._domainkey.dkim.test", .txt)
        #expect(crossZone.cnameChain == ["provsel._domainkey.provider.test"])
        #expect(crossZone.texts.first?.hasPrefix("v=DKIM1; p=MIIB") == true)
        let loop = await resolver.resolve("loop1.good.test", .a)
        guard case .failure(let reason) = loop.outcome else {
            Issue.record("a CNAME loop gave \(loop.outcome)")
            return
        }
        #expect(reason.contains("loop"))
    }

    @Test("multi-string TXT records keep their strings and join without separator")
    func multiStringTXT() async throws {
        let resolver = try KnotFixture.sharedResolver()
        let answer = await resolver.resolve("big.good.test", .txt)
        #expect(answer.outcome == .answer)
        #expect(answer.records.count == 4)
        #expect(answer.texts.contains("first string second string"))
        #expect(answer.records.contains(.txt(["first string ", "second string"])))
        #expect(
            answer.texts.contains {
                $0.count > 400 && $0.hasPrefix("cccc") && $0.hasSuffix("dddd") && !$0.contains(" ")
            })
    }

    @Test("a thousand concurrent queries all get their answer")
    func burst() async throws {
        let resolver = try KnotFixture.resolver(timeoutMS: 2000, tries: 2)
        let outcomes = await withTaskGroup(of: DNSOutcome.self) { group in
            for index in 0..<1000 {
                group.addTask { await resolver.resolve("\(index % 254 + 1).2.0.192.zen.spamhaus.org", .a).outcome }
            }
            var outcomes: [DNSOutcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        #expect(outcomes.count == 1000)
        #expect(
            outcomes.allSatisfy { $0.isDefinitive }, "non-definitive: \(outcomes.filter { !$0.isDefinitive }.count)")
        // 192.0.2.2, .4, .10, .66 and .254 are listed: 4 + 4 + 4 + 4 + 3 of the thousand names.
        #expect(outcomes.filter { $0 == .answer }.count == 19)
        #expect(resolver.queriesSent == 1000)
    }

    @Test("cancelling the task ends the lookup at once")
    func cancellation() async throws {
        let resolver = try KnotFixture.blackHoleResolver(timeoutMS: 30_000)
        let clock = ContinuousClock()
        let start = clock.now
        let task = Task { await resolver.resolve("good.test", .a) }
        try await Task.sleep(for: .milliseconds(50))
        task.cancel()
        let answer = await task.value
        #expect(start.duration(to: clock.now) < .seconds(10))  // the query alone would wait 30 s
        #expect(!answer.outcome.isDefinitive)
    }

    @Test("names DNS cannot carry fail without a query")
    func invalidNames() async throws {
        let resolver = try KnotFixture.sharedResolver()
        let long = String(repeating: "a", count: 64) + ".test"
        for name in [long, "a..test", String(repeating: "abcdefghi.", count: 26) + "test"] {
            let answer = await resolver.resolve(name, .a)
            guard case .failure = answer.outcome else {
                Issue.record("\(name) gave \(answer.outcome)")
                continue
            }
        }
    }

    @Test(
        "--resolver values are validated",
        arguments: [
            ("127.0.0.1:5353", "127.0.0.1:5353"), ("[::1]:53", "[::1]:53"), ("192.0.2.1", "192.0.2.1:53"),
            ("::1", "[::1]:53"),
        ])
    func serverStrings(_ input: String, _ expected: String) throws {
        #expect(try CAresResolver.serverCSV(input) == expected)
    }

    @Test(
        "bad --resolver values give a clear error",
        arguments: [
            "dns.example.com:53", "127.0.0.1:0", "127.0.0.1:99999", "127.0.0.1:port", "[::1", "",
        ])
    func badServerStrings(_ input: String) {
        #expect(throws: ResolverError.self) { try CAresResolver(server: input, timeoutMS: 100, tries: 1) }
    }

    @Test("timeout and tries must be positive")
    func badSettings() {
        #expect(throws: ResolverError.self) { try CAresResolver(server: nil, timeoutMS: 0, tries: 1) }
        #expect(throws: ResolverError.self) { try CAresResolver(server: nil, timeoutMS: 100, tries: 0) }
    }

    @Test("the system resolver can be created from resolv.conf")
    func systemResolver() throws {
        let resolver = try CAresResolver(server: nil, timeoutMS: 500, tries: 1)
        #expect(resolver.server == nil)
    }
}
