import Checks
import Conversation
import DNSResolver
import Foundation
import MailModel
import TestSupport
import Testing

/// Checks run only on the person's own domain, and their results are told once and in plain words.
@Suite struct CheckTargetScreenTests {
    static func engine(_ resolver: any DNSResolving, timeout: Duration = .seconds(10)) -> ConversationEngine {
        ConversationEngine(
            knowledge: KnowledgeFixture.service,
            liveChecks: LiveChecks(options: CheckOptions(timeout: timeout)) { resolver })
    }

    /// A resolver that never answers in time.
    struct SilentResolver: DNSResolving {
        func resolve(_ question: DNSQuestion) async -> DNSAnswer {
            try? await Task.sleep(for: .seconds(5))
            return DNSAnswer(question: question, outcome: .timeout)
        }
    }

    /// How many times `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        var count = 0
        var rest = text[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    static func text(_ reply: Reply) -> String {
        ReplyRenderer().render(reply)
    }

    static let bounce = """
        This is the mail system at host mx3.mail.ovh.net.

        <k.schmidt@firma-weber.example>: host mail.firma-weber.example[192.0.2.61] said:
            550 5.1.1 <k.schmidt@firma-weber.example>: Recipient address rejected:
            User unknown in local recipient table (in reply to RCPT TO command)
        """

    @Test func theProvidersMXHostIsNotCheckedTheQuestionAboutTheMXRecordsIsAnswered() async {
        let resolver = InMemoryResolver(records: [:], unknownNames: .nxdomain)
        let engine = Self.engine(resolver)
        var (session, _) = await engine.respond(to: "can you check my domain bakery-sun.example", in: Session(id: "s"))
        let (after, reply) = await engine.respond(
            to: "now I only entered mx1.mail.ovh.net, is that enough?", in: session)
        session = after
        #expect(resolver.questions.allSatisfy { !$0.name.contains("ovh") })
        #expect(reply.checks.isEmpty)
        #expect(reply.answer.contains("mx2.mail.ovh.net") && reply.answer.contains("mx3.mail.ovh.net"))
        #expect(session.offer?.target == .domain("bakery-sun.example"))
    }

    @Test func aProviderServerNameIsAnsweredWithTheRightServerNotChecked() async {
        let resolver = InMemoryResolver(records: [:], onUnscripted: { Issue.record("unexpected lookup \($0)") })
        let engine = Self.engine(resolver)
        var (session, _) = await engine.respond(to: "set up my email on the iphone", in: Session(id: "s"))
        let reply: Reply
        (session, reply) = await engine.respond(to: "i put imap.ovh.net and it does not connect", in: session)
        #expect(resolver.questions.isEmpty)
        #expect(reply.checks.isEmpty)
        #expect(reply.answer.contains("ssl0.ovh.net"))
        #expect(session.lastCheck == nil)
    }

    @Test func aCheckEndsTheClarifyingSoTheNextQuestionIsReadOnItsOwn() async {
        let resolver = InMemoryResolver(records: [:], unknownNames: .nxdomain)
        let engine = Self.engine(resolver)
        var (session, _) = await engine.respond(to: "my email doesnt work", in: Session(id: "s"))
        #expect(session.pendingText != nil)
        (session, _) = await engine.respond(to: "can you check my domain bakery-sun.example", in: session)
        #expect(session.pendingText == nil)
        let (_, reply) = await engine.respond(to: "and dkim, what is it exactly?", in: session)
        #expect(reply.articles.first?.id == "dkim")
    }

    @Test func aLocalPartAfterABounceIsNoDomainToCheck() async {
        let resolver = InMemoryResolver(records: [:], unknownNames: .nxdomain)
        let engine = Self.engine(resolver)
        var (session, _) = await engine.respond(to: Self.bounce, in: Session(id: "s"))
        (session, _) = await engine.respond(to: "check firma-weber.example", in: session)
        let (_, reply) = await engine.respond(to: "typo, it is ka.schmidt, thanks", in: session)
        #expect(resolver.questions.allSatisfy { !$0.name.hasPrefix("ka.schmidt") })
        #expect(reply.checks.isEmpty)
        #expect(reply.answer.contains("ka.schmidt@firma-weber.example"))
    }

    @Test func aWordWithoutAKnownEndingIsNoDomain() async {
        let resolver = InMemoryResolver(records: [:], onUnscripted: { Issue.record("unexpected lookup \($0)") })
        let (_, reply) = await Self.engine(resolver).respond(to: "check mx hans.mueller", in: Session(id: "s"))
        #expect(resolver.questions.isEmpty)
        #expect(reply.checks.isEmpty)
        #expect(reply.answer.contains("hans.mueller"))
    }

    @Test func theRecipientsDomainGetsOnlyTheMXCheckAndItsFixIsTheirs() async {
        let resolver = InMemoryResolver(records: [:], unknownNames: .nxdomain)
        let engine = Self.engine(resolver)
        var (session, _) = await engine.respond(to: Self.bounce, in: Session(id: "s"))
        let reply: Reply
        (session, reply) = await engine.respond(to: "check firma-weber.example", in: session)
        #expect(Set(reply.checks.map(\.id)).isSubset(of: [.mx, .domain]))
        #expect(resolver.questions.allSatisfy { !$0.name.hasPrefix("_dmarc") && $0.type != .txt })
        #expect(!reply.answer.contains("mx1.mail.ovh.net"))
        #expect(reply.answer.contains("recipient"))
    }

    @Test(arguments: [
        ("how many mails can i send per hour?", "is that per address or for the whole domain"),
        ("combien de mails je peux envoyer par heure ?", "c'est par adresse ou pour tout le domaine ?"),
    ])
    func aQuestionIsNotAskedForADomain(_ first: String, _ question: String) async {
        let resolver = InMemoryResolver(records: [:], onUnscripted: { Issue.record("unexpected lookup \($0)") })
        let engine = Self.engine(resolver)
        var (session, _) = await engine.respond(to: first, in: Session(id: "s"))
        let reply: Reply
        (session, reply) = await engine.respond(to: question, in: session)
        #expect(session.pendingQuestion != .target([]))
        #expect(!reply.answer.contains("Which domain should I check"))
        #expect(!reply.answer.contains("Quel domaine dois-je vérifier"))
    }

    @Test func isItMyFaultAfterABounceIsNoCheckRequest() async {
        let engine = Self.engine(InMemoryResolver(records: [:], unknownNames: .nxdomain))
        var (session, _) = await engine.respond(to: Self.bounce, in: Session(id: "s"))
        let reply: Reply
        (session, reply) = await engine.respond(to: "is it my fault?", in: session)
        #expect(!reply.answer.contains("Which domain should I check"))
        #expect(reply.intent != .check)
    }

    @Test func theCauseIsStatedOnceNotRepeatedInTheFindings() async {
        let resolver = InMemoryResolver(
            records: [
                "spam-bakery.example": [
                    .mx(preference: 1, exchange: "mx1.mail.ovh.net"), .txt(["v=spf1 include:mx.ovh.com ~all"]),
                ]
            ], unknownNames: .nxdomain)
        let engine = Self.engine(resolver)
        var (session, _) = await engine.respond(
            to: "my mails land in the spam folder of my customers, what is DMARC", in: Session(id: "s"))
        let reply: Reply
        (session, reply) = await engine.respond(to: "could you check spam-bakery.example please", in: session)
        let text = Self.text(reply)
        #expect(Self.count("has no DMARC record", in: text) <= 1)
        #expect(Self.count("_dmarc.spam-bakery.example", in: text) <= 1, "\(text)")
    }

    @Test func aDeadlineIsToldInPlainWordsWithoutAFlag() async {
        let engine = Self.engine(SilentResolver(), timeout: .milliseconds(100))
        let (_, reply) = await engine.respond(to: "check mx slow-dns.example", in: Session(id: "s"))
        let text = Self.text(reply)
        #expect(!text.contains("--timeout"))
        #expect(reply.answer.contains("did not answer in time"))
        #expect(reply.answer.contains("Try again in a minute"))
    }

    @Test(arguments: [
        "could you check the DKIM of right.example? the selector is ovhmo123-selector1",
        "tu peux vérifier le dkim de right.example ? le sélecteur c'est ovhmo123-selector1",
    ])
    func aNamedSelectorIsSaidToHaveBeenLookedUp(_ message: String) async {
        let resolver = InMemoryResolver(records: [:], unknownNames: .nxdomain)
        let (_, reply) = await Self.engine(resolver).respond(to: message, in: Session(id: "s"))
        #expect(reply.intent == .check)
        #expect(reply.answer.contains("ovhmo123-selector1._domainkey.right.example"))
    }
}
