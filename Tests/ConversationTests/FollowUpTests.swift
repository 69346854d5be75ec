import Conversation
import Knowledge
import Localization
import MailModel
import TestSupport
import Testing

/// Follow-ups that ask or say one thing: the password works in webmail, a short fact about the topic,
/// what to enter, whether a record is needed.
@Suite struct FollowUpTests {
    let engine = KnowledgeFixture.engine

    func ask(_ messages: [String], in start: Session = Session(id: "t")) async -> Reply? {
        await KnowledgeFixture.replies(to: messages, engine: engine, from: start).last
    }

    @Test(arguments: [
        ["Outlook keeps asking for my password and won't send", "the same password works fine in webmail"],
        ["Thunderbird fragt ständig nach dem Passwort", "im Webmail komme ich mit demselben Passwort rein"],
        ["o Outlook fica pedindo a senha", "no webmail a senha funciona normalmente"],
    ])
    func aPasswordThatWorksInWebmailPointsAtTheApp(messages: [String]) async {
        let reply = await ask(messages)
        #expect(reply?.articles.first?.id == "email-client")
        #expect(reply?.articles.first?.id != "webmail-login")
    }

    @Test func aPasswordChangedInWebmailIsTheCause() async {
        let reply = await ask([
            "outlook stopped sending, it asks for the password all the time",
            "I changed my password in webmail on friday",
        ])
        #expect(reply?.answer.hasPrefix("That explains it") == true)
        #expect(reply?.answer.contains("full email address") == true)
    }

    @Test func webmailRefusingThePasswordIsStillAWebmailLogin() async {
        let reply = await ask(["no puedo entrar al webmail, dice contraseña incorrecta"])
        #expect(reply?.articles.first?.id == "webmail-login")
    }

    @Test(arguments: [
        "is the user name the whole address or only the name?",
        "benutzer ist nur der name oder die ganze adresse?",
        "el usuario es solo el nombre o el correo completo?",
    ])
    func theUserNameIsTheFullAddress(text: String) async {
        let reply = await ask(["I can't log in to webmail", text])
        #expect(reply?.answer.contains("@") == true)
        #expect(reply?.answer.contains("name@yourdomain") == true)
    }

    @Test(arguments: ["quanto ci vuole perché funzioni?", "e quanto tempo demora para voltar a funcionar?"])
    func howLongAfterAnMXTopicIsThePropagation(text: String) async {
        let reply = await ask(["I moved my domain and now I receive no mail at all", text])
        #expect(reply?.answer.contains("24–48") == true)
    }

    @Test func enlargingAMailboxIsAChangeOfPlan() async {
        let reply = await ask(["mein Postfach ist voll", "kann man das Postfach vergrößern? ich will nichts löschen"])
        #expect(reply?.articles.first?.id == "mailbox-full")
        #expect(reply?.answer.contains("Outlook oder Thunderbird") == true)
    }

    @Test func howToClearSpaceFromAnAppGetsTheMailboxSteps() async {
        let reply = await ask([
            "my inbox is full, people get bounces", "how do i clear space, i only read mail on my iphone app",
        ])
        #expect(reply?.articles.first?.id == "mailbox-full")
        #expect(reply?.steps.isEmpty == false)
    }

    @Test func whatToEnterOnTheMXTopicGivesTheHosts() async {
        let reply = await ask([
            "since moving the domain no mail arrives, the MX records are wrong", "what exactly do I enter?",
        ])
        #expect(reply?.answer.contains("mx1.mail.ovh.net") == true)
    }

    @Test func isDMARCMandatoryStartsWithTheAnswer() async {
        let reply = await ask(["our mails land in spam at gmail", "is dmarc mandatory?"])
        #expect(reply?.answer.hasPrefix("Not by law") == true)
        #expect(reply?.articles.first?.id == "dmarc")
    }

    @Test func doWeHaveDKIMAnswersFromTheLastCheck() async {
        var session = Session(id: "t")
        session.lastCheckOutcomes = [
            CheckOutcome(id: .dkim, status: .fail, summary: "no DKIM key found", target: "example.org")
        ]
        let reply = await ask(["what is DKIM and do we have it?"], in: session)
        #expect(reply?.answer.contains("no DKIM key found") == true)
        #expect(reply?.answer.hasPrefix("It is not compulsory") == true)
    }

    @Test(arguments: [
        ["outlook wont send anymore, receiving works", "could my antivirus be blocking it?"],
        ["thunderbird no envia correos, recibo bien", "puede ser el antivirus?"],
        ["outlook wont send anymore, receiving works", "and the antivirus?"],
    ])
    func aQuestionAStepOfTheTopicAnswersStaysOnTheTopic(messages: [String]) async {
        let reply = await ask(messages)
        #expect(reply?.articles.first?.id == "email-client")
        #expect(reply?.steps.count == 1)
    }

    @Test func whyInsteadOfSayingWebmailOrAppAnswersTheComplaint() async {
        let replies = await KnowledgeFixture.replies(to: ["Thunderbird sagt Anmeldung fehlgeschlagen", "warum?"])
        #expect(replies[0].question != nil)
        #expect(!replies[1].articles.isEmpty, "no 'tell me first what is wrong'")
    }

    @Test func whyInsteadOfAnsweringTheClarifyingQuestionWalksTheUsualCauses() async {
        let replies = await KnowledgeFixture.replies(to: ["mes mails arrivent plus depuis lundi", "pourquoi ?"])
        #expect(replies[0].question != nil)
        #expect(!replies[1].articles.isEmpty)
    }
}
