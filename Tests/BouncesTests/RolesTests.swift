import Foundation
import TestSupport
import Testing

@testable import Bounces

/// Hosts, addresses and words of a bounce in their roles: the failed recipient, the refusing server,
/// the reporting server, the blocklisted IP, the sending domain, the server's own words.
@Suite("Bounce roles")
struct RolesTests {
    /// The failed recipient comes from the report, never from the quoted original's From: or To:.
    @Test func recipientIsNotTheQuotedOriginalsFrom() {
        let text = """
            Delivery has failed to these recipients or groups:

            The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.

            Diagnostic information for administrators:
            Generating server: mail.mydomain.example
            Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'

            Original message headers:
            From: Alice <alice@mydomain.example>
            To: <bob@client-corp.example>
            Subject: Invoice
            """
        let report = BounceParser.parse(text: text)
        #expect(report.isBounce)
        let recipient = report.recipients.first
        #expect(recipient?.address != "alice@mydomain.example")
        #expect(recipient?.serverText == "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found")
    }

    /// A DSN's Final-Recipient wins over an address in the original's headers.
    @Test func recipientFromFinalRecipient() {
        let originalHeaders = """
            From: Alice <alice@mydomain.example>
            To: Bob <bob@client-corp.example>
            Subject: Invoice

            """
        let text = SampleMessages.postfixBounce(
            code: "550", status: "5.1.1", text: "<bob@client-corp.example>: Recipient address rejected: User unknown",
            command: "RCPT TO", moreParts: [.init("text/rfc822-headers", originalHeaders)])
        let report = BounceParser.parse(text: text)
        let recipient = report.recipients.first
        #expect(recipient?.address == "bob@client-corp.example")
        #expect(recipient?.remoteServer == "mx.client-corp.example")
        #expect(recipient?.reportingServer == "mail.mydomain.example")
        #expect(recipient?.sendingDomain == "mydomain.example")
        #expect(
            recipient?.serverText == "550 5.1.1 <bob@client-corp.example>: Recipient address rejected: User unknown")
    }

    /// The blocked IP is the one the blocklist phrase names, not the receiving MX's address.
    @Test(arguments: [
        (
            "host mx.client-corp.example[203.0.113.9] said: 554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/198.51.100.23 (in reply to RCPT TO command)",
            "198.51.100.23"
        ),
        (
            "host mx.example.sg[203.0.113.40] said: 550-\"JunkMail rejected - mail.mydomain.example (mydomain.example) [198.51.100.157]:34032 is in an RBL, see 550 https://www.spamhaus.org/query/ip/198.51.100.157\"",
            "198.51.100.157"
        ),
        (
            "Remote-MTA: dns; mx.example.net [203.0.113.5] 550 5.7.1 Mail from IP 198.51.100.61 was rejected: listed at b.barracudacentral.org",
            "198.51.100.61"
        ),
        (
            "host mx.example.com[2001:db8::25] said: 554 5.7.1 Service unavailable; Client host [2001:db8:1::61] blocked using sbl-xbl.spamhaus.org",
            "2001:db8:1::61"
        ),
        ("host mx.example.com[203.0.113.9] said: 550 5.7.1 Your message looks like spam", ""),
    ])
    func blockedIP(_ sample: (String, String)) {
        let report = BounceParser.parse(text: sample.0)
        #expect(report.recipients.first?.blockedIP == sample.1)
        if !sample.1.isEmpty { #expect(report.advice().check?.target == sample.1) }
    }

    /// "Refused by" is the remote server, not the reporting MTA (often the user's own server).
    @Test func refusingServerIsNotTheReportingOne() {
        let text =
            "Reporting-MTA: dns; mail.mydomain.example\n"
            + SampleMessages.failedRecipient(
                "bob@client-corp.example", status: "5.7.1",
                diagnostic: "550 5.7.1 Service unavailable; client [198.51.100.23] blocked using bl.spamcop.net")
        let report = BounceParser.parse(text: text)
        let recipient = report.recipients.first
        #expect(recipient?.reportingServer == "mail.mydomain.example")
        #expect(recipient?.remoteServer == "")
        #expect(recipient?.blockedIP == "198.51.100.23")
    }

    @Test func refusingServerFromPostfixText() {
        let text = """
            This is the mail system at host mail.mydomain.example.

            <bob@client-corp.example>: host mx.client-corp.example[203.0.113.9] said: 450 4.2.2
                <bob@client-corp.example>: Mailbox full (in reply to RCPT TO command)
            """
        let recipient = BounceParser.parse(text: text).recipients.first
        #expect(recipient?.remoteServer == "mx.client-corp.example")
        #expect(recipient?.remoteIP == "203.0.113.9")
        #expect(recipient?.reportingServer == "mail.mydomain.example")
        #expect(recipient?.serverText == "450 4.2.2 <bob@client-corp.example>: Mailbox full")
        #expect(recipient?.reasonInWords == "the mailbox is full")
    }

    @Test func refusedByWording() {
        let text =
            "Your message to bob@client-corp.example was refused by mx2.client-corp.example: 550 5.7.1 Message rejected as spam"
        let recipient = BounceParser.parse(text: text).recipients.first
        #expect(recipient?.remoteServer == "mx2.client-corp.example")
    }

    /// The sending domain of an SPF, DKIM or DMARC failure is the one the server names.
    @Test func sendingDomainOfAnAuthenticationFailure() {
        let text = SampleMessages.gmailUnauthenticated(domain: "mydomain.example")
        let report = BounceParser.parse(text: text)
        #expect(report.recipients.first?.sendingDomain == "mydomain.example")
        #expect(report.recipients.first?.blockedIP == "")
        #expect(report.advice().check?.target == "mydomain.example")
    }

    @Test func ipLiterals() {
        #expect(Roles.isIP("192.0.2.1"))
        #expect(Roles.isIP("2001:db8::1"))
        #expect(!Roles.isIP("5.1.1"))
        #expect(!Roles.isIP("10:12:01"))
        #expect(Roles.ipText("IPv6:2001:db8::1") == "2001:db8::1")
        #expect(Roles.hostAndIP("mx.example.org[192.0.2.1]:25").ip == "192.0.2.1")
        #expect(Roles.hostAndIP("mail.example.com. [192.0.2.1]").host == "mail.example.com")
    }

    @Test func newFieldsInJSON() throws {
        let report = BounceParser.parse(
            text:
                "host mx.example.com[203.0.113.9] said: 554 5.7.1 Client host [198.51.100.23] blocked using zen.spamhaus.org"
        )
        let line = report.jsonLine()
        for key in ["remote_server", "remote_ip", "reporting_server", "blocked_ip", "sending_domain", "server_text"] {
            #expect(line.contains("\"\(key)\":"))
        }
        let decoded = try JSONDecoder().decode(BounceReport.self, from: Data(line.utf8))
        #expect(decoded.recipients.first?.blockedIP == "198.51.100.23")
        // JSON written before the role fields still decodes.
        let old =
            #"{"is_bounce":true,"kind":"fragment","recipients":[{"address":"a@b.example","action":"failed","status":"5.1.1","replycode":"550","reason":"userunknown","hardbounce":true,"remote_mta":"","diagnostic":"","command":"","feedbacktype":""}]}"#
        let older = try JSONDecoder().decode(BounceReport.self, from: Data(old.utf8))
        #expect(older.recipients.first?.remoteServer == "")
    }
}
