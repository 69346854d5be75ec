import Conversation
import Knowledge
import Localization
import TestSupport
import Testing

/// The bounce reply reads the server's words and the person's role: a sending limit is no login problem,
/// a bare "try again later" is no blocklist, a relay refusal gets the relay article; a bounce that a
/// correspondent got when writing to the person is about the person's own address; "Server said" quotes
/// the server, and the summary line agrees with the diagnosis. (Answers in English: the session is pinned,
/// so that the texts can be compared whatever language the person writes in.)
@Suite struct BounceWordsReplyTests {
    let engine = KnowledgeFixture.engine

    func reply(_ message: String, session: Session? = nil) async -> (Session, Reply, String) {
        let start = session ?? Session(id: "words", language: .english, pinned: true)
        let (after, reply) = await engine.respond(to: message, in: start)
        #expect(reply.intent == .bounce, "\(message)")
        let section = reply.sections.first { $0.title == "What the bounce says" }?.text ?? ""
        return (after, reply, section)
    }

    @Test(arguments: [
        "mando facturas a todos los clientes de golpe y me da error 421 4.7.0 too many messages",
        "recebi isso hoje ao mandar a newsletter: 450 4.7.0 Rate limit exceeded, slow down",
        "j'envoie les relances et j'ai 421 4.7.0 Too many messages for this account, try again later",
    ])
    func aSendingLimitIsNoLoginProblem(message: String) async {
        let (_, reply, section) = await reply(message)
        #expect(reply.articles.first?.id == "sending-limits")
        #expect(!reply.answer.contains("authentication"))
        #expect(!reply.steps.joined().contains("app password"))
        #expect(section.contains("— too many messages too fast"))
    }

    @Test(arguments: [
        "mail an einen kunden kommt zurück mit 451 4.7.1 Please try again later",
        "il server risponde 450 4.7.1 temporarily deferred, try later",
    ])
    func aBareTryAgainLaterIsADeferral(message: String) async {
        let (_, reply, section) = await reply(message)
        #expect(!reply.answer.contains("blocklist named") && !reply.answer.contains("often because its IP"))
        #expect(reply.answer.contains("temporary refusal"))
        #expect(!reply.steps.joined().contains("delisting"))
        #expect(reply.nextStep == nil)
        #expect(!section.contains("the sending server is blocked"))
    }

    @Test func greylistingSummaryLineSaysGreylisting() async {
        let (_, _, section) = await reply(
            "nel log vedo: postfix/smtp[881]: A1B2: to=<info@cliente.example>, relay=mx.cliente.example[198.51.100.30]:25, dsn=4.7.1, status=deferred (host mx.cliente.example[198.51.100.30] said: 451 4.7.1 <info@cliente.example>: Recipient address rejected: Greylisted, please try again later (in reply to RCPT TO command))"
        )
        #expect(section.contains("— a temporary refusal on purpose (greylisting)"))
        #expect(!section.contains("blocked"))
    }

    @Test func relayDeniedGetsTheRelayArticleAndBothCauses() async {
        let (_, reply, _) = await reply(
            "recebi isso: Remote Server returned '554 5.7.1 <joao@construtora.example>: Relay access denied'")
        #expect(reply.articles.first?.id == "smtp-551")
        #expect(reply.answer.contains("two possible causes"))
        #expect(!reply.answer.contains("The fix is on your side"))
    }

    @Test(arguments: [
        "a customer forwards me this bounce he gets when writing to me: 552 5.2.2 <office@myshop.example>: Mailbox full",
        "quand mes clients m'écrivent ils reçoivent ça : 552 5.2.2 <office@myshop.example>: Mailbox full",
        "Wenn Kunden mir schreiben, bekommen sie das zurück: 552 5.2.2 <office@myshop.example>: Mailbox full",
        "un cliente me dice que cuando me escribe le sale esto: 552 5.2.2 <office@myshop.example>: Mailbox full",
        "un fornitore mi inoltra il messaggio che riceve quando mi scrive: 552 5.2.2 <office@myshop.example>: Mailbox full",
        "meus clientes dizem que quando me escrevem recebem isto: 552 5.2.2 <office@myshop.example>: Mailbox full",
        "a guest says she can't email us, she got this: 552 5.2.2 <office@myshop.example>: Mailbox full",
        "des clients n'arrivent plus à nous écrire : 552 5.2.2 <office@myshop.example>: Mailbox full",
    ])
    func aFullMailboxOfThePersonIsTheirs(message: String) async {
        let (session, reply, _) = await reply(message)
        #expect(reply.answer.hasPrefix("Your own mailbox office@myshop.example is full"), "\(reply.answer)")
        #expect(reply.answer.contains("The address is yours"))
        #expect(!reply.answer.contains("recipient's side"))
        #expect(reply.articles.first?.id == "mailbox-full")
        #expect(session.ownDomain == "myshop.example")
        #expect(session.direction == .receiving)
        #expect(session.lastBounce?.side == nil)
    }

    @Test func anUnknownAddressOnTheDomainThePersonCalledTheirs() async {
        var session = Session(id: "own", language: .english, pinned: true)
        (session, _) = await engine.respond(to: "my domain is bakery-shop.example", in: session)
        let (_, reply, _) = await reply(
            "Delivery has failed: 550 5.1.1 <orders@bakery-shop.example>: Recipient address rejected: User unknown",
            session: session)
        #expect(reply.answer.contains("your own receiving server says that orders@bakery-shop.example does not exist"))
        #expect(reply.steps.contains { $0.contains("alias") })
    }

    @Test func theSendersOwnBounceStaysTheRecipientsProblem() async {
        let (session, reply, _) = await reply(
            "I wrote to a client and got this back: 550 5.1.1 <bob@client-corp.example>: Recipient address rejected: User unknown"
        )
        #expect(reply.answer.contains("The problem is on the recipient's side, not yours."))
        #expect(session.direction == .sending)
    }

    @Test func serverSaidIsNotThePersonsWords() async {
        let (_, _, section) = await reply(
            "outlook keeps saying cant send, something about 535 5.7.8 authentication failed. it worked fine yesterday!!"
        )
        #expect(section.contains("Server said: “535 5.7.8 authentication failed.”"))
        #expect(!section.contains("yesterday"))
    }

    @Test func serverSaidQuotesTheDiagnosticCodeNotTheStatus() async {
        let (_, _, section) = await reply(
            """
            me rebota esto al enviar a gmail: Reporting-MTA: dns; mo12.mail-out.example.net

            Final-Recipient: rfc822; marta@gmail.com
            Action: failed
            Status: 5.7.26
            Diagnostic-Code: smtp; 550-5.7.26 Unauthenticated email from agencia.example is not accepted due to domain's DMARC policy.
            """)
        #expect(section.contains("Server said: “550-5.7.26 Unauthenticated email from agencia.example"), "\(section)")
    }
}
