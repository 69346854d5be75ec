import Foundation
import TestSupport
import Testing

@testable import Bounces

/// Pasted pieces of a bounce: an SMTP reply, NDR lines, a mail client's dialog, an MTA log line.
@Suite("Fragments")
struct FragmentParserTests {
    /// Pasted fragments and what must come out of them.
    static let cases: [PastedSample] = [
        PastedSample(
            name: "single SMTP reply", text: "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown",
            address: "bob@example.org", status: "5.1.1", replyCode: "550", reason: "userunknown"),
        PastedSample(
            name: "Gmail multi-line 5.7.26",
            text: SampleMessages.gmailUnauthenticated(domain: "example.com"),
            address: "", status: "5.7.26", replyCode: "550", reason: "authfailure"),
        PastedSample(
            name: "Postfix log line",
            text:
                "Nov 29 05:00:01 mx postfix/smtp[1234]: 4ABC123: to=<bob@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.org[203.0.113.5] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
            address: "bob@example.org", status: "5.1.1", replyCode: "550", reason: "userunknown"),
        PastedSample(
            name: "Outlook client dialog",
            text:
                "The message could not be sent because one of the recipients was rejected by the server. The rejected e-mail address was 'bob@example.org'. Subject 'Hi', Account: 'Work', Server: 'smtp.example.com', Protocol: SMTP, Server Response: '554 5.7.1 <bob@example.org>: Relay access denied', Port: 25, Secure(SSL): No, Server Error: 554, Error Number: 0x800CCC79",
            address: "bob@example.org", status: "5.7.1", replyCode: "554", reason: "norelaying"),
        PastedSample(
            name: "Microsoft 365 NDR lines",
            text: """
                Delivery has failed to these recipients or groups:

                bob@example.org
                The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message.

                Diagnostic information for administrators:

                Generating server: AM0PR01MB1234.eurprd01.prod.exchangelabs.com

                bob@example.org
                Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
                """,
            address: "bob@example.org", status: "5.1.10", replyCode: "550", reason: "userunknown"),
        PastedSample(
            name: "Spamhaus listing",
            text: "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org",
            address: "", status: "5.7.1", replyCode: "554", reason: "blocked"),
        PastedSample(
            name: "Gmail over quota",
            text:
                "552 5.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm",
            address: "", status: "5.2.2", replyCode: "552", reason: "mailboxfull"),
        PastedSample(
            name: "Exim log line",
            text:
                "2026-11-29 05:00:00 1abcDE-000123-AB ** bob@example.org R=dnslookup T=remote_smtp H=mx.example.org [203.0.113.5]: SMTP error from remote mail server after RCPT TO:<bob@example.org>: 550 5.1.1 No such user",
            address: "bob@example.org", status: "5.1.1", replyCode: "550", reason: "userunknown"),
        PastedSample(
            name: "Postfix DNS failure",
            text:
                "Host or domain name not found. Name service error for name=nosuchdomain.example type=MX: Host not found",
            address: "", reason: "hostunknown"),
        PastedSample(
            name: "Yahoo deferral",
            text:
                "421 4.7.0 [TSS04] Messages from 192.0.2.4 temporarily deferred due to unexpected volume or user complaints",
            address: "", status: "4.7.0", replyCode: "421", reason: "badreputation"),
        PastedSample(
            name: "quoted reply with CRLF", text: "> 550 5.1.1 User unknown\r\n> <bob@example.org>\r\n",
            address: "bob@example.org", status: "5.1.1", replyCode: "550", reason: "userunknown"),
        PastedSample(
            name: "Exchange status name is not the remote server",
            text: """
                Delivery has failed to these recipients or groups:
                jane.doe@example.com
                The email address you entered couldn't be found.
                Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
                """,
            address: "jane.doe@example.com", status: "5.1.1", remoteMTA: ""),
        // Only a recipient's delivery-status fields, copied from a bounce: read as a DSN (its fields are
        // no message headers), with the Diagnostic-Code as the diagnostic.
        PastedSample(
            name: "pasted recipient fields",
            text: SampleMessages.failedRecipient(
                "bob@example.com", remoteMTA: "mx.example.com",
                diagnostic: "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"),
            address: "bob@example.com", status: "5.1.1", reason: "userunknown", remoteMTA: "mx.example.com",
            diagnostic: "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"),
    ]

    @Test(arguments: cases)
    func fragment(_ sample: PastedSample) {
        let report = BounceParser.parse(text: sample.text)
        #expect(report.isBounce)
        sample.check(report)
    }

    @Test func continuationLinesJoinIntoOneDiagnostic() {
        let report = BounceParser.parse(text: Self.cases[1].text)
        let diagnostic = report.recipients.first?.diagnostic ?? ""
        #expect(diagnostic.contains("sender and Gmail users"))
        #expect(!diagnostic.contains("550-5.7.26"))
        #expect(report.recipients.count == 1)
    }

    @Test(arguments: ["hello, how are you? lunch tomorrow?", "Meeting at 5.30 in room 550", "", "\n\n\n"])
    func ordinaryTextIsNotABounce(text: String) {
        let report = BounceParser.parse(text: text)
        #expect(!report.isBounce)
        #expect(report.recipients.isEmpty)
    }

    @Test func logLineFields() {
        let line = LogLine.parse(Self.cases[2].text)
        #expect(line != nil)
    }
}
