import Foundation
import TestSupport
import Testing

@testable import Bounces

/// Whole messages: DSN parts, vendor formats, ARF reports, auto-replies, mboxes and returned originals.
@Suite("Messages")
struct MessageAnalyserTests {
    @Test func returnedOriginalHeadersAreNotTheBounces() {
        let text = """
            From: MAILER-DAEMON@mx.example.net
            To: alice@sender.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <bounce-id@mx.example.net>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            This is the mail system at host mx.example.net.

            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; bob@example.org
            Original-Recipient: rfc822;bob@example.org
            Action: failed
            Status: 5.2.2
            Remote-MTA: dns; mx.example.org
            Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

            --b
            Content-Type: text/rfc822-headers

            From: Alice <alice@sender.example>
            To: bob@example.org
            Subject: =?UTF-8?B?UmVwb3J0IGbDvHIgQm9i?=
            Message-ID: <original-id@sender.example>

            --b--
            """
        let report = BounceParser.parse(text: text)
        #expect(report.kind == .dsn)
        #expect(report.isBounce)
        #expect(report.reportingMTA == "mx.example.net")
        #expect(report.originalMessageID == "original-id@sender.example")
        #expect(report.originalSubject == "Report für Bob")
        let recipient = report.recipients.first
        #expect(recipient?.address == "bob@example.org")
        #expect(recipient?.action == "failed")
        #expect(recipient?.status == "5.2.2")
        #expect(recipient?.replyCode == "552")
        #expect(recipient?.reason == "mailboxfull")
        #expect(recipient?.remoteMTA == "mx.example.org")
        #expect(recipient?.hardBounce == false)
    }

    @Test func eximWithFailedRecipientsHeader() {
        let text = """
            From: Mail Delivery System <Mailer-Daemon@mx.example.net>
            To: alice@sender.example
            Subject: Mail delivery failed: returning message to sender
            X-Failed-Recipients: bob@example.org
            Auto-Submitted: auto-replied

            This message was created automatically by mail delivery software.

            A message that you sent could not be delivered to one or more of its
            recipients. This is a permanent error. The following address(es) failed:

              bob@example.org
                host mx.example.org [203.0.113.5]
                SMTP error from remote mail server after RCPT TO:<bob@example.org>:
                550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table

            ------ This is a copy of the message, including all the headers. ------

            From: alice@sender.example
            To: bob@example.org
            Subject: hello

            hi
            """
        let report = BounceParser.parse(text: text)
        #expect(report.isBounce)
        #expect(report.kind == .vendor)
        #expect(report.recipients.first?.address == "bob@example.org")
        #expect(report.recipients.first?.reason == "userunknown")
        #expect(report.recipients.first?.replyCode == "550")
        #expect(report.recipients.first?.command == "RCPT")
        #expect(report.originalSubject == "hello")
    }

    @Test func qmailFormat() {
        let text = """
            From: MAILER-DAEMON@mx.example.net
            To: alice@sender.example
            Subject: failure notice

            Hi. This is the qmail-send program at mx.example.net.
            I'm afraid I wasn't able to deliver your message to the following addresses.
            This is a permanent error; I've given up. Sorry it didn't work out.

            <bob@example.org>:
            203.0.113.5 does not like recipient.
            Remote host said: 550 5.1.1 <bob@example.org>... User Unknown
            Giving up on 203.0.113.5.

            --- Below this line is a copy of the message.

            Subject: hello
            """
        let report = BounceParser.parse(text: text)
        #expect(report.isBounce)
        #expect(report.recipients.first?.address == "bob@example.org")
        #expect(report.recipients.first?.reason == "userunknown")
        #expect(report.recipients.first?.status == "5.1.1")
    }

    @Test func feedbackReportIsRecognisedNotABounce() {
        let original = """
            From: alice@sender.example
            To: bob@example.org
            Subject: Buy now
            Message-ID: <spam-1@sender.example>

            Buy now!
            """
        let fields = SampleMessages.abuseReportFields([
            "Original-Mail-From: <alice@sender.example>", "Original-Rcpt-To: <bob@example.org>",
            "Source-IP: 192.0.2.1",
        ])
        let text = SampleMessages.report(
            "feedback-report",
            headers: [
                "From: feedback@mail.example.net", "To: abuse@sender.example", "Subject: FW: Spam", "MIME-Version: 1.0",
            ],
            boundary: "arf",
            parts: [
                .init("text/plain", "This is an email abuse report.\n"), .init("message/feedback-report", fields),
                .init("message/rfc822", original),
            ])
        let report = BounceParser.parse(text: text)
        #expect(report.kind == .feedback)
        #expect(!report.isBounce)
        #expect(report.recipients.first?.feedbackType == "abuse")
        #expect(report.recipients.first?.reason == "feedback")
        #expect(report.originalSubject == "Buy now")
        #expect(report.advice().summary.contains("complaint"))
    }

