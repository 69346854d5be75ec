import Checks
import DNSResolver
import Knowledge
import Localization
import MailModel
import TestSupport
import Testing

@testable import Conversation

/// The guide's walk for "I don't receive mail" and outages: a cause is said only on evidence, what the
/// person says answers the steps it covers, and an answered step is never asked again.
@Suite struct GuideWalkTests {
    let engine = KnowledgeFixture.engine
    /// An engine with live checks wired (so that replies may suggest them); nothing is run here.
    let checking = ConversationEngine(
        knowledge: KnowledgeFixture.service,
        liveChecks: LiveChecks(options: CheckOptions()) { InMemoryResolver(records: [:], unknownNames: .nxdomain) })

    func understanding(_ text: String) -> Understanding {
        MessageAnalysis.analyze(text, knowledge: KnowledgeFixture.service)
    }

    @Test(arguments: [
        "je reçois plus rien depuis hier sur contact@chalet-bleu.example",
        "no me entra ningún correo desde ayer en info@bodega-sol.example",
        "I'm not getting any emails at info@plumber-jo.example since Tuesday",
    ])
    func nothingArrivingIsNotAFullMailboxButTheGuideWithTheMXCheck(_ text: String) async {
        let (session, reply) = await checking.respond(to: text, in: Session(id: "g"))
        #expect(!session.articlesGiven.contains("mailbox-full"))
        #expect(session.guideStep != nil)
        #expect(reply.suggestions.contains { $0.hasPrefix("check mx ") })
        #expect(session.mxCheckSuggested)
    }

    @Test(arguments: [
        "ma boîte est pleine, je ne reçois plus rien",
        "quota exceeded, nothing arrives anymore",
        "mein Postfach ist voll, es kommt nichts mehr an",
    ])
    func aFullMailboxIsStillTheAnswerWhenTheMessageSaysSo(_ text: String) async {
        let (_, reply) = await engine.respond(to: text, in: Session(id: "g"))
        #expect(reply.articles.first?.id == "mailbox-full")
    }

    @Test func aMessageWithoutAnEmailProblemIsNoWalk() {
        // "And if it is, what do I do?" weakly matches a full mailbox: not an email problem, so no walk.
        let (after, reply) = checking.answer("y si está, que hago?", session: Session(id: "g"))
        #expect(after.guideStep == nil)
        #expect(reply.intent == .unknown)
    }

    @Test(arguments: [
        ("le webmail aussi est vide, j'envoie sans problème", Language.french),
        ("el webmail tampoco tiene nada nuevo", .spanish),
        ("im Webmail ist auch nichts angekommen", .german),
        ("webmail shows nothing new either", .english),
    ])
    func webmailEmptyTooRulesOutTheAppAndMovesToTheIncident(_ text: String, _ language: Language) async {
        var session = Session(id: "g", language: language, pinned: true)
        (session, _) = await checking.respond(
            to: "je ne reçois plus aucun mail sur contact@chalet-bleu.example", in: session)
        let (after, reply) = await checking.respond(to: text, in: session)
        #expect(reply.articles.first?.id == "incidents")
        #expect(after.guideDone.isSuperset(of: [.webmail, .clientSettings]))
        #expect(!after.articlesGiven.contains("mailbox-full"))
    }

    @Test func anOpeningThatSaysWebmailFailsTooGoesToTheIncidentNotTheApp() async {
        let (session, reply) = await engine.respond(
            to: "since this morning outlook won't connect and the webmail won't open either", in: Session(id: "g"))
        #expect(reply.articles.first?.id == "incidents")
        #expect(session.pendingQuestion == .guide(.incidents))
        #expect(session.guideDone.contains(.clientSettings))
    }

