import Foundation
import TestSupport
import Testing

@testable import Bounces

/// Pasted pieces of a bounce: an SMTP reply, NDR lines, a mail client's dialog, an MTA log line.
@Suite("Fragments")
struct FragmentParserTests {
    /// One pasted fragment and what must come out of it ("" = not checked).
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let address: String
        let status: String
        let replyCode: String
        let reason: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "single SMTP reply", text: "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown",
            address: "bob@example.org", status: "5.1.1", replyCode: "550", reason: "userunknown"),
        Case(
            name: "Gmail multi-line 5.7.26",
            text: SampleMessages.gmailUnauthenticated(domain: "example.com"),
            address: "", status: "5.7.26", replyCode: "550", reason: "authfailure"),
        Case(
            name: "Postfix log line",
            text:
                "Nov 29 05:00:01 mx postfix/smtp[1234]: 4ABC123: to=<bob@example.org>, relay=mx.example.org[203.0.113.5]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.1.1, status=bounced (host mx.example.org[203.0.113.5] said: 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command))",
            address: "bob@example.org", status: "5.1.1", replyCode: "550", reason: "userunknown"),
        Case(
            name: "Outlook client dialog",
            text:
                "The message could not be sent because one of the recipients was rejected by the server. The rejected e-mail address was 'bob@example.org'. Subject 'Hi', Account: 'Work', Server: 'smtp.example.com', Protocol: SMTP, Server Response: '554 5.7.1 <bob@example.org>: Relay access denied', Port: 25, Secure(SSL): No, Server Error: 554, Error Number: 0x800CCC79",
            address: "bob@example.org", status: "5.7.1", replyCode: "554", reason: "norelaying"),
        Case(
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
        Case(
            name: "Spamhaus listing",
            text: "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org",
            address: "", status: "5.7.1", replyCode: "554", reason: "blocked"),
        Case(
            name: "Gmail over quota",
            text:
                "552 5.2.2 The email account that you tried to reach is over quota. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaPerm",
            address: "", status: "5.2.2", replyCode: "552", reason: "mailboxfull"),
        Case(
            name: "Exim log line",
            text:
                "2026-11-29 05:00:00 1abcDE-000123-AB ** bob@example.org R=dnslookup T=remote_smtp H=mx.example.org [203.0.113.5]: SMTP error from remote mail server after RCPT TO:<bob@example.org>: 550 5.1.1 No such user",
            address: "bob@example.org", status: "5.1.1", replyCode: "550", reason: "userunknown"),
        Case(
            name: "Postfix DNS failure",
            text:
                "Host or domain name not found. Name service error for name=nosuchdomain.example type=MX: Host not found",
            address: "", status: "", replyCode: "", reason: "hostunknown"),
        Case(
            name: "Yahoo deferral",
            text:
                "421 4.7.0 [TSS04] Messages from 192.0.2.4 temporarily deferred due to unexpected volume or user complaints",
            address: "", status: "4.7.0", replyCode: "421", reason: "badreputation"),
        Case(
            name: "quoted reply with CRLF", text: "> 550 5.1.1 User unknown\r\n> <bob@example.org>\r\n",
            address: "bob@example.org", status: "5.1.1", replyCode: "550", reason: "userunknown"),
    ]

    @Test(arguments: cases)
    func fragment(_ expected: Case) {
        let report = BounceParser.parse(text: expected.text)
        #expect(report.isBounce)
        #expect(report.kind == .fragment)
        let recipient = report.recipients.first
        #expect(recipient?.address == expected.address)
        if !expected.status.isEmpty { #expect(recipient?.status == expected.status) }
        if !expected.replyCode.isEmpty { #expect(recipient?.replyCode == expected.replyCode) }
        #expect(recipient?.reason == expected.reason)
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

    /// Only a recipient's delivery-status fields, copied from a bounce: read as a DSN (its fields are
    /// no message headers), with the Diagnostic-Code as the diagnostic.
    @Test func exchangeStatusNameIsNotTheRemoteServer() {
        let report = BounceParser.parse(
            text: """
                Delivery has failed to these recipients or groups:
                jane.doe@example.com
                The email address you entered couldn't be found.
                Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'
                """)
        let recipient = report.recipients.first
        #expect(recipient?.address == "jane.doe@example.com")
        #expect(recipient?.status == "5.1.1")
        #expect(recipient?.remoteMTA == "")
    }

    @Test func pastedRecipientFieldsAreADeliveryStatus() {
        let text = """
            Final-Recipient: rfc822; bob@example.com
            Action: failed
            Status: 5.1.1
            Remote-MTA: dns; mx.example.com
            Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown
            """
        let report = BounceParser.parse(text: text)
        #expect(report.isBounce)
        #expect(report.kind == .fragment)
        let recipient = report.recipients.first
        #expect(recipient?.address == "bob@example.com")
        #expect(recipient?.status == "5.1.1")
        #expect(recipient?.reason == "userunknown")
        #expect(recipient?.remoteMTA == "mx.example.com")
        #expect(recipient?.diagnostic == "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown")
    }

    @Test func logLineFields() {
        let line = LogLine.parse(Self.cases[2].text)
        #expect(line != nil)
    }
}
