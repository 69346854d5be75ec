import Checks
import Conversation
import DNSResolver
import Localization
import MailModel
import Synchronization
import TestSupport
import Testing

/// The engine's use of network probes, with a scripted probe runner that fails the test when asked
/// for anything it was not scripted for.
@Suite struct ProbeWiringTests {
    /// Probes scripted by (id, target); records what was asked and what the budget was asked for.
    final class ScriptedProbes: Sendable {
        let script: [String: CheckResult]
        let asked = Mutex<[String]>([])
        let budget: Mutex<Int>

        init(_ script: [String: CheckResult], budget: Int = 100) {
            self.script = script
            self.budget = Mutex(budget)
        }

        var wiring: NetworkProbes {
            NetworkProbes(
                run: { ids, target, _ in
                    AsyncStream { continuation in
                        for id in ids {
                            let key = "\(id.rawValue) \(target)"
                            self.asked.withLock { $0.append(key) }
                            guard let result = self.script[key] else {
                                Issue.record("unscripted probe: \(key)")
                                continue
                            }
                            continuation.yield(result)
                        }
                        continuation.finish()
                    }
                },
                admit: { _, count in
                    self.budget.withLock { left in
                        guard left >= count else { return .seconds(42) }
                        left -= count
                        return nil
                    }
                })
        }
    }

    static func engine(_ probes: ScriptedProbes?) -> ConversationEngine {
        let resolver = InMemoryResolver(records: [:], onUnscripted: { Issue.record("unscripted DNS question \($0)") })
        return ConversationEngine(
            knowledge: KnowledgeFixture.service,
            liveChecks: LiveChecks(options: CheckOptions(), probes: probes?.wiring) { resolver })
    }

    static let expired = CheckResult(
        id: .smtp, status: .fail, summary: "mx.example.com:25 greeting in 20 ms, STARTTLS TLSv1.3, certificate expired",
        findings: [
            Finding(
                code: FindingCode(rawValue: "tls.cert-expired"), severity: .fail,
                message: "Their server answers but its certificate expired on 2026-01-01.")
        ])

    @Test func aNamedProbeRunsOnTheTargetAsTypedAndIsExplained() async {
        let probes = ScriptedProbes(["smtp mail.example.com:587": Self.expired])
        let (_, reply) = await Self.engine(probes).respond(
            to: "check smtp mail.example.com:587", in: Session(id: "s"))
        #expect(probes.asked.withLock { $0 } == ["smtp mail.example.com:587"])
        #expect(reply.answer.contains("certificate expired on 2026-01-01"))
        #expect(reply.checks.map(\.id) == [.smtp])
        // A certificate problem is explained by the finding itself, not by an article about refusals.
        #expect(reply.articles.isEmpty)
    }

    @Test func aPoliteProbeRequestRunsOnTheHostAndPortItNames() async {
        let probes = ScriptedProbes(["smtp mail.example.com:587": Self.expired])
        let (_, reply) = await Self.engine(probes).respond(
            to: "could you test smtp on mail.example.com:587 please?", in: Session(id: "s"))
        #expect(probes.asked.withLock { $0 } == ["smtp mail.example.com:587"])
        #expect(reply.checks.map(\.id) == [.smtp])
    }

    @Test func severalProbesComeBackInTheOrderAsked() async {
        let ok = { (id: CheckID) in CheckResult(id: id, status: .pass, summary: "\(id.rawValue) fine") }
        let probes = ScriptedProbes([
            "imap mail.example.com": ok(.imap), "pop3 mail.example.com": ok(.pop3),
            "submission mail.example.com": ok(.submission),
        ])
        let (_, reply) = await Self.engine(probes).respond(
            to: "check pop3 imap submission mail.example.com", in: Session(id: "s"))
        #expect(reply.checks.map(\.id) == [.submission, .imap, .pop3])
        #expect(reply.answer.contains("looks right"))
    }

    @Test func aSessionOverItsBudgetIsToldWhenToComeBack() async {
        let probes = ScriptedProbes(["smtp example.com": Self.expired], budget: 1)
        let engine = Self.engine(probes)
        var session = Session(id: "s")
        (session, _) = await engine.respond(to: "check smtp example.com", in: session)
        let (_, reply) = await engine.respond(to: "check smtp example.com", in: session)
        #expect(reply.answer.contains("Try again in 42 s"))
        #expect(reply.checks.isEmpty)
        #expect(probes.asked.withLock { $0.count } == 1)
    }

