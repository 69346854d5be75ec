import Conversation
import Knowledge
import Localization
import TestSupport
import Testing

/// Questions about a fact of the provider: the fact first, from the provider profile, without the
/// troubleshooting steps of a problem the person has not described.
@Suite struct FactQuestionTests {
    let engine = KnowledgeFixture.engine

    func ask(_ messages: [String]) async -> Reply? {
        await KnowledgeFixture.replies(to: messages, engine: engine).last
    }

    @Test(arguments: [
        "how large is the mailbox on my plan?",
        "quelle taille fait ma boîte mail ?",
        "wie viel Speicher hat mein Postfach?",
        "¿de cuánto espacio dispone mi buzón?",
        "quanto è grande la mia casella?",
        "qual é o tamanho da caixa de correio?",
    ])
    func theMailboxSizeSaysWhereItIsShown(text: String) async {
        // The provider guide gives no size: the answer says where the size and the usage are shown.
        let reply = await ask([text])
        #expect(reply?.articles.first?.id == "mailbox-full")
        #expect(reply?.answer.contains("Web Cloud") == true)
    }

    @Test(arguments: [
        "how can I set up my mailbox on an android phone?",
        "paramétrer mon adresse sur thunderbird",
        "wie richte ich meine E-Mail in Outlook ein?",
        "configurar el correo en mi iphone",
        "impostazioni di outlook per la casella mx plan",
        "configurar a conta de email no telemóvel",
    ])
    func aSetupQuestionGetsEverySetting(text: String) async {
        let reply = await ask([text])
        // The settings first, not the troubleshooting template's "does it work in webmail?".
        for value in ["ssl0.ovh.net", "993", "465"] { #expect(reply?.answer.contains(value) == true) }
        #expect(reply?.question == nil)
    }

    @Test(arguments: ["pop or imap, which one?", "imap oder pop?", "imap o pop?"])
    func imapOrPopAnswersImap(text: String) async {
        let reply = await ask([text])
        #expect(reply?.answer.contains("993") == true)
    }

    @Test func theLimitOfAFullMailboxIsItsSize() async {
        // In a conversation about a full mailbox, "the limit" is the mailbox's, not the sending limit.
        let inContext = await ask(["my inbox is full and nothing new arrives", "and what's the limit?"])
        #expect(inContext?.answer.contains("Web Cloud") == true)
        #expect(inContext?.answer.contains("200") == false)
        let alone = await ask(["what's the limit?"])
        #expect(alone?.answer.contains("200") == true)
    }

    @Test func aFactAfterItsArticleDoesNotRepeatTheSteps() async {
        let first = await ask(["what smtp port should i use"])
        #expect(first?.steps.isEmpty == false)
        let reply = await ask(["outlook can't connect to the server", "what smtp port should i use"])
        #expect(reply?.answer.contains("465") == true)
        #expect(reply?.steps.isEmpty == true)
    }

    @Test(arguments: [(Language.english, "Blocked due to SPAM"), (.french, "Bloqué pour SPAM")])
    func authenticationFailedChecksTheSpamBlockFirst(language: Language, column: String) async {
        var session = Session(id: "t")
        session.language = language
        let (_, reply) = await engine.respond(to: "show smtp-535", in: session)
        #expect(reply.steps.first?.contains(column) == true)
    }
}
