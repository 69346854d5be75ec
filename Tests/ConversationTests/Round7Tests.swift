import Bounces
import ByteText
import Checks
import Conversation
import DNSResolver
import Foundation
import Knowledge
import Localization
import MailModel
import TestSupport
import Testing

/// Follow-ups and first messages a blind study (round 7) and trying the REPL found answered wrongly.
@Suite struct Round7Tests {
    /// "How do I free up space?" on a full mailbox asks for the fix as a whole: all of the steps, in any
    /// language, not the size of the mailbox nor the one step that repeats the summary's words.
    @Test(arguments: [
        ["my mailbox is full", "how do I free up space?"],
        ["ma boite mail est pleine", "comment je libère de la place ?"],
        ["la mia casella è piena", "come faccio a liberare spazio?"],
        ["a minha caixa está cheia", "como faço para liberar espaço?"],
        ["mi buzón está lleno", "¿cómo libero espacio?"],
    ])
    func howToFreeSpaceGetsEveryStep(messages: [String]) async {
        let replies = await KnowledgeFixture.replies(to: messages)
        #expect(replies[1].articles.first?.id == "mailbox-full")
        #expect(replies[1].steps.count >= 4, "\(replies[1].steps)")
    }

    /// A size question is still the size fact.
    @Test func howMuchSpaceIsStillTheSize() async {
        let understanding = MessageAnalysis.analyze(
            "how much space does my mailbox have?", knowledge: KnowledgeFixture.service)
        #expect(understanding.intent == "fact-mailbox-size")
    }

    /// A fact question needs its cue even when no article is near: "liberar espaço" asks no bigger mailbox.
    @Test func anUncuedFactIsNoFallbackForAnUnknownMessage() async {
        let understanding = MessageAnalysis.analyze(
            "como faço para liberar espaço?", knowledge: KnowledgeFixture.service)
        #expect(understanding.intent != "fact-mailbox-upgrade")
    }

    /// "Is p=none ok?" gets what the policies do and whether none is enough, in the person's language.
    @Test(arguments: [
        ("my mails to gmail go to spam", "is p=none ok?", Language.english, "p=quarantine"),
        ("mes mails arrivent en spam chez gmail", "p=none c'est bon ?", Language.french, "surveiller"),
        ("meine Mails landen bei Gmail im Spam", "was bedeutet p=quarantine?", Language.german, "Spam-Ordner"),
    ])
    func dmarcPolicyQuestionIsAnswered(first: String, question: String, language: Language, expected: String) async {
        let replies = await KnowledgeFixture.replies(to: [first, question])
        #expect(replies[1].answer.contains(expected), "\(replies[1].answer)")
        #expect(replies[1].articles.first?.id == "dmarc")
        #expect(replies[1].language == language)
    }

    /// "How long?" on a topic that is no DNS change answers with what its article says about time.
    @Test(arguments: [
        ["my mailbox is full", "how long till it works again after i delete stuff", "as soon as"],
        ["mi ip 51.91.12.34 está en una lista negra de spamhaus", "cuanto tarda", "Spamcop"],
        ["troppi messaggi all'ora, errore", "quanto devo aspettare?", "un'ora"],
    ])
    func howLongOnATopicSaysItsTime(case messages: [String]) async {
        let replies = await KnowledgeFixture.replies(to: Array(messages.prefix(2)))
        #expect(replies[1].answer.contains(messages[2]), "\(replies[1].answer)")
        #expect(!replies[1].answer.contains("24–48"))
    }

    /// A number of things to send is no reply code.
    @Test func countsAreNoReplyCodes() {
        #expect(CodeScanner.codes(in: "Wir schicken Rechnungen per Script raus, so 500 am Stück").isEmpty)
        #expect(CodeScanner.codes(in: "we need to send 550 invoices tonight").isEmpty)
        #expect(CodeScanner.codes(in: "500 Empfänger pro Tag").isEmpty)
        #expect(CodeScanner.codes(in: "el error 550 de gmail").map(\.reply) == ["550"])
        #expect(CodeScanner.codes(in: "Fehler 550 am Montag").map(\.reply) == ["550"])
    }

    static let germanNDR = """
        Ihre Nachricht hat einige oder alle Empfänger nicht erreicht.
        Betreff: Angebot 2024-117
        Gesendet: 12.03.2024 09:41

        Die folgenden Empfänger können nicht erreicht werden:
        info@autohaus-keller.example am 12.03.2024 09:41
        Remoteserver hat '550 5.7.23 The message was rejected because of Sender Policy Framework violation' zurückgegeben

        Von: buchhaltung@steuerbuero-lang.example
        """