    @Test func aRefusedTargetIsExplainedWithoutAnArticle() async {
        // As the probes write it: the policy's reason inside "Not probed: …".
        let reason: LocalizedText = "10.0.0.1 is a private (RFC 1918) address."
        let refused = CheckResult(
            id: .smtp, status: .error, summary: "10.0.0.1:25 not allowed",
            findings: [
                Finding(
                    code: .probeTargetRefused, severity: .error,
                    message: "Not probed: \(reason)")
            ])
        let probes = ScriptedProbes(["smtp 10.0.0.1": refused])
        let (_, reply) = await Self.engine(probes).respond(to: "check smtp 10.0.0.1", in: Session(id: "s"))
        #expect(reply.answer == "I did not probe 10.0.0.1: 10.0.0.1 is a private (RFC 1918) address.")
        #expect(reply.articles.isEmpty)
    }

    @Test func withoutProbesTheEngineSaysSoAndProbesNothing() async {
        let (_, reply) = await Self.engine(nil).respond(to: "check imap example.com", in: Session(id: "s"))
        #expect(reply.answer.contains("not available here"))
        #expect(reply.checks.isEmpty)
    }
}

/// The dialog's memory: entities stay across turns, a correction re-targets the offer.
@Suite struct DialogMemoryTests {
    static func engine(_ resolver: InMemoryResolver) -> ConversationEngine {
        ConversationEngine(
            knowledge: KnowledgeFixture.service, liveChecks: LiveChecks(options: CheckOptions()) { resolver })
    }

    /// A resolver that knows right.example's MX and answers NXDOMAIN for every other name.
    static func rightExampleOnly() -> InMemoryResolver {
        InMemoryResolver(
            records: ["right.example": [.mx(preference: 10, exchange: "mx.right.example")]], unknownNames: .nxdomain)
    }

    @Test func aQuestionAboutOnesRecordsChecksThemAndACorrectionRerunsOnTheRightDomain() async {
        let resolver = Self.rightExampleOnly()
        let engine = Self.engine(resolver)
        var (session, reply) = await engine.respond(
            to: "I can't receive mail at wrong.example, are my MX records right?", in: Session(id: "s"))
        #expect(reply.intent == .check)
        #expect(reply.checkedTarget == "wrong.example")
        #expect(resolver.questions.contains { $0.name.contains("wrong.example") })
        (session, reply) = await engine.respond(to: "oops, it's right.example", in: session)
        #expect(reply.intent == .check)
        #expect(reply.checkedTarget == "right.example")
        #expect(session.entities.domain == "right.example")
        #expect(session.lastCheck?.probeTarget == "right.example")
    }

    @Test func anOfferRunsOnlyAfterYesAndOnTheDomainTheAnswerGives() async {
        let resolver = Self.rightExampleOnly()
        let engine = Self.engine(resolver)
        var (session, reply) = await engine.respond(
            to: "incoming mail for wrong.example is lost since monday", in: Session(id: "s"))
        #expect(reply.nextStep?.contains("wrong.example") == true)
        #expect(session.offer != nil)
        #expect(resolver.questions.isEmpty, "nothing may be looked up before consent")
        (session, reply) = await engine.respond(to: "no, it's right.example", in: session)
        #expect(reply.intent == .check)
        #expect(resolver.questions.allSatisfy { !$0.name.contains("wrong.example") })
        #expect(session.lastCheck?.probeTarget == "right.example")
    }

    @Test func aPoliteRequestRunsTheCheckWithTheSelectorItNames() async {
        let resolver = InMemoryResolver(records: [:], unknownNames: .nxdomain)
        let engine = Self.engine(resolver)
        let (_, reply) = await engine.respond(
            to: "could you check the DKIM of right.example? the selector is s1", in: Session(id: "s"))
        #expect(reply.intent == .check)
        #expect(resolver.questions.contains { $0.name == "s1._domainkey.right.example" })
    }

    @Test func noRunsNothingAndANewTopicDropsTheOffer() async {
        let resolver = InMemoryResolver(records: [:], onUnscripted: { Issue.record("unexpected lookup \($0)") })
        let engine = Self.engine(resolver)
        var (session, _) = await engine.respond(
            to: "incoming mail for shop.example is lost since monday", in: Session(id: "s"))
        #expect(session.offer != nil)
        (session, _) = await engine.respond(to: "no", in: session)
        #expect(session.offer == nil)
        (session, _) = await engine.respond(to: "incoming mail for shop.example is lost since monday", in: session)
        (session, _) = await engine.respond(to: "my mailbox is full", in: session)
        #expect(session.offer == nil)
        #expect(session.entities.domain == "shop.example")
        #expect(resolver.questions.isEmpty)
    }
}
