import ByteText
import Foundation
import Testing

@testable import Bounces

/// Status codes, reply codes, commands and the reason rules (data tables plus overrides).
@Suite("Classification")
struct ClassificationTests {
    @Test func statusCodesAreFoundNotConfusedWithAddresses() {
        #expect(StatusCode.find("550 5.1.1 <bob@example.org>: User unknown") == "5.1.1")
        #expect(StatusCode.find("host 192.168.5.1 said: 550 5.7.26 unauthenticated") == "5.7.26")
        #expect(StatusCode.find("version 5.1.10 of the software") == "5.1.10")
        #expect(StatusCode.find("connected to 10.5.1.2 fine").isEmpty)
        #expect(StatusCode.find("451 4.3.0 Temporary failure", classHint: "4") == "4.3.0")
        #expect(StatusCode.find("451 4.3.0 Temporary failure", classHint: "5").isEmpty)
        // A specific code beats a generic one in the same text.
        #expect(StatusCode.find("5.0.0 ... 5.2.2 mailbox full") == "5.2.2")
    }

    @Test func statusValidity() {
        #expect(StatusCode.isValid("5.1.1"))
        #expect(StatusCode.isValid("4.7.26"))
        #expect(!StatusCode.isValid("6.1.1"))
        #expect(!StatusCode.isValid("5.1"))
        #expect(StatusCode.isPseudo("5.0.911"))
        #expect(!StatusCode.isPseudo("5.1.1"))
        #expect(StatusCode.pseudoCode(for: "mailboxfull", temporary: true) == "4.0.922")
        #expect(StatusCode.pseudoCode(for: "userunknown", temporary: true).isEmpty)
    }

    @Test func statusFieldVersusMessage() {
        // Specific beats generic, either way round.
        #expect(StatusCode.prefer("5.0.0", "5.1.1", "550") == "5.1.1")
        #expect(StatusCode.prefer("5.1.1", "5.0.0", "550") == "5.1.1")
        // The reply code decides between classes.
        #expect(StatusCode.prefer("4.2.2", "5.2.2", "552") == "5.2.2")
        #expect(StatusCode.prefer("", "5.7.1", "") == "5.7.1")
    }

    @Test func replyCodes() {
        #expect(ReplyCode.find("host said: 550 5.1.1 unknown") == "550")
        #expect(ReplyCode.find("error 421-4.7.0 try later") == "421")
        #expect(ReplyCode.find("no code here").isEmpty)
        #expect(ReplyCode.find("550 and 451", classHint: "4") == "451")
        #expect(ReplyCode.isValid("554"))
        #expect(!ReplyCode.isValid("999"))
        #expect(!ReplyCode.isValid("5x0"))
    }

    @Test func smtpCommands() {
        #expect(SMTPCommand.find("(in reply to RCPT TO command)") == "RCPT")
        #expect(SMTPCommand.find("in reply to end of DATA command") == "DATA")
        #expect(SMTPCommand.find("SMTP error from remote mail server after MAIL FROM:<a@b.example>") == "MAIL")
        #expect(SMTPCommand.find("user DATABASE@EXAMPLE.JP unknown").isEmpty)
        #expect(SMTPCommand.isValid("STARTTLS"))
        #expect(!SMTPCommand.isValid("HI"))
    }

    @Test func everyMappedStatusHasAKnownReason() {
        let vocabulary: Set<String> = [
            "authfailure", "badreputation", "blocked", "contenterror", "delivered", "exceedlimit", "expired",
            "failedstarttls", "feedback", "filtered", "hasmoved", "hostunknown", "mailboxfull", "mailererror",
            "mesgtoobig", "networkerror", "norelaying", "notaccept", "notcompliantrfc", "onhold",
            "policyviolation", "rejected", "requireptr", "securityerror", "spamdetected", "speeding",
            "suppressed", "suspend", "syntaxerror", "systemerror", "systemfull", "toomanyconn", "undefined",
            "userunknown", "vacation", "virusdetected",
        ]
        for (status, reason) in StatusReasonTable.reasons {
            #expect(StatusCode.isValid(status), "\(status)")
            #expect(vocabulary.contains(reason), "\(status) → \(reason)")
        }
        for reason in StatusReasonTable.pseudoSuffix.keys { #expect(vocabulary.contains(reason), "\(reason)") }
        for reason in ReasonPatternTable.patterns.keys { #expect(vocabulary.contains(reason), "\(reason)") }
    }

    /// Text patterns override a generic or misleading status (Sisimai's "5.1.1 … rate limited" weakness).
    @Test(arguments: [
        ("550 5.1.1 <bob@example.org>: rate limited, too many messages", "speeding"),
        ("550 5.2.2 Daily user sending quota exceeded", "speeding"),
        ("550 5.1.1 The email account that you tried to reach does not exist.", "userunknown"),
        ("554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org", "blocked"),
        ("550 5.7.1 Client host rejected: cannot find your reverse hostname, [203.0.113.9]", "requireptr"),
        ("452 4.2.2 The email account that you tried to reach is over quota", "mailboxfull"),
        ("550 5.7.1 Message rejected as spam by Content Filtering", "spamdetected"),
        ("552 5.3.4 Message size exceeds fixed limit", "mesgtoobig"),
        ("554 5.7.1 <bob@example.org>: Relay access denied", "norelaying"),
        (
            "421 4.7.0 [TSS04] Messages from 192.0.2.4 temporarily deferred due to unexpected volume or user complaints",
            "badreputation"
        ),
        (
            "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy",
            "authfailure"
        ),
        // Exchange Online directory-based edge blocking: the recipient does not exist.
        ("550 5.4.1 Recipient address rejected: Access denied. AS(201806281)", "userunknown"),
    ])
    func reasonFromText(text: String, reason: String) {
        let report = BounceParser.parse(text: text)
        #expect(report.recipients.first?.reason == reason, "\(text)")
    }

    @Test func rateLimitOverrideKeepsOtherSenderCauses() {
        #expect(RateLimitOverride.apply("userunknown", text: ASCII.lowered("5.1.1 rate limited")) == "speeding")
        #expect(RateLimitOverride.apply("blocked", text: ASCII.lowered("rate limited")) == "blocked")
        #expect(
            RateLimitOverride.apply("userunknown", text: ASCII.lowered("rate limited due to poor reputation"))
                == "userunknown")
    }

    @Test func hardAndSoft() {
        let hard = BounceParser.parse(text: "550 5.1.1 <bob@example.org>: User unknown").recipients.first
        #expect(hard?.hardBounce == true)
        let soft = BounceParser.parse(text: "452 4.2.2 <bob@example.org>: Mailbox full, try later").recipients.first
        #expect(soft?.hardBounce == false)
    }
}