    /// A pasted Exchange notice in German: the server's words without "zurückgegeben", and the quoted
    /// sender's domain as the one whose authentication failed.
    @Test func aGermanExchangeNoticeGivesTheServersWordsAndTheSendingDomain() throws {
        let report = BounceParser.parse(text: Self.germanNDR)
        let recipient = try #require(report.recipients.first)
        #expect(recipient.address == "info@autohaus-keller.example")
        #expect(recipient.serverText.hasSuffix("violation"))
        #expect(recipient.sendingDomain == "steuerbuero-lang.example")
    }

    /// "Check our domain" after such a notice checks the sender's domain, without asking which.
    @Test func checkOurDomainAfterAnAuthenticationBounceUsesTheSendersDomain() async {
        let replies = await BounceFollowUpTests.replies([Self.germanNDR, "kannst du unsere domain mal prüfen"])
        #expect(replies[1].question == nil)
        #expect(replies[1].checkedTarget == "steuerbuero-lang.example")
        // The domain does not exist: that leads, whichever checks ran.
        #expect(replies[1].answer.contains("steuerbuero-lang.example"))
    }
}

extension Round7Tests {
    /// "How do I see how much space I use?" opens like a how-to but asks a quantity: still the size fact.
    @Test func aHowToThatAsksAQuantityIsTheSize() async {
        let replies = await KnowledgeFixture.replies(to: [
            "a minha caixa está cheia", "e como vejo quanto espaço tenho ocupado?",
        ])
        #expect(replies[1].answer.contains("webmail"), "\(replies[1].answer)")
        #expect(replies[1].steps.isEmpty)
    }

    /// A short question without mail words may still be a fact question when it does not ask how to do
    /// something ("which settings do I put in the plugin then?" after a 503 from a form plugin).
    @Test func aShortSettingsQuestionIsStillAFact() {
        let understanding = MessageAnalysis.analyze(
            "which settings do i put in the plugin then", knowledge: KnowledgeFixture.service)
        #expect(understanding.intent.hasPrefix("fact-"))
    }
}

/// Whose mail bounces, and what an address in a complaint asks for.
extension Round7Tests {
    /// "Their emails to me bounce": the person receives; the bounce is about their own mailbox.
    @Test(arguments: [
        "my customers say their emails to me bounce back with quota exceeded",
        "mis clientes dicen q les rebotan los correos q me mandan, q dice buzon lleno",
    ])
    func mailToMeThatBouncesIsOnTheReceivingSide(message: String) {
        let ranking = KnowledgeFixture.service.index.search(message)
        #expect(ranking.direction != .sending)
        #expect(ranking.hits.first?.id == "mailbox-full")
    }

    /// A stop word is no misspelling of an article's word ("depuis" is no "dépôt", "couple" no "coup").
    @Test func stopWordsAreNotCorrectedAsTypos() {
        let result = KnowledgeFixture.service.index.search(
            "je reçois plus les mails de mon comptable depuis 3 jours", explain: true)
        let labels = result.hits.flatMap(\.explanation).map(\.label)
        #expect(!labels.isEmpty)
        #expect(!labels.contains { $0.contains("depuis") })
    }

    /// A complaint that names the person's address, about a problem no DNS check explains, gets the article
    /// without a domain check; "is my domain ok?" still gets one.
    @Test func anAddressInAComplaintIsNoRequestToCheckTheDomain() async {
        let reply = await BounceFollowUpTests.replies([
            "my mailbox is full, quota exceeded?? my address is sarah@greenleaf-florist.example"
        ])[0]
        #expect(reply.checks.isEmpty)
        #expect(reply.articles.first?.id == "mailbox-full")
        let asked = await BounceFollowUpTests.replies(["is my domain ok? it's greenleaf-florist.example"])[0]
        #expect(!asked.checks.isEmpty)
    }
}

/// "Tried that" after the mail app's password step goes on to the next step, not the same one again.
extension Round7Tests {
    @Test(arguments: [
        [
            "my iphone keeps asking for the password for contact@hartley-physio.example, I changed it in webmail last week",
            "tried that, still pops up every 5 min",
        ],
        [
            "outlook fragt ständig nach dem kennwort, pop3 konto, hab nix geändert",
            "ja hab ich schon probiert, passwort stimmt im webmail",
        ],
    ])
    func triedThePasswordStepGetsTheNextOne(messages: [String]) async {
        let replies = await KnowledgeFixture.replies(to: messages)
        #expect(replies[1].answer.contains("ssl0.ovh.net"), "\(replies[1].answer)")
        #expect(replies[1].answer.contains("993"))
        #expect(replies[1].articles.first?.id == "email-client")
        #expect(replies[1].question == nil)
    }

