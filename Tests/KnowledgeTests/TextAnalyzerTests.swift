import Knowledge
import Localization
import TestSupport
import Testing

@Suite struct TextAnalyzerTests {
    let analyzer = TextAnalyzer(lexicon: KnowledgeFixture.base.lexicon)

    @Test func foldsAccentsAndCaseAndStems() {
        let terms = analyzer.analyze("Empfängt KEINE Nachrichten").terms
        #expect(terms.keys.contains { $0.hasPrefix("empfang") })
    }

    @Test func picksFrenchAndGerman() {
        #expect(analyzer.analyze("je ne reçois plus mes courriels depuis hier").language == .french)
        #expect(analyzer.analyze("ich bekomme seit gestern keine Mails mehr").language == .german)
        #expect(analyzer.analyze("I cannot receive mail").language == .english)
    }

    @Test(arguments: [
        ("no me llegan los correos desde el lunes", Language.spanish),
        ("non ricevo più la posta da due giorni", .italian),
        ("não consigo enviar emails da minha conta", .portuguese),
        ("je n'arrive plus à envoyer de mails", .french),
        ("seit Montag kann ich keine Mails mehr senden", .german),
        ("my emails to gmail bounce since monday", .english),
    ])
    func detectsSixLanguagesWithConfidence(text: String, language: Language) {
        let analysis = analyzer.analyze(text)
        #expect(analysis.language == language)
        #expect(analysis.detectedLanguage == language)
        #expect(analysis.languageConfidence >= 0.6)
    }

    @Test func saysWhenNoWordTellsTheLanguage() {
        let analysis = analyzer.analyze("550 5.1.1 xyz@example.com")
        #expect(analysis.detectedLanguage == nil)
        #expect(analysis.languageConfidence == 0)
        #expect(analysis.language == .english)
        // One cue word is weak evidence.
        #expect(analyzer.analyze("sim").languageConfidence < 0.5)
    }

    @Test func splitsElisionsAndJoinsContractions() {
        let analysis = analyzer.analyze("l'adresse can't")
        #expect(analysis.words.contains("adresse"))
        #expect(analysis.words.contains("cant"))
    }

    @Test func skipsAddressNoiseButKeepsTellingHostParts() {
        let words = analyzer.analyze("user@example.com see https://www.spamhaus.org/query/ip").words
        #expect(!words.contains("user"))
        #expect(!words.contains("com"))
        #expect(words.contains("spamhaus"))
    }

    @Test func findsPhrasesAsConcepts() {
        let terms = analyzer.analyze("Mail delivery failed: returned to sender").terms
        #expect(terms["~bounce"] != nil)
        #expect(analyzer.analyze("my mailbox is now completely full").terms["~mailbox-full"] != nil)
    }

    @Test func englishMailWordsDoNotSwitchToGerman() {
        #expect(analyzer.analyze("after sending test mails to the server i got: 550 relay denied").language == .english)
    }

    @Test func sideThatWorksPointsToTheOther() {
        #expect(
            analyzer.analyze("quota exceeded, every incoming email is rejected, outgoing works fine").direction
                == .receiving)
        #expect(analyzer.analyze("receiving works, but my messages never leave the outbox").direction == .sending)
        #expect(analyzer.analyze("since yesterday they don't receive anything I send").direction == .sending)
        #expect(analyzer.analyze("I can't receive my emails on my phone").direction == .receiving)
    }

    @Test func templateSentencesAreNotMatchedAsTerms() {
        let analysis = analyzer.analyze(
            "For further assistance, please send mail to postmaster. If you do so, please include this problem report.")
        #expect(analysis.terms["~spf"] == nil)
        #expect(!analysis.terms.keys.contains { $0.hasPrefix("includ") || $0.hasPrefix("assist") })
    }

    @Test func greylistingAndTemporaryFailuresAreConcepts() {
        let terms = analyzer.analyze("450 recipient address rejected: greylisted, will retry later").terms
        #expect(terms["~greylisting"] != nil)
        #expect(terms["~temporary"] != nil)
        #expect(analyzer.analyze("Host or domain name not found. Name service error").terms["~dns-not-found"] != nil)
    }
}
