import Localization
import Testing

@testable import Bounces

/// The server's words decide what the advice explains when they are specific, over the reason a status
/// code's class gives; and the advice for the person the failed mail was sent to.
@Suite("Advice words")
struct AdviceWordsTests {
    static func advice(_ text: String, forRecipient: Bool = false) -> BounceAdvice {
        BounceParser.parse(text: text).advice(forRecipient: forRecipient)
    }

    @Test(arguments: [
        "mando facturas a todos los clientes de golpe y me da error 421 4.7.0 too many messages",
        "450 4.7.0 Rate limit exceeded for this account, slow down",
        "451 4.7.0 Ratelimit: you sent too many mails in the last hour",
        "Fehler beim Senden: 421 4.7.0 Too many messages for this account, try again later",
    ])
    func sendingLimitWordsBeatTheSecurityClass(text: String) {
        let advice = Self.advice(text)
        #expect(advice.reason == "speeding", "\(text)")
        #expect(advice.side == .sender)
        #expect(advice.articleIDs.first == "sending-limits")
        let said = ([advice.summary] + advice.whatToDo).joined(separator: " ")
        #expect(!said.contains("authentication") && !said.contains("two-factor"), "\(said)")
        #expect(advice.reasonInWordsText?.english == "too many messages too fast")
    }

    @Test(arguments: [
        "mail an einen kunden kommt zurück mit 451 4.7.1 Please try again later",
        "450 4.7.1 <ana@cliente.example>: temporarily deferred, try later",
        "le serveur répond 451 4.7.0 Temporary failure, please retry later",
    ])
    func aBareTryAgainLaterIsADeferralNotABlocklist(text: String) {
        let advice = Self.advice(text)
        #expect(advice.reason == "deferred", "\(text)")
        #expect(advice.side == .network)
        #expect(advice.check == nil)
        let said = ([advice.summary] + advice.whatToDo).joined(separator: " ")
        #expect(!said.contains("blocklist named") && !said.contains("delisting"), "\(said)")
        #expect(said.contains("tries again by itself"))
        // The reply code's own article first: 421, 450 and 451 each list their causes.
        #expect(advice.articleIDs.first?.hasPrefix("smtp-4") == true)
        #expect(!advice.articleIDs.contains("blacklists"))
    }

    @Test(arguments: [
        "SMTP error from remote mail server after end of data:\n    554 5.7.1 Message rejected: spam content detected (score 7.4)",
        "host mx.cliente.example said: 550 5.7.1 Message rejected as spam by Content Filtering",
    ])
    func spamContentIsTheFilterNotAuthentication(text: String) {
        let advice = Self.advice(text)
        #expect(advice.reason == "spamdetected", "\(text)")
        let said = ([advice.summary] + advice.whatToDo).joined(separator: " ")
        #expect(!said.contains("two-factor") && said.contains("spam filter"), "\(said)")
    }

    @Test func aNamedListStaysABlocklist() {
        let advice = Self.advice(
            "451 4.7.1 Client host [198.51.100.3] blocked using zen.spamhaus.org; please try again later")
        #expect(advice.reason == "blocked")
        #expect(advice.check?.checkIDs == ["dnsbl"])
    }

    @Test(arguments: [
        "Remote Server returned '554 5.7.1 <joao@construtora.example>: Relay access denied'",
        "host mx.construtora.example said: 550 5.7.1 <joao@construtora.example>... Relaying denied",
    ])
    func relayRefusalNamesBothCausesAndTheRelayArticle(text: String) {
        let advice = Self.advice(text)
        #expect(advice.reason == "norelaying")
        #expect(advice.articleIDs.first == "smtp-551")
        #expect(!advice.articleIDs.contains("blacklists"))
        #expect(advice.summary.contains("did not log in to your outgoing server"))
        #expect(advice.summary.contains("does not consider itself responsible for the recipient's domain"))
        #expect(advice.whatToDo.last?.contains("mail to construtora.example used to work") == true)
        #expect(advice.check?.checkIDs == ["mx"])
        #expect(advice.check?.target == "construtora.example")
    }

    @Test func aRelayRefusalWithoutRecipientOffersNoCheck() {
        let advice = Self.advice("scanner error: 503 5.5.1 relay access denied, authenticate first")
        #expect(advice.reason == "norelaying")
        #expect(advice.check == nil)
    }

    @Test func greylistingIsNotCalledABlock() {
        let advice = Self.advice(
            "451 4.7.1 <info@cliente.example>: Recipient address rejected: Greylisted, please try again later")
        #expect(advice.reason == "greylisted")
        #expect(advice.reasonInWordsText?.english == "a temporary refusal on purpose (greylisting)")
        #expect(advice.summary.hasPrefix("The receiving server uses greylisting (451 4.7.1)"))
        #expect(advice.articleIDs.first == "smtp-451")
    }

    @Test func aFullMailboxOfThePersonIsTheirs() {
        let advice = Self.advice("552 5.2.2 <office@myshop.example>: Mailbox full", forRecipient: true)
        #expect(advice.forRecipient)
        #expect(
            advice.summary
                == "Your own mailbox office@myshop.example is full, so mail sent to you is refused (552 5.2.2).")
        #expect(advice.whatToDo.first?.contains("empty the Trash") == true)
        #expect(advice.articleIDs.first == "mailbox-full")
    }

    @Test func anUnknownAddressOfThePersonIsTheirs() {
        let advice = Self.advice(
            "550 5.1.1 <sales@myshop.example>: Recipient address rejected: User unknown", forRecipient: true)
        #expect(advice.forRecipient)
        #expect(advice.summary.contains("your own receiving server says that sales@myshop.example does not exist"))
        #expect(advice.whatToDo.contains { $0.contains("alias") })
        #expect(advice.whatToDo.contains { $0.contains("MX records of myshop.example") })
        #expect(advice.check?.target == "myshop.example")
    }

    @Test func aSenderSideReasonKeepsItsRuleForTheRecipient() {
        let advice = Self.advice(
            "550 5.7.26 Unauthenticated email from client.example is not accepted due to domain's DMARC policy",
            forRecipient: true)
        #expect(!advice.forRecipient)
        #expect(advice.side == .sender)
    }

    @Test func inboundRulesAreComplete() {
        for (reason, rule) in AdviceTable.inboundRules {
            #expect(rule.reason == reason)
            #expect(rule.summary.key.hasSuffix("."), "\(reason)")
            #expect(!rule.whatToDo.isEmpty, "\(reason)")
            for article in rule.articles {
                #expect(AdviceTests.knownArticles.contains(article) || article == "service-active", "\(article)")
            }
        }
    }
}