    /// "It's right! I get into webmail" about a mail app that says the password is wrong: the app's fault.
    @Test func webmailWorksAboutAnAppIsThePasswordStep() async {
        let replies = await KnowledgeFixture.replies(to: [
            "ciao, sul telefono (android, app gmail) non riesco piu a scaricare la posta, dice password errata",
            "ma è giusta! dal webmail entro",
        ])
        #expect(replies[1].articles.first?.id == "email-client")
        #expect(replies[1].language == .italian)
        #expect(replies[1].answer.contains("password"))
    }
}

/// A number of people to write to says the mail goes out in bulk.
extension Round7Tests {
    @Test func aNumberOfRecipientsIsBulkSending() {
        let analyzer = KnowledgeFixture.service.index.textAnalyzer
        #expect(analyzer.analyze("quero mandar uma newsletter pra 2000 clientes").terms["~rate-limit"] != nil)
        #expect(analyzer.analyze("wir schicken das an 300 Empfänger").terms["~rate-limit"] != nil)
        #expect(analyzer.analyze("I have 2 clients on my phone").terms["~rate-limit"] == nil)
        let ranking = KnowledgeFixture.service.index.search(
            "quero mandar uma newsletter pra 2000 clientes pelo meu email da ovh, da?")
        #expect(ranking.hits.first?.id == "sending-limits")
    }
}

/// A request about something else, made on a topic, is declined all the same; a question about a step of the
/// topic ("could my antivirus be blocking it?") is not.
extension Round7Tests {
    @Test(arguments: ["ok. sai consigliarmi anche un buon portatile?", "can you recommend a good laptop?"])
    func anOffTopicRequestOnATopicIsDeclined(message: String) async {
        let replies = await KnowledgeFixture.replies(to: ["la mia casella è piena", message])
        #expect(replies[1].intent == .smalltalk)
        #expect(replies[1].steps.isEmpty)
    }
}

/// Bounces and languages a blind study (round 8) found misread.
extension Round7Tests {
    /// Exchange's notice quoting the server after a blank line: the server's words are the diagnostic.
    @Test func exchangeQuotedReplyAfterABlankLineIsTheDiagnostic() throws {
        let text = """
            Delivery has failed to these recipients or groups:
            john.carter88@hotmail.example
            Your message couldn't be delivered.

            Remote Server returned '550 5.7.1 Unfortunately, messages from [51.210.146.22] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).'
            """
        let recipient = try #require(BounceParser.parse(text: text).recipients.first)
        #expect(recipient.status == "5.7.1")
        #expect(recipient.reason == "blocked")
    }

    /// Microsoft's 5.1.10 with RecipientNotFound is an unknown address, not a domain without MX.
    @Test func microsoftRecipientNotFoundIsAnUnknownUser() throws {
        let text = """
            Ihre Nachricht hat folgende Empfänger nicht erreicht:

            m.huber@kanzlei.example
            Die E-Mail-Adresse, die Sie eingegeben haben, wurde nicht gefunden.

            Diagnoseinformationen für Administratoren:
            Generierender Server: DB8PR09MB3456.eurprd09.prod.outlook.com
            m.huber@kanzlei.example
            Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient m.huber@kanzlei.example not found by SMTP address lookup'
            """
        let recipient = try #require(BounceParser.parse(text: text).recipients.first)
        #expect(recipient.reason == "userunknown")
    }

    /// A Postfix notice without any code, pasted under a line in Italian: a bounce, answered in Italian.
    @Test func aPostfixNoticeWithoutCodeIsABounceInThePersonsLanguage() async {
        let text = """
            mi torna indietro questo:

            This is the mail system at host mail.tipografia.example.

            I'm sorry to have to inform you that your message could not
            be delivered to one or more recipients.

            <ordini@cartiera.example>: connect to mx.cartiera.example[192.0.2.7]:25: Connection timed out
            """
        let reply = await KnowledgeFixture.replies(to: [text])[0]
        #expect(reply.bounce != nil)
        #expect(reply.language == .italian)
    }

    /// Between Spanish and Portuguese, a short message of shared words does not switch the language.
    @Test func aShortSharedSentenceKeepsPortuguese() async {
        let replies = await KnowledgeFixture.replies(to: [
            "o formulário do meu site não envia os emails, uso wordpress", "preciso configurar smtp no plugin?",
        ])
        #expect(replies[0].language == .portuguese)
        #expect(replies[1].language == .portuguese)
    }

    /// A big mailbox provider named in a message is never the person's own domain to check.
    @Test func aBigProviderIsNoOwnDomain() async {
        let reply = await BounceFollowUpTests.replies([
            "i keep getting emails with 'Report domain: smithjoinery.example Submitter: google.com'. is that spam?? should i worry"
        ])[0]
        #expect(reply.checkedTarget != "google.com")
    }
}