    @Test func autoReplyIsRecognisedNotABounce() {
        let text = """
            From: Bob <bob@example.org>
            To: alice@sender.example
            Subject: Out of Office: hello
            Auto-Submitted: auto-replied
            X-Autoreply: yes

            I am out of the office until Monday with limited access to email.
            """
        let report = BounceParser.parse(text: text)
        #expect(report.kind == .autoReply)
        #expect(!report.isBounce)
        #expect(report.recipients.first?.reason == "vacation")
    }

    @Test func ordinaryMessageIsNotABounce() {
        let text = """
            From: Bob <bob@example.org>
            To: alice@sender.example
            Subject: lunch

            Shall we meet at 12:30? The 550 bus stops right outside.
            """
        let report = BounceParser.parse(text: text)
        #expect(report.kind == .notBounce)
        #expect(!report.isBounce)
        #expect(report.recipients.isEmpty)
    }

    @Test func mboxWithTwoBouncesMergesRecipients() {
        let one = """
            From MAILER-DAEMON Sun Nov 29 05:00:00 2026
            From: MAILER-DAEMON@mx.example.net
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/report; report-type=delivery-status; boundary="x"

            --x
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; first@example.org
            Action: failed
            Status: 5.1.1

            --x--

            """
        let two = one.replacingOccurrences(of: "first@example.org", with: "second@example.org")
            .replacingOccurrences(of: "Status: 5.1.1", with: "Status: 5.2.2")
        let report = BounceParser.parse(text: one + two)
        #expect(report.isBounce)
        #expect(report.recipients.map(\.address) == ["first@example.org", "second@example.org"])
        #expect(report.recipients.map(\.reason) == ["userunknown", "mailboxfull"])
    }

    @Test func japaneseBounceInISO2022JP() {
        var bytes = Array(
            """
            From: MAILER-DAEMON@mx.example.jp
            To: alice@sender.example
            Subject: =?ISO-2022-JP?B?GyRCTCRBdz8uGyhC?=
            Content-Type: text/plain; charset=ISO-2022-JP

            <bob@example.jp>:
            550 5.1.1 <bob@example.jp>: Recipient address rejected: User unknown

            """.utf8)
        bytes += [0x1B, 0x24, 0x42, 0x45, 0x45, 0x3B, 0x52, 0x25, 0x61, 0x21, 0x3C, 0x25, 0x6B, 0x1B, 0x28, 0x42, 0x0A]
        let report = BounceParser.parse(bytes)
        #expect(report.isBounce)
        #expect(report.recipients.first?.address == "bob@example.jp")
        #expect(report.recipients.first?.reason == "userunknown")
    }

    @Test func quotedPrintableDSNPart() {
        let text = """
            From: postmaster@mx.example.net
            Subject: Delivery Status Notification (Failure)
            Content-Type: multipart/report; report-type=delivery-status; boundary="q"

            --q
            Content-Type: message/delivery-status
            Content-Transfer-Encoding: quoted-printable

            Reporting-MTA: dns; mx.example.net

            Final-Recipient: rfc822; bob@example.org
            Action: failed
            Status: 5.7.1
            Diagnostic-Code: smtp; 550 5.7.1 Message rejected due to content restr=
            ictions: spam detected

            --q--
            """
        let report = BounceParser.parse(text: text)
        #expect(report.isBounce)
        #expect(report.recipients.first?.diagnostic.contains("restrictions") == true)
        #expect(report.recipients.first?.reason == "spamdetected")
    }

    @Test func base64BodyIsDecoded() {
        let body = "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown\n"
        let encoded = Data(body.utf8).base64EncodedString()
        let text = """
            From: MAILER-DAEMON@mx.example.net
            Subject: Undeliverable: hello
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: base64

            \(encoded)
            """
        let report = BounceParser.parse(text: text)
        #expect(report.isBounce)
        #expect(report.recipients.first?.status == "5.1.1")
    }
}
