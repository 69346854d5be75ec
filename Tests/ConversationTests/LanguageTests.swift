import Conversation
import Knowledge
import Localization
import TestSupport
import Testing

/// Replies follow the person's language: detected from each message, kept, switched only by a message
/// that clearly is in another language, pinned by `--lang` or a `serve` frame.
@Suite struct LanguageTests {
    static func talk(
        _ messages: [String], session: Session = Session(id: "t"), engine: ConversationEngine = KnowledgeFixture.engine
    )
        async -> [(Reply, Session)]
    {
        var session = session
        var replies: [(Reply, Session)] = []
        for message in messages {
            let (next, reply) = await engine.respond(to: message, in: session)
            session = next
            replies.append((reply, next))
        }
        return replies
    }

    @Test(arguments: [
        ("ma boîte mail est pleine, je ne reçois plus rien", Language.french, "mailbox-full"),
        ("Mein Postfach ist voll, ich bekomme keine E-Mails mehr", .german, "mailbox-full"),
        ("mi buzón está lleno y no me llega nada", .spanish, "mailbox-full"),
        ("la mia casella è piena e non ricevo più niente", .italian, "mailbox-full"),
        ("a minha caixa de correio está cheia e não recebo nada", .portuguese, "mailbox-full"),
    ])
    func aComplaintIsAnsweredInItsLanguage(message: String, language: Language, article: String) async throws {
        let (reply, session) = try #require(await Self.talk([message]).first)
        #expect(reply.language == language)
        #expect(session.language == language)
        #expect(reply.articles.first?.id == article)
        let translated = try #require(KnowledgeFixture.service.base.byID[article]?.translations[language])
        #expect(reply.answer.hasPrefix(String(translated.summary.prefix(20))), "\(reply.answer)")
    }

    /// A question without a cue word ("qual", "porta" and "smtp" are in no language's list) still tells
    /// its language by a lone "é" or "è" or a Spanish "¿"; that weak evidence sets the language, it does
    /// not switch it.
    @Test(arguments: [
        ("qual é a porta smtp?", Language.portuguese), ("qual è la porta smtp?", .italian), ("¿puerto smtp?", .spanish),
    ])
    func aLoneAccentedVerbSetsTheLanguage(text: String, language: Language) async {
        let replies = await Self.talk([text])
        #expect(replies[0].1.replyLanguage == language)
        let switched = await Self.talk(["my mailbox is full and I get nothing", text])
        #expect(switched[1].1.replyLanguage == .english)
    }

    @Test(arguments: [
        ("le mie mail finiscono nello spam", Language.italian), ("impostazioni thunderbird per mx plan?", .italian),
        ("configurar email no iphone", .portuguese), ("o email da ovh ta fora do ar?", .portuguese),
        ("Statusseite?", .german),
    ])
    func theLettersTellTheLanguageOfMessagesWithoutCueWords(text: String, language: Language) async {
        // "le" is a French cue and "configurar email no iphone" has English ones; the letters say otherwise.
        let replies = await Self.talk([text])
        #expect(replies[0].1.replyLanguage == language)
    }

    @Test func anOpeningLineThatRunsIntoThePasteIsReadUpToThePaste() async {
        let text =
            "me rebota esto al enviar a gmail: Reporting-MTA: dns; mo511.mail-out.example.net\n\n"
            + "Final-Recipient: rfc822; lucia@example.com\nAction: failed\nStatus: 5.7.26\n"
            + "Diagnostic-Code: smtp; 550-5.7.26 Unauthenticated email from example.org is not accepted"
        let replies = await Self.talk([text])
        #expect(replies[0].0.language == .spanish)
    }

    @Test func aFewWordsWhoseLettersSpellAnotherLanguageDoNotSwitch() async {
        // "por que pasa esto?" spells Portuguese too, "vas-y regarde" Spanish.
        let spanish = await Self.talk([
            "mi cuenta está bloqueada por spam y no puedo enviar nada", "por que pasa esto?",
        ])
        #expect(spanish.map(\.0.language) == [.spanish, .spanish])
        let french = await Self.talk(["mes mails arrivent dans les indésirables chez yahoo", "vas-y regarde"])
        #expect(french.map(\.0.language) == [.french, .french])
    }

    @Test func shortRepliesDoNotFlipTheLanguage() async {
        let replies = await Self.talk(["ma boîte mail est pleine, je ne reçois plus rien", "ok", "danke", "why?"])
        #expect(replies.map(\.0.language) == [.french, .french, .french, .french])
    }

    @Test func aClearMessageInAnotherLanguageSwitches() async {
        let replies = await Self.talk([
            "ma boîte mail est pleine, je ne reçois plus rien", "sorry, can you answer in English? my mailbox is full",
        ])
        #expect(replies.map(\.0.language) == [.french, .english])
    }

    @Test func aPastedEnglishBounceKeepsThePersonsLanguage() async {
        let bounce = """
            j'ai reçu ça ce matin :
            <bob@example.org>: host mx.example.org[192.0.2.7] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)
            """
        let (reply, _) = await Self.talk([bounce])[0]
        #expect(reply.language == .french)
        #expect(reply.intent == .bounce)
    }

    @Test func aPinnedLanguageIsKeptWhateverIsWritten() async {
        var engine = KnowledgeFixture.engine
        engine.pinnedLanguage = .german
        let replies = await Self.talk(["my mailbox is full", "ma boîte est pleine"], engine: engine)
        #expect(replies.map(\.0.language) == [.german, .german])
    }

    @Test func theLocaleIsOnlyAFirstGuess() async {
        let replies = await Self.talk(
            ["ok", "mi buzón está lleno y no me llega nada"], session: Session(id: "t", language: .italian))
        #expect(replies.map(\.0.language) == [.italian, .spanish])
    }

    @Test func startingOverKeepsTheLanguage() async {
        let replies = await Self.talk(["la mia casella è piena e non ricevo più niente", "reset"])
        #expect(replies[1].0.language == .italian)
        #expect(replies[1].1.language == .italian)
    }

    @Test(arguments: [
        ("aide", Language.french), ("hilfe", .german), ("ayuda", .spanish), ("aiuto", .italian), ("ajuda", .portuguese),
    ])
    func helpInEachLanguage(word: String, language: Language) async {
        let (reply, _) = await Self.talk([word])[0]
        #expect(reply.language == language)
        #expect(reply.intent == .command)
        #expect(
            reply.answer
                != KnowledgeFixture.engine.strings.render(
                    "Tell me in your own words what goes wrong with your email, or paste the error message or bounce you got. I find the cause and tell you what to do.",
                    in: .english))
    }
}
