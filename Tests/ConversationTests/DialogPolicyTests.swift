import Knowledge
import Localization
import MailModel
import TestSupport
import Testing

@testable import Conversation

/// The dialog's transition table, state by state: what each move does while MailDoctor waits for an answer,
/// and what it does on a topic.
@Suite struct DialogPolicyTests {
    let offer = CheckRequest(ids: [.mx], target: .domain("example.org"), probeTarget: "example.org")
    let last = CheckRequest(ids: [.spf], target: .domain("wrong.example"), probeTarget: "wrong.example")

    func action(_ move: Move, _ state: DialogState, guide: Bool = false, last: CheckRequest? = nil) -> Action {
        DialogPolicy.action(for: move, in: state, walkingGuide: guide, lastCheck: last)
    }

    @Test func anOfferRunsOnYesIsDeclinedOnNoAndRetargetedOnAName() {
        #expect(action(.answer(yes: true, content: nil, target: nil), .offered(offer)) == .runCheck(offer))
        #expect(action(.answer(yes: false, content: nil, target: nil), .offered(offer)) == .declineCheck)
        let corrected = CheckRequest(ids: [.mx], target: .domain("right.example"), probeTarget: "right.example")
        #expect(
            action(.answer(yes: false, content: "it's right.example", target: "right.example"), .offered(offer))
                == .runCheck(corrected))
        #expect(action(.target("right.example"), .offered(offer)) == .runCheck(corrected))
        #expect(action(.correction("right.example"), .offered(offer)) == .runCheck(corrected))
        // "yes go ahead, check it" agrees; "check good.test" is a request of its own.
        #expect(action(.checkRequest(names: false), .offered(offer)) == .runCheck(offer))
        #expect(action(.checkRequest(names: true), .offered(offer)) == .checkRequest)
    }

    @Test func aTargetQuestionRunsOnTheAnswerAsksAgainOnYesAndStopsOnNo() {
        let ids: [CheckID] = [.dnsbl, .ptr]
        #expect(
            action(.target("192.0.2.1"), .askingTarget(ids)) == .runCheck(DialogPolicy.request(ids, on: "192.0.2.1")!))
        #expect(action(.answer(yes: true, content: nil, target: nil), .askingTarget(ids)) == .askTarget(ids))
        #expect(action(.answer(yes: false, content: nil, target: nil), .askingTarget(ids)) == .declineCheck)
        #expect(action(.correction(nil), .askingTarget(ids)) == .askTarget(ids))
    }

    @Test func aGuideQuestionTakesYesAndNoWithOrWithoutContent() {
        #expect(
            action(.answer(yes: true, content: nil, target: nil), .guide(.webmail)) == .guideAnswer(.webmail, yes: true)
        )
        #expect(
            action(.answer(yes: false, content: "they match", target: nil), .guide(.clientSettings))
                == .guideAnswer(.clientSettings, yes: false))
        // The content decides in the engine: "no, they match and webmail works" is a yes to "do they match?".
        #expect(ConversationEngine.meansYes(false, content: "they match and webmail works"))
        #expect(!ConversationEngine.meansYes(false, content: "webmail does not work either"))
        #expect(ConversationEngine.meansYes(true, content: nil))
    }

    @Test func followUpsStayInTheTopicAndTheGuideOnlyForAVagueComplaint() {
        #expect(action(.alreadyTried, .onTopic("spf")) == .nextInTopic)
        #expect(action(.alreadyTried, .onTopic("webmail-test"), guide: true) == .nextInGuide)
        #expect(action(.alreadyTried, .idle) == .complaint)
        #expect(action(.alreadyTried, .onTopic("service-active"), guide: true) == .nextInGuide)
        #expect(action(.why, .onTopic("spf")) == .explain)
        #expect(action(.how, .onTopic("spf")) == .confirm)
        #expect(action(.unclear, .onTopic("spf")) == .inContext)
        #expect(action(.answer(yes: true, content: nil, target: nil), .onTopic("spf")) == .inContext)
        // With nothing asked and no topic, "no, …" opens a complaint ("não recebo emails desde segunda").
        #expect(action(.answer(yes: false, content: "recebo emails", target: nil), .idle) == .complaint)
        #expect(action(.answer(yes: false, content: nil, target: nil), .idle) == .inContext)
    }

    @Test func aCorrectionRerunsTheLastChecksOnTheRightTargetOrChecksTheTopic() {
        let rerun = CheckRequest(ids: [.spf], target: .domain("right.example"), probeTarget: "right.example")
        #expect(action(.correction("right.example"), .onTopic("spf"), last: last) == .runCheck(rerun))
        #expect(action(.target("right.example"), .onTopic("spf")) == .checkTopic("right.example"))
        #expect(
            action(.checkAgain(ids: [.imap], target: nil), .onTopic("email-client"), last: last)
                == .checkAgain(ids: [.imap], target: nil))
    }

    @Test func movesThatMeanTheSameEverywhere() {
        for state: DialogState in [.idle, .offered(offer), .askingTarget([]), .guide(.incidents), .onTopic("spf")] {
            #expect(action(.thanks, state) == .smalltalk(.thanks))
            #expect(action(.fact("fact-sending-limits"), state) == .fact("fact-sending-limits"))
            #expect(action(.bounce, state) == .bounce)
        }
        #expect(action(.webmailWorks, .onTopic("email-client")) == .guideAnswer(.webmail, yes: true))
        #expect(action(.complaint, .clarifying(.direction)) == .complaint)
        #expect(action(.why, .clarifying(.direction)) == .complaint)
        #expect(action(.why, .clarifying(.webmailOrApp)) == .complaint)
        #expect(action(.complaintAskingCheck, .onTopic("spf")) == .complaintWithCheck)
    }

    @Test func statementsThatAnswerAGuideStepAnswerItInAnyState() {
        for state: DialogState in [.idle, .guide(.serviceActive), .guide(.incidents), .onTopic("incidents")] {
            #expect(action(.webmailFails, state) == .guideAnswer(.webmail, yes: false))
            #expect(action(.noIncident, state) == .guideAnswer(.incidents, yes: false))
        }
    }

    @Test func afterABounceAResendQuestionIsAnsweredFromWhatTheBounceWas() async {
        #expect(action(.resendQuestion, .onTopic("smtp-450")) == .resendAnswer)
        #expect(action(.resendQuestion, .offered(offer)) == .resendAnswer)
        let engine = ConversationEngine(knowledge: KnowledgeFixture.service)
        let delay =
            "<anna@example.org>: host mx.example.org[192.0.2.9] said: 450 4.2.1 try again later (in reply to RCPT TO command)"
        var (session, _) = await engine.respond(to: delay, in: Session(id: "d"))
        #expect(session.lastBounce?.delayed == true)
        var reply: Reply
        // Asked in French: answered in French, from the strings table.
        (session, reply) = await engine.respond(to: "faut que je le renvoie ?", in: session)
        #expect(reply.language == .french)
        #expect(reply.answer.hasPrefix("Rien n'est perdu"))
        let failure =
            "<bob@example.org>: host mx.example.org[192.0.2.9] said: 550 5.1.1 User unknown (in reply to RCPT TO command)"
        (session, _) = await engine.respond(to: failure, in: Session(id: "f"))
        #expect(session.lastBounce?.delayed == false)
        (_, reply) = await engine.respond(to: "should I resend it?", in: session)
        // The cause is on the recipient's side: resend, once to an address that works.
        #expect(reply.answer.hasPrefix("Yes, but only to an address that works"))
    }

    @Test func theStateIsReadFromWhatIsPending() {
        var session = Session(id: "s")
        #expect(session.state == .idle)
        session.give("spf")
        #expect(session.state == .onTopic("spf"))
        session.pendingQuestion = .guide(.webmail)
        #expect(session.state == .guide(.webmail))
        session.offer = offer
        #expect(session.state == .offered(offer))
    }

    @Test func remembersWhoseNamesAreWhose() {
        var session = Session(id: "s")
        session.remember(
            [
                Mention(kind: .ip, value: "192.0.2.50", role: .own),
                Mention(kind: .domain, value: "mine.example", role: .own),
                Mention(kind: .host, value: "mx.theirs.example", role: .remoteServer),
                Mention(kind: .address, value: "bob@gmail.com", role: .recipient),
            ], fromBounce: false)
        #expect(session.sendingIP == "192.0.2.50")
        #expect(session.ownDomain == "mine.example")
        #expect(session.othersDomains == ["mx.theirs.example"])
        #expect(session.recipientDomains == ["gmail.com"])
        #expect(session.rememberedTarget(needsIP: true) == "192.0.2.50")
        #expect(session.rememberedTarget(needsIP: false) == "mine.example")
    }
}
