import Knowledge
import Testing

@Suite struct TextAnalyzerTests {
    let analyzer = TextAnalyzer(lexicon: Fixture.base.lexicon)

    @Test func foldsAccentsAndCaseAndStems() {
        let terms = analyzer.analyze("Empfängt KEINE Nachrichten").terms
        #expect(terms.keys.contains { $0.hasPrefix("empfang") })
    }

    @Test func picksFrenchAndGerman() {
        #expect(analyzer.analyze("je ne reçois plus mes courriels depuis hier").language == .french)
        #expect(analyzer.analyze("ich bekomme seit gestern keine Mails mehr").language == .german)
        #expect(analyzer.analyze("I cannot receive mail").language == .english)
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
}
