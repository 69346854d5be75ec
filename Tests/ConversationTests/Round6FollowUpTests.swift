import Checks
import Conversation
import DNSResolver
import Foundation
import Knowledge
import Localization
import TestSupport
import Testing

/// Follow-ups and first messages a blind study (round 6) found answered wrongly.
@Suite struct Round6FollowUpTests {
    /// A first message that ends politely is still the complaint it states.
    @Test(arguments: [
        "Hello, I am not able to receive emails. Last received was Wed, 20 Aug 2025 20:13:56. Thanks",
        "Bonjour, je ne reçois plus aucun mail depuis hier. Merci",
    ])
    func aComplaintEndingInThanksIsAComplaint(message: String) async {
        let reply = await KnowledgeFixture.replies(to: [message])[0]
        #expect(reply.intent != .smalltalk)
        #expect(!reply.articles.isEmpty || reply.question != nil)
    }

    /// Once something was answered, a closing remark is still read as one.
    @Test func aClosingRemarkAfterAnAnswerStaysOne() async {
        let replies = await KnowledgeFixture.replies(to: [
            "my mailbox is full and I cannot receive anything", "ok so I have to empty the trash. thanks",
        ])
        #expect(replies[1].intent == .smalltalk)
    }

    /// A mail service named by a name built on "mail" that "does not work" is no off-topic chat.
    @Test func aMailServiceThatDoesNotWorkIsNoOffTopic() async {
        let reply = await KnowledgeFixture.replies(to: ["Mailnesia does not work 3 days already. This is a disaster!"])[
            0]
        #expect(reply.intent != .smalltalk)
        let chat = await KnowledgeFixture.replies(to: ["what's the weather like today"])[0]
        #expect(chat.intent == .smalltalk)
    }

    /// "Who do I ask to fix it?" on a topic names who fixes it, in any of the languages.
    @Test(arguments: [
        ["my mailbox is full and I cannot receive anything", "who do I ask to fix it?"],
        ["minha caixa de correio está cheia, não recebo nada", "quem resolve isso?"],
        ["mi buzón está lleno y no recibo nada", "¿a quién le pido que lo arregle?"],
    ])
    func whoFixesItNamesWhoFixesIt(messages: [String]) async {
        let replies = await KnowledgeFixture.replies(to: messages)
        #expect(replies[1].intent == .question)
        #expect(replies[1].articles.first?.id == "mailbox-full")
        #expect(replies[1].answer != replies[0].answer)
        #expect(replies[1].steps.isEmpty, "who fixes it, not the steps again")
    }

    /// "How long until it works?" about a full mailbox gets no DNS propagation times; about MX records it does.
    @Test func howLongIsAboutTheTopic() async {
        let mailbox = await KnowledgeFixture.replies(to: [
            "my mailbox is full and I cannot receive anything", "how long until it works again?",
        ])
        #expect(!mailbox[1].answer.contains("48"))
        #expect(mailbox[1].articles.first?.id == "mailbox-full")
        let dns = await KnowledgeFixture.replies(to: [
            "I changed my MX records yesterday and still receive nothing", "how long until it works again?",
        ])
        #expect(dns[1].answer.contains("48") || dns[1].answer.contains("24"))
    }
}

/// A short statement that only gives a name is that name, whatever its words suggest.
@Suite struct NameStatementTests {
    @Test func theSiteIsANameNotAWebmailQuestion() async {
        let engine = ConversationEngine(
            knowledge: KnowledgeFixture.service,
            liveChecks: LiveChecks(options: CheckOptions()) { InMemoryResolver(records: [:], unknownNames: .nxdomain) })
        let replies = await KnowledgeFixture.replies(
            to: [
                "il modulo contatti del sito non manda più le email", "il sito è hotel-bellavista.it",
                "controlla lo spf",
            ],
            engine: engine)
        #expect(replies[1].articles.first?.id != "webmail-test")
        #expect(replies[1].answer.contains("hotel-bellavista.it"))
        #expect(
            !replies[2].checks.isEmpty && replies[2].answer.contains("hotel-bellavista.it"),
            "the name given is remembered")
    }
}

/// A customer's bounce about the person's own full mailbox, pasted with "the mails she sends me bounce".
@Suite struct ForwardedOwnBounceTests {
    static let paste = """
        ciao un cliente mi ha girato questo errore, dice che le mail che mi manda tornano indietro

        Delivery to the following recipient failed permanently:

             amministrazione@trattoria-da-mario.it

        Technical details of permanent failure:
        The recipient server did not accept our requests to connect.
        452 4.2.2 The email account that you tried to reach is over quota.
        """

    @Test func theFullMailboxIsThePersonsOwnAndNoDelay() async {
        let reply = await KnowledgeFixture.replies(to: [Self.paste])[0]
        #expect(reply.articles.first?.id == "mailbox-full")
        #expect(reply.language == .italian)
        #expect(!reply.answer.contains("ritardo"), "Gmail gave up for good: no delay")
    }
}
