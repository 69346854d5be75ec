import MailModel
import Synchronization
import Testing

@testable import DNSResolver

/// The in-memory resolver used by unit tests: closed world per name, loud on unscripted questions.
@Suite("InMemoryResolver")
struct InMemoryResolverTests {
    @Test("an unscripted question is reported and answered with a failure, never invented")
    func unscripted() async {
        let reported = Mutex<[DNSQuestion]>([])
        let resolver = InMemoryResolver(records: ["example.com": [.a("192.0.2.1")]]) { question in
            reported.withLock { $0.append(question) }
        }
        let answer = await resolver.resolve("other.example", .mx)
        guard case .failure(let reason) = answer.outcome else {
            Issue.record("unscripted question answered \(answer.outcome)")
            return
        }
        #expect(reason.contains("unscripted"))
        #expect(reported.withLock { $0 } == [DNSQuestion("other.example", .mx)])
        #expect(resolver.questions == [DNSQuestion("other.example", .mx)])
    }

    @Test("a scripted name without the asked type is NODATA; an empty list means the name exists")
    func noData() async {
        let resolver = Fixture.memory(["example.com": [.a("192.0.2.1")], "empty.example.com": []])
        #expect(await resolver.resolve("example.com", .mx).outcome == .noData)
        #expect(await resolver.resolve("EXAMPLE.COM.", .a).records == [.a("192.0.2.1")])
        #expect(await resolver.resolve("empty.example.com", .txt).outcome == .noData)
    }

    @Test("the nxdomain mode treats the zone as the whole world")
    func nxdomainMode() async {
        let resolver = InMemoryResolver(records: [:], unknownNames: .nxdomain)
        #expect(await resolver.resolve("anything.example", .a).outcome == .nxdomain)
    }

    @Test("CNAMEs are followed, loops reported, forced outcomes applied")
    func aliasesAndOutcomes() async {
        let resolver = Fixture.memory(
            [
                "a.example": [.cname("b.example")], "b.example": [.a("192.0.2.2")],
                "l1.example": [.cname("l2.example")],
                "l2.example": [.cname("l1.example")], "slow.example": [.txt(["v=spf1 -all"])],
            ],
            outcomes: [DNSQuestion("b.example", .mx): .servfail], nameOutcomes: ["slow.example": .timeout])
        let alias = await resolver.resolve("a.example", .a)
        #expect(alias.cnameChain == ["b.example"])
        #expect(alias.records == [.a("192.0.2.2")])
        #expect(await resolver.resolve("b.example", .mx).outcome == .servfail)
        #expect(await resolver.resolve("slow.example", .a).outcome == .timeout)
        #expect(await resolver.resolve("slow.example", .txt).outcome == .answer)
        guard case .failure = await resolver.resolve("l1.example", .a).outcome else {
            Issue.record("loop not reported")
            return
        }
    }
}

/// The per-request cache shares one query between askers.
@Suite("CachingResolver")
struct CachingResolverTests {
    /// Counts questions and answers after a delay.
    final class SlowResolver: DNSResolving {
        let asked = Mutex<Int>(0)

        func resolve(_ question: DNSQuestion) async -> DNSAnswer {
            asked.withLock { $0 += 1 }
            try? await Task.sleep(for: .milliseconds(100))
            return DNSAnswer(question: question, outcome: .answer, records: [.a("192.0.2.1")])
        }
    }

    @Test("concurrent identical questions are sent once")
    func deduplicates() async {
        let upstream = SlowResolver()
        let cache = CachingResolver(upstream)
        let answers = await withTaskGroup(of: DNSAnswer.self) { group in
            for _ in 0..<20 { group.addTask { await cache.resolve("example.com", .a) } }
            var answers: [DNSAnswer] = []
            for await answer in group { answers.append(answer) }
            return answers
        }
        #expect(answers.count == 20)
        #expect(answers.allSatisfy { $0.records == [.a("192.0.2.1")] })
        #expect(upstream.asked.withLock { $0 } == 1)
        _ = await cache.resolve("example.com", .mx)
        #expect(upstream.asked.withLock { $0 } == 2)
    }

    @Test("a cancelled asker returns at once; the others still get the answer")
    func cancellation() async throws {
        let upstream = SlowResolver()
        let cache = CachingResolver(upstream)
        let cancelled = Task { await cache.resolve("example.com", .a) }
        let patient = Task { await cache.resolve("example.com", .a) }
        try await Task.sleep(for: .milliseconds(20))
        cancelled.cancel()
        #expect(await cancelled.value.outcome != .answer)
        #expect(await patient.value.outcome == .answer)
    }
}