    @Test func aClearStatusPageAnswersTheIncidentStepAndTheWalkNeverAsksItAgain() async {
        var session = Session(id: "g")
        var reply: Reply
        (session, _) = await engine.respond(
            to: "thunderbird can't connect and webmail doesn't load either", in: session)
        (session, reply) = await engine.respond(to: "I looked, the status page shows nothing", in: session)
        #expect(reply.articles.first?.id == "service-active")
        #expect(session.guideDone.contains(.incidents))
        (session, reply) = await engine.respond(to: "yes", in: session)
        #expect(reply.articles.first?.id == "mx-records")
        (session, reply) = await engine.respond(to: "I already tried that", in: session)
        #expect(
            !["incidents", "webmail-test", "email-client", "service-active"].contains(reply.articles.first?.id ?? ""))
    }

    @Test func aGreenStatusPageAnswersTheIncidentStepAndTheDNSStepIsNotGivenTwice() async {
        var session = Session(id: "g")
        var reply: Reply
        (session, reply) = await checking.respond(
            to: "ich bekomme seit Montag keine Mails mehr rein auf info@baeckerei-kurz.example", in: session)
        let first = reply.articles.first?.id
        (session, reply) = await checking.respond(to: "auch im Webmail ist nix neues", in: session)
        #expect(reply.articles.first?.id == "incidents")
        (session, reply) = await checking.respond(to: "die Statusseite ist grün", in: session)
        #expect(reply.articles.first?.id == "service-active")
        (session, reply) = await checking.respond(to: "ja alles bezahlt", in: session)
        #expect(reply.articles.first?.id != "service-active")
        if first == "mx-records" { #expect(reply.articles.first?.id != "mx-records") }
    }

    @Test func sendingAloneFailingWithRightSettingsGetsThePortAndSecuritySoftwareFirst() async {
        var session = Session(id: "g")
        var reply: Reply
        (session, _) = await engine.respond(
            to: "Outlook can't send, error 0x800CCC0E, receiving works fine", in: session)
        #expect(session.direction == .sending)
        (session, reply) = await engine.respond(to: "yes they match", in: session)
        #expect(reply.articles.first?.id == "email-client")
        #expect(reply.steps.count == 2)
        #expect(reply.steps.contains { $0.contains("587") })
        (session, reply) = await engine.respond(to: "I already tried that", in: session)
        #expect(reply.articles.first?.id == "incidents")
    }

    @Test func theSendingPathStepsAreThePortAndTheSecuritySoftware() {
        let steps = KnowledgeFixture.service.steps("email-client")
        let chosen = ConversationEngine.sendingPathSteps.map { steps[$0] }
        #expect(chosen[0].contains("587"))
        #expect(chosen[1].lowercased().contains("antivirus"))
    }

    @Test func theNextStepSkipsWhatWasAnsweredAndComesBackToASkippedOne() {
        var session = Session(id: "g")
        #expect(session.guideStep(after: .clientSettings) == .incidents)
        #expect(session.guideStep(after: .errorCode) == nil)
        session.guideDone = [.webmail, .clientSettings, .incidents, .mxDNS, .errorCode]
        #expect(session.guideStep(after: .incidents) == .serviceActive)
        session.guideDone = [.serviceActive, .webmail, .clientSettings]
        #expect(session.guideStep(after: .webmail) == .incidents)
    }

    @Test(arguments: [
        ("Outlook zeigt beim Senden Fehler, empfangen geht", Direction.sending),
        ("j'envoie sans problème mais rien n'arrive", .receiving),
        ("receiving is fine, sending fails", .sending),
        ("recibo bien pero no puedo enviar", .sending),
    ])
    func theFailingDirectionIsTheOneNotSaidToWork(_ text: String, _ expected: Direction) {
        #expect(ConversationEngine.failingDirection(in: text.lowercased()) == expected)
    }

    @Test func webmailStatementsAreReadByTheirOwnClause() {
        #expect(ConversationEngine.saysWebmailFails(understanding("le webmail ne marche pas non plus"), opening: false))
        #expect(
            !ConversationEngine.saysWebmailFails(understanding("webmail works but outlook doesn't"), opening: false))
        #expect(!ConversationEngine.saysWebmailFails(understanding("non, le webmail marche"), opening: false))
        // An opening message must say "too": "webmail won't open" alone may be a login problem.
        #expect(!ConversationEngine.saysWebmailFails(understanding("webmail won't open"), opening: true))
    }

    @Test func aStatusPageQuestionIsNoAnswer() {
        #expect(ConversationEngine.saysNoIncident(understanding("status page shows nothing for emails")))
        #expect(ConversationEngine.saysNoIncident(understanding("he mirado la página y no pone nada de incidencias")))
        #expect(!ConversationEngine.saysNoIncident(understanding("where is the status page?")))
        #expect(!ConversationEngine.saysNoIncident(understanding("I can't find the status page")))
    }
}
