import Foundation
import Knowledge
import TestSupport
import Testing

/// The lexicon's context rules: what else a text says changes which article fits it.
@Suite struct ContextRuleTests {
    let index = KnowledgeFixture.index

    private func contextFactor(_ text: String, on id: String) -> Double? {
        let hit = index.search(text, limit: index.count, explain: true).hits.first { $0.id == id }
        return hit?.explanation.first { $0.label == "context" }?.value
    }

    /// A login failure in a named mail program is the program's, not the webmail's; with webmail named,
    /// the rule stays out.
    @Test func aNamedMailProgramLowersTheWebmailLogin() throws {
        let factor = try #require(contextFactor("Thunderbird says login failed for my account", on: "webmail-login"))
        #expect(factor < 1)
        #expect(contextFactor("login failed on the webmail, and in Thunderbird too", on: "webmail-login") == nil)
        #expect(contextFactor("I cannot log in to webmail, password refused", on: "webmail-login") == nil)
    }

    /// Mail an application sends (a confirmation, a reset link) that never arrives is no login, mailbox-space
    /// or blocked-account problem, in any language.
    @Test(arguments: [
        "the confirmation email from the shop never arrives",
        "je ne reçois pas le mail de confirmation du site",
        "die Bestätigungsmail kommt nicht an",
        "no me llega el correo de confirmación",
        "non arriva la mail di conferma",
        "o e-mail de confirmação não chega",
    ])
    func mailAnApplicationSendsIsNoLoginProblem(text: String) throws {
        let result = index.search(text, limit: index.count, explain: true)
        for id in ["webmail-login", "mailbox-full", "account-blocked-spam"] {
            let hit = try #require(result.hits.first { $0.id == id })
            #expect(hit.explanation.contains { $0.label == "context" && $0.value < 1 }, "\(id) for \(text)")
        }
    }

    /// A text without any trigger is ranked by its words alone.
    @Test func plainComplaintsAreLeftAlone() {
        let result = index.search("my inbox is full and I cannot receive anything", limit: 5, explain: true)
        #expect(result.hits.first?.id == "mailbox-full")
        #expect(result.hits.allSatisfy { hit in !hit.explanation.contains { $0.label == "context" } })
    }

    /// `kb lint` names a rule's unknown article, a factor that does nothing, and a name that is neither a
    /// synonym group nor one word.
    @Test func lintReportsBrokenRules() {
        var base = KnowledgeFixture.base
        base.lexicon.context = [
            ContextRule(when: ["mail-app"], scale: ["no-such-article": 0.5]),
            ContextRule(when: ["mail-app"], scale: ["webmail-login": 1]),
            ContextRule(when: ["reset email"], scale: ["webmail-login": 0.5]),
        ]
        let messages = Validator.problems(in: base, index: index).map(\.description).filter {
            $0.contains("context rule")
        }
        #expect(messages.contains { $0.contains("context rule 1") && $0.contains("no-such-article") })
        #expect(messages.contains { $0.contains("context rule 2") && $0.contains("factor") })
        #expect(messages.contains { $0.contains("context rule 3") && $0.contains("reset email") })
        #expect(messages.count == 3, "\(messages)")
    }
}
