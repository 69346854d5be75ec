import Knowledge
import Localization
import TestSupport
import Testing

@Suite struct IntentTests {
    /// Built once for the suite, not once per test case.
    static let index = IntentIndex(base: KnowledgeFixture.base)
    var intents: IntentIndex { Self.index }

    @Test func everyIntentLoadsWithSixLanguages() {
        #expect(KnowledgeFixture.base.intents.count >= Validator.requiredIntents.count)
        for intent in KnowledgeFixture.base.intents {
            #expect(Set(intent.examples.keys) == Set(Validator.intentLanguages), "\(intent.id)")
        }
        #expect(Validator.intentProblems(in: KnowledgeFixture.base, placeholderKeys: []).isEmpty)
    }

    @Test func lintReportsMissingLanguagesAnswersAndArticles() {
        var base = KnowledgeFixture.base
        base.intents = [
            IntentDefinition(
                id: "fact-x", summary: "s", kind: .fact, article: "no-such-article", answer: "{{provider.nope}}",
                examples: ["en": ["a"]], source: "intents/fact-y.yaml")
        ]
        let messages = Validator.intentProblems(in: base, placeholderKeys: ["name"]).map(\.message)
        #expect(messages.contains { $0.contains("does not match the file name") })
        #expect(messages.contains { $0.contains("1 examples in 'en'") })
        #expect(messages.contains { $0.contains("0 examples in 'pt'") })
        #expect(messages.contains { $0.contains("article 'no-such-article' does not exist") })
        #expect(messages.contains { $0.contains("unknown placeholder {{provider.nope}}") })
        #expect(messages.contains { $0.contains("required intent 'why' is missing") })
    }

    @Test(arguments: [
        ("why?", "why"), ("merci beaucoup", "thanks"), ("hallo", "greeting"),
        ("how many emails can I send per hour", "fact-sending-limits"),
    ])
    func ranksTheIntentFirst(text: String, id: String) {
        #expect(intents.classify(text).first?.id == id)
    }

    @Test func coverageSaysHowMuchOfTheMessageTheIntentExplains() throws {
        let bare = try #require(intents.classify("why?").first)
        #expect(bare.coverage == 1)
        #expect(intents.classify(String(repeating: "x", count: IntentIndex.maximumBytes + 1)).isEmpty)
    }

    @Test func readsALeadingYesOrNoAndWhatFollows() throws {
        let answer = try #require(intents.leadingAnswer("no, they match and webmail works"))
        #expect(answer.id == "no")
        #expect(answer.following >= 3)
        #expect(intents.leadingAnswer("oui")?.id == "yes")
        // "no" that starts an ordinary sentence is no answer.
        #expect(intents.leadingAnswer("no emails arrive since monday") == nil)
    }
}

/// The letters' language model, trained on the knowledge base's six languages.
@Suite struct LanguageGuesserTests {
    static let guesser = IntentIndex(base: KnowledgeFixture.base).languages

    @Test(arguments: [
        ("my mails to gmail end up in the spam folder", Language.english),
        ("mes mails partent dans les indésirables", .french), ("meine Mails landen im Spamordner", .german),
        ("mis correos acaban en la carpeta de spam", .spanish), ("le mie mail finiscono nello spam", .italian),
        ("os meus emails vão parar ao spam", .portuguese),
    ])
    func guessesEachLanguage(text: String, language: Language) throws {
        let guess = try #require(Self.guesser.guess(text))
        #expect(guess.language == language)
        #expect(guess.probability > 0.9)
    }

    @Test func namesNumbersAndAddressesAreNoWords() throws {
        #expect(Self.guesser.guess("example.com 192.0.2.1 user@example.org https://x.example/a") == nil)
        let guess = try #require(Self.guesser.guess("bonjour, example.com ne reçoit plus rien"))
        #expect(guess.words == 5)
        #expect(guess.language == .french)
    }
}
