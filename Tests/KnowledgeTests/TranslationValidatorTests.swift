import Localization
import Testing

@testable import Knowledge

@Suite struct TranslationValidatorTests {
    static let english = """
        ---
        id: mailbox-full
        title: "Your mailbox is full"
        tags: [receiving]
        summary: "Free up space: code 552 means the box is full."
        ---
        ## What it means
        The box is full (552).

        ## How to confirm
        - Open {{provider.webmail}}.

        ## What to do
        1. Empty the trash.
        2. Ask for more space.

        ## Who to contact
        {{provider.name}} ({{provider.support}}).
        """

    static func translation(_ steps: String, meaning: String = "La boîte est pleine (552).") -> String {
        """
        ---
        id: mailbox-full
        title: "Votre boîte est pleine"
        summary: "Libérez de l'espace : le code 552 veut dire que la boîte est pleine."
        keywords: [boîte pleine, quota, espace]
        ---
        ## What it means
        \(meaning)

        ## How to confirm
        - Ouvrez {{provider.webmail}}.

        ## What to do
        \(steps)

        ## Who to contact
        {{provider.name}} ({{provider.support}}).
        """
    }

    static func problems(french: String) -> [String] {
        let base = KnowledgeBase(files: [
            ("articles/mailbox-full.md", english), ("articles/fr/mailbox-full.md", french),
        ])
        return TranslationValidator.problems(in: base).filter { $0.file.hasPrefix("articles/fr/") }.map(\.description)
    }

    @Test func aFaithfulTranslationHasNoProblem() {
        #expect(Self.problems(french: Self.translation("1. Videz la corbeille.\n2. Demandez plus d'espace.")).isEmpty)
    }

    @Test func aMissingStepIsReportedAtItsSection() {
        let problems = Self.problems(french: Self.translation("1. Videz la corbeille."))
        #expect(problems.count == 1)
        #expect(
            problems.first?.contains("articles/fr/mailbox-full.md:13: \"What to do\" has 1 list items") == true,
            "\(problems)")
    }

    @Test func aLostCodeOrEnglishLeftIsReported() {
        let problems = Self.problems(
            french: Self.translation(
                "1. Videz la corbeille.\n2. Demandez plus d'espace.",
                meaning: "The mailbox is full and you have to empty it."))
        #expect(problems.contains { $0.contains(":7: \"What it means\" codes differ") }, "\(problems)")
        #expect(problems.contains { $0.contains(":8: looks untranslated") }, "\(problems)")
    }

    @Test func missingTranslationsAreNamed() {
        let base = KnowledgeBase(files: [("articles/mailbox-full.md", Self.english)])
        let files = Set(TranslationValidator.problems(in: base).map(\.file))
        for language in TranslationValidator.languages {
            #expect(files.contains("articles/\(language.code)/mailbox-full.md"))
        }
    }

    @Test func stringsNeedEveryKeyWithItsPlaceholders() {
        let base = KnowledgeBase(files: [
            ("strings/en.yaml", "\"Shall I check {0} now?\": \"Shall I check {0} now?\"\n\"yes\": \"yes\"\n"),
            ("strings/fr.yaml", "\"Shall I check {0} now?\": \"Je vérifie maintenant ?\"\n\"old\": \"vieux\"\n"),
        ])
        let problems = TranslationValidator.problems(in: base).filter { $0.file.hasPrefix("strings/fr") }
            .map(\.description)
        #expect(problems.contains { $0.hasPrefix("strings/fr.yaml:1: placeholders") })
        #expect(problems.contains { $0.contains("no Français text for \"yes\"") })
        #expect(problems.contains { $0.hasPrefix("strings/fr.yaml:2:") && $0.contains("no longer used") })
    }

    @Test func englishDetectorLeavesOtherLanguagesAlone() {
        #expect(
            TranslationValidator.englishLeft(
                in: "Check that the domain has an MX record and that it points to your server.") != nil)
        for text in [
            "Vérifiez que le domaine a un enregistrement MX qui pointe vers votre serveur.",
            "Prüfen Sie, ob die Domain einen MX-Eintrag hat, der auf Ihren Server zeigt.",
            "Comprueba que el dominio tiene un registro MX que apunta a tu servidor.",
            "Verifica che il dominio abbia un record MX che punta al tuo server.",
            "Verifique se o domínio tem um registo MX que aponta para o seu servidor.",
            "Le serveur a répondu « The recipient's mailbox is full and cannot take it » : attendez.",
        ] {
            #expect(TranslationValidator.englishLeft(in: text) == nil, "\(text)")
        }
    }
}
