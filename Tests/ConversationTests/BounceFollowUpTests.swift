import Checks
import Conversation
import DNSResolver
import Knowledge
import MailModel
import TestSupport
import Testing

/// What comes after a bounce or a blocklist check: resending after a recipient-side failure, what to do
/// about a listing and whose side it is on, the person's own address that a correspondent's bounce named,
/// and the check headline that answers the question asked.
@Suite struct BounceFollowUpTests {
    static func engine(_ resolver: InMemoryResolver) -> ConversationEngine {
        ConversationEngine(
            knowledge: KnowledgeFixture.service, liveChecks: LiveChecks(options: CheckOptions()) { resolver })
    }

    /// Every name is unknown, except each blocklist's test entry 127.0.0.2 (RFC 5782): the lists answer, and
    /// list nothing else.
    static let nxdomainEngine = engine(
        InMemoryResolver(
            records: Dictionary(
                uniqueKeysWithValues: CheckOptions.defaultDNSBLZones.map { ("2.0.0.127.\($0)", [.a("127.0.0.2")]) }),
            unknownNames: .nxdomain))

    /// Replies to each message in turn, in one session.
    static func replies(_ messages: [String], engine: ConversationEngine = nxdomainEngine) async -> [Reply] {
        await KnowledgeFixture.replies(to: messages, engine: engine, from: Session(id: "follow-up"))
    }

    static let mailboxFull = """
        <accounts@joinery-north.example>: host mx.joinery-north.example[192.0.2.40] said: 552 5.2.2
            <accounts@joinery-north.example>: Mailbox full (in reply to RCPT TO command)
        """

    @Test func resendAfterAFullMailboxIsYesOnceTheRecipientHasMadeSpace() async {
        let replies = await Self.replies([Self.mailboxFull, "do I need to send it again?"])
        #expect(replies[1].answer.hasPrefix("Yes, once accounts@joinery-north.example has made space"))
        #expect(!replies[1].answer.contains("fix the cause first"))
    }

    @Test func gmailsUnsolicitedRateIsAReputationLimitNotASendingQuota() async {
        let log = """
            Mar  3 09:14:22 relay1 postfix/smtp[8812]: 1A2B3C: to=<info@supplier.example>, \
            relay=gmail-smtp-in.l.google.com[142.250.102.27]:25, dsn=4.7.0, status=deferred (host \
            gmail-smtp-in.l.google.com[142.250.102.27] said: 421-4.7.0 [192.0.2.77] Our system has detected an \
            unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, \
            mail sent from your IP address has been temporarily rate limited. (in reply to end of DATA command))
            """
        let reply = await Self.replies([log])[0]
        #expect(reply.answer.contains("poor reputation"))
        #expect(reply.steps.contains { $0.contains("SPF, DKIM and DMARC") })
        #expect(reply.articles.first?.id != "sending-limits")
    }

    @Test func aDomainThatDoesNotExistLeadsTheCheckWhateverWasDescribed() async {
        let replies = await Self.replies([
            "our newsletters land in the spam folder of our customers",
            "please check tidewater-books.example",
        ])
        #expect(replies[1].answer.hasPrefix("Start here: tidewater-books.example does not exist in DNS"))
    }

    @Test func noBlocklistAnsweringIsSaidBeforeAnyOtherFinding() async {
        let silent = Self.engine(InMemoryResolver(records: [:]))
        let reply = await Self.replies(["is 51.68.12.34 on a blacklist?"], engine: silent)[0]
        #expect(reply.answer.hasPrefix("No blocklist answered, so I cannot tell yet whether 51.68.12.34 is listed"))
        #expect(reply.articles.first?.id == "blacklists")
    }

    /// Lists that do not even list their own test entry (a resolver answering "no such name" to everything)
    /// prove nothing: no "not listed".
    @Test func listsWithoutTheirTestEntryProveNothing() async {
        let offline = Self.engine(InMemoryResolver(records: [:], unknownNames: .nxdomain))
        let reply = await Self.replies(["are we blacklisted? our IP is 51.68.12.34"], engine: offline)[0]
        #expect(!reply.answer.contains("is not listed"))
        #expect(reply.answer.hasPrefix("No blocklist answered"))
    }

    @Test func notListedAnswersTheQuestionBeforeTheMissingPTR() async {
        let reply = await Self.replies(["are we blacklisted? our IP is 51.68.12.34"])[0]
        #expect(reply.answer.hasPrefix("51.68.12.34 is not listed"))
        #expect(reply.answer.contains("Apart from that, one thing to fix: 51.68.12.34 has no reverse DNS"))
    }

    @Test func whatToDoIfListedAfterABlocklistQuestionGivesTheDelistingSteps() async {
        for followUp in ["and if it is listed, what do I do?", "how do I get off the list?"] {
            let replies = await Self.replies(["can you check if 198.51.100.77 is on a blocklist", followUp])
            #expect(replies[1].articles.first?.id == "blacklists", "\(followUp)")
            #expect(replies[1].answer.contains("whoever runs that address"), "\(followUp)")
            #expect(!replies[1].steps.isEmpty, "\(followUp)")
        }
    }

    @Test func whoseSideAfterABlockedBounceIsWhoeverRunsTheListedIP() async {
        let bounce = """
            <ana@client.example>: host mx.client.example[192.0.2.9] said: 554 5.7.1 Service unavailable; \
            Client host [51.68.200.10] blocked using zen.spamhaus.org (in reply to RCPT TO command)
            """
        let replies = await Self.replies([bounce, "is it my fault or the provider's?"])
        #expect(replies[1].answer.contains("whoever runs that address"))
        #expect(replies[1].answer.contains("OVHcloud"))
    }

    static let ownAddressBounce = """
        a customer says he cant email us, he got this
        Address not found
        Your message wasn't delivered to orders@lakeside-pottery.example because the address couldn't be found.
        The response from the remote server was:
        550 5.1.1 <orders@lakeside-pottery.example>: Recipient address rejected: User unknown
        """

    @Test func remarksAboutOnesOwnAddressStayOnItNotOnAQuestionForADomain() async {
        let replies = await Self.replies([
            Self.ownAddressBounce,
            "but we read that mailbox every day, I can log in to it without problems",
            "hang on, our real address is order@ with no s, could that be it?",
        ])
        #expect(replies[0].answer.contains("The address is yours"))
        #expect(replies[1].answer.contains("Being able to log in proves that your mailbox exists"))
        #expect(replies[2].answer.contains("alias"))
        #expect(!replies[2].answer.contains("Which domain"))
    }

    @Test func aClientWhoCannotEmailMeGotABounceAboutMyAddress() async {
        let text = """
            a client says she cant email me, she got this back from gmail:
            Address not found
            Your message wasn't delivered to j.hartley@hartley-law.example because the address couldn't be found.
            550 5.1.1 <j.hartley@hartley-law.example>: Recipient address rejected: User unknown in virtual mailbox table
            """
        let reply = await Self.replies([text])[0]
        #expect(!reply.answer.contains("The problem is on the recipient's side"))
    }

    @Test func aBounceAForwarderGotFromTheProvidersOwnMXIsAboutMyAddress() async {
        let text = """
            o fornecedor mandou-me isto, diz que os emails para nós voltam:
            <compras@loja-sapatos.example>: host mx1.mail.ovh.net[188.165.36.237] said: 550 5.1.1
                <compras@loja-sapatos.example>: Recipient address rejected: User unknown (in reply to RCPT TO command)
            """
        let reply = await Self.replies([text])[0]
        #expect(!reply.answer.contains("recipient's side") && !reply.answer.contains("destinatário, não do seu"))
    }
}
