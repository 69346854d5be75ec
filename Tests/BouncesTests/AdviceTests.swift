import Foundation
import Localization
import Testing

@testable import Bounces

/// Explanations: summary, side, what to do, article ids and the one live check per reason.
@Suite("Advice")
struct AdviceTests {
    static let knownArticles: Set<String> = [
        "smtp-reply-codes", "smtp-420", "smtp-421", "smtp-432", "smtp-449", "smtp-450", "smtp-451", "smtp-452",
        "smtp-455", "smtp-500", "smtp-501", "smtp-502", "smtp-503", "smtp-504", "smtp-530", "smtp-535", "smtp-550",
        "smtp-550-5.7.1", "smtp-550-5.7.26", "smtp-551", "smtp-552", "smtp-553", "smtp-554", "smtp-555", "spf", "dkim",
        "dmarc", "blacklists", "sending-limits", "account-blocked-spam", "reverse-dns", "mailbox-full", "mx-records",
        "email-client",
    ]

    static func advice(_ text: String) -> BounceAdvice { BounceParser.parse(text: text).advice() }

    @Test func authenticationFailureChecksTheSendingDomain() {
        let text = """
            From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
            To: alice@sender.example
            Subject: Delivery Status Notification (Failure)

            ** Message blocked **

            Your message to bob@gmail.com has been blocked.

            The response from the remote server was:
            550 5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users
            """
        let advice = Self.advice(text)
        #expect(advice.side == .sender)
        #expect(advice.articleIDs.first == "smtp-550-5.7.26")
        #expect(advice.articleIDs.contains("dmarc"))
        #expect(advice.check?.checkIDs == ["spf", "dkim", "dmarc"])
        #expect(advice.check?.target == "sender.example")
    }

    @Test func authenticationFragmentUsesTheNamedDomain() {
        let advice = Self.advice("550 5.7.26 SPF check for [example.com] did not pass with ip: [192.0.2.10].")
        #expect(advice.check?.checkIDs == ["spf", "dkim", "dmarc"])
        #expect(advice.check?.target == "example.com")
    }

    @Test func blocklistMentionChecksTheQuotedIP() {
        let advice = Self.advice(
            "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.7"
        )
        #expect(advice.check?.checkIDs == ["dnsbl"])
        #expect(advice.check?.target == "198.51.100.7")
        #expect(advice.articleIDs.contains("blacklists"))
        #expect(advice.side == .receivingPolicy || advice.side == .sender)
    }

    @Test func unknownUserChecksTheRecipientMX() {
        let advice = Self.advice("550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown")
        #expect(advice.check?.checkIDs == ["mx"])
        #expect(advice.check?.target == "example.org")
        #expect(advice.side == .recipient)
        #expect(advice.summary.contains("bob@example.org"))
        #expect(advice.articleIDs.contains("smtp-550"))
    }

    @Test func unknownHostChecksDomainAndMX() {
        let advice = Self.advice(
            "<bob@nosuchdomain.example>: Host or domain name not found. Name service error for name=nosuchdomain.example type=MX: Host not found"
        )
        #expect(advice.check?.checkIDs == ["domain", "mx"])
        #expect(advice.check?.target == "nosuchdomain.example")
    }

    @Test func fullMailboxHasNothingToCheck() {
        let advice = Self.advice("552 5.2.2 <bob@example.org>: Mailbox full")
        #expect(advice.check == nil)
        #expect(advice.side == .recipient)
        #expect(advice.articleIDs.contains("mailbox-full"))
        #expect(advice.articleIDs.contains("smtp-552"))
    }

    @Test func missingPTRChecksTheSendingIP() {
        let advice = Self.advice(
            "550 5.7.25 [203.0.113.9] The IP address sending this message does not have a PTR record setup")
        #expect(advice.check?.checkIDs == ["ptr"])
        #expect(advice.check?.target == "203.0.113.9")
        #expect(advice.articleIDs.contains("reverse-dns"))
    }

    @Test func notABounceSaysSo() {
        let advice = BounceParser.parse(text: "Subject: lunch\n\nSee you at noon.").advice()
        #expect(advice.side == .unknown)
        #expect(advice.check == nil)
        #expect(advice.whatToDo.isEmpty)
    }

    @Test func unreadableExplainsWhy() {
        let advice = BounceParser.parse([]).advice()
        #expect(advice.summary.hasPrefix("I can't read this"))
    }

    @Test func everyRuleIsComplete() {
        for rule in AdviceTable.rules {
            #expect(!rule.summary.key.isEmpty, "\(rule.reason)")
            #expect(rule.summary.key.hasSuffix("."), "\(rule.reason)")
            #expect(!rule.whatToDo.isEmpty, "\(rule.reason)")
            for article in rule.articles { #expect(Self.knownArticles.contains(article), "\(rule.reason): \(article)") }
        }
        let reasons = Set(AdviceTable.rules.map(\.reason))
        for reason in StatusReasonTable.pseudoSuffix.keys { #expect(reasons.contains(reason), "\(reason)") }
    }

    @Test func articlesOnlyFromTheKnownList() {
        for text in [
            "421 4.7.0 Try again later, closing connection.", "535 5.7.8 Authentication credentials invalid",
            "530 5.7.0 Must issue a STARTTLS command first", "451 4.3.0 Temporary local problem",
            "553 5.1.3 Invalid address", "501 5.5.4 Syntax error in parameters",
        ] {
            let advice = Self.advice(text)
            for article in advice.articleIDs { #expect(Self.knownArticles.contains(article), "\(text): \(article)") }
            #expect(advice.articleIDs.last == "smtp-reply-codes", "\(text)")
        }
    }
}
