import Localization
import Testing

@Suite struct LocalizedTextTests {
    @Test func interpolationKeepsTheEnglishTemplateAsKey() {
        let domain = "example.com"
        let text: LocalizedText = "No MX record for \(domain)."
        #expect(text.key == "No MX record for {0}.")
        #expect(text.arguments == [.verbatim("example.com")])
        #expect(text.english == "No MX record for example.com.")
    }

    @Test func translatedTemplateTakesTheArguments() {
        let table = StringsTable(templates: [.french: ["No MX record for {0}.": "Aucun enregistrement MX pour {0}."]])
        let text: LocalizedText = "No MX record for \("example.com")."
        #expect(table.render(text, in: .french) == "Aucun enregistrement MX pour example.com.")
        #expect(table.render(text, in: .german) == "No MX record for example.com.")
    }

    @Test func pluralFormsFollowEachLanguage() {
        let table = StringsTable(templates: [
            .french: [
                "{0, plural, one {# lookup} other {# lookups}} used":
                    "{0, plural, one {# requête} other {# requêtes}} utilisées"
            ]
        ])
        func text(_ count: Int) -> LocalizedText { "\(plural: count, one: "# lookup", other: "# lookups") used" }
        #expect(text(1).english == "1 lookup used")
        #expect(text(12).english == "12 lookups used")
        #expect(text(0).english == "0 lookups used")
        #expect(table.render(text(0), in: .french) == "0 requête utilisées")
        #expect(table.render(text(3), in: .french) == "3 requêtes utilisées")
    }

    @Test func exactPluralSelectorWins() {
        let table = StringsTable(templates: [.german: ["{0} left": "{0, plural, =0 {nichts mehr} other {noch #}}"]])
        let none: LocalizedText = "\(0) left"
        #expect(table.render(none, in: .german) == "nichts mehr")
    }

    @Test func nestedTextIsShownInTheSameLanguage() {
        let table = StringsTable(templates: [
            .spanish: ["Result: {0}": "Resultado: {0}", "all good": "todo bien"]
        ])
        let inner: LocalizedText = "all good"
        let outer: LocalizedText = "Result: \(inner)"
        #expect(table.render(outer, in: .spanish) == "Resultado: todo bien")
    }

    @Test func ownBracesAreText() {
        let text: LocalizedText = "The mailbox of {address} is full\("")."
        #expect(text.english == "The mailbox of {address} is full.")
        #expect(StringsTable.placeholders(in: text.key) == ["{address}", "0"])
    }

    @Test func placeholdersNamePluralsAndArguments() {
        #expect(StringsTable.placeholders(in: "{0} has {1, plural, one {# x} other {# xs}}") == ["0", "1 plural"])
    }

    @Test func taskLocalLanguageRendersTr() async {
        let table = StringsTable(templates: [.italian: ["Hello": "Ciao"]])
        #expect(tr("Hello") == "Hello")
        Localizer.$current.withValue(Localizer(language: .italian, table: table)) {
            #expect(tr("Hello") == "Ciao")
        }
    }

    @Test func languageFromCodesAndLocales() {
        #expect(Language(code: "fr_FR.UTF-8") == .french)
        #expect(Language(code: "PT-br") == .portuguese)
        #expect(Language(code: "C") == nil)
        #expect(Language.fromLocale(environment: ["LANG": "de_DE.UTF-8"]) == .german)
        #expect(Language.fromLocale(environment: ["LC_ALL": "C", "LANG": "de_DE.UTF-8"]) == nil)
        #expect(Language.fromLocale(environment: [:]) == nil)
    }
}

@Suite struct NamedPlaceTests {
    @Test func namedPlacesAreFilledAfterTranslation() {
        let table = StringsTable(templates: [
            .french: [
                "The mailbox of {address} is full{code}.": "La boîte de {address} est pleine{code}.",
                "the recipient": "le destinataire",
            ]
        ])
        let text = LocalizedText(key: "The mailbox of {address} is full{code}.")
            .filling(["address": .text("the recipient"), "code": .verbatim(" (552)")])
        #expect(text.english == "The mailbox of the recipient is full (552).")
        #expect(table.render(text, in: .french) == "La boîte de le destinataire est pleine (552).")
    }
}
