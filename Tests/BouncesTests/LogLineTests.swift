import Foundation
import Testing

@testable import Bounces

/// Mail server log lines pasted as they are, read as delivery reports.
///
/// The samples follow lines pasted in public threads (names and addresses replaced):
/// - Postfix: sisimai/rb-sisimai issue #77 (outlook.com relay, `dsn=5.4.1, status=bounced`),
///   knadh/listmonk issue #2623 (`dsn=5.1.1, status=bounced … said: 550-5.1.1 The email account …`).
/// - Exim: hestiacp/hestiacp issue #3381 (`== … R=dnslookup T=remote_smtp defer (113): No route to host
///   H=… [ip]: …`), tianon/dockerfiles issue #96 (`H=… [ip]: SMTP error from remote mail server after
///   RCPT TO:<…>: 451 …`).
/// - Sendmail: lists.centos.org/pipermail/centos/2008-December/069432.html (`mailer=esmtp, pri=41874,
///   relay=mail.example.com., dsn=4.0.0, stat=Deferred`), "Sendmail, 3rd Edition", `stat=` (`stat=Sent (…)`,
///   `stat=User unknown`).
/// - Exchange: the field names of `Get-MessageTrackingLog` ("Search message tracking logs", Exchange
///   docs) and the message tracking log's CSV columns; `RecipientStatus {[{LRT=};{LED=…}]}`.
@Suite("Log lines")
struct LogLineTests {
    /// Pasted log texts and what must come out for their first failing recipient.
    static let cases: [PastedSample] = [
        // Postfix
        PastedSample(
            name: "Postfix deferred 4.7.4",
            text:
                "Dec  6 10:12:01 mail postfix/smtp[12345]: 4F2A1C0123: to=<bob@client-corp.example>, relay=mx.client-corp.example[203.0.113.9]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.4, status=deferred (host mx.client-corp.example[203.0.113.9] said: 450 4.7.4 Client host rejected: cannot find your reverse hostname, [198.51.100.23] (in reply to RCPT TO command))",
            recipients: ["bob@client-corp.example"], action: "delayed", status: "4.7.4", replyCode: "450",
            reason: "requireptr", remoteServer: "mx.client-corp.example", remoteIP: "203.0.113.9",
            serverText: "450 4.7.4 Client host rejected: cannot find your reverse hostname, [198.51.100.23]",
            reportingServer: "mail"),
        PastedSample(
            name: "Postfix bounced at Outlook",
            text:
                "Aug 12 21:56:59 7018869c144e postfix/smtp[592]: F180CB7A: to=<ana@contoso.example>, relay=contoso-example.mail.protection.outlook.com[207.46.163.74]:25, delay=5.5, delays=0.09/0/0.43/5, dsn=5.4.1, status=bounced (host contoso-example.mail.protection.outlook.com[207.46.163.74] said: 550 5.4.1 [ana@contoso.example]: Recipient address rejected: Access denied [BL2NAM02FT061.eop-nam02.prod.protection.outlook.com] (in reply to RCPT TO command))",
            recipients: ["ana@contoso.example"], action: "failed", status: "5.4.1", replyCode: "550",
            remoteServer: "contoso-example.mail.protection.outlook.com", remoteIP: "207.46.163.74"),
        PastedSample(
            name: "Postfix IPv6 relay, Gmail multi-line reply",
            text:
                "2026-12-06T08:01:02.345678+01:00 smtp1 postfix/smtp[20211]: 9C1E21A0: to=<nobody@gmail.com>, relay=gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a]:25, delay=0.9, delays=0.01/0/0.3/0.6, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.com[2a00:1450:400c:c0b::1a] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp (in reply to RCPT TO command))",
            recipients: ["nobody@gmail.com"], action: "failed", status: "5.1.1", replyCode: "550",
            reason: "userunknown",
            remoteServer: "gmail-smtp-in.l.google.com", remoteIP: "2a00:1450:400c:c0b::1a", reportingServer: "smtp1"),
        PastedSample(
            name: "Postfix connection timed out, no relay",
            text:
                "Nov 29 05:00:01 mx postfix/smtp[1234]: 4ABC123: to=<bob@example.org>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.44]:25: Connection timed out)",
            recipients: ["bob@example.org"], action: "delayed", status: "4.4.1", replyCode: "",
            remoteServer: "mx.example.org", remoteIP: "192.0.2.44"),
        // Exim
        PastedSample(
            name: "Exim bounce after RCPT TO",
            text:
                "2026-12-06 09:15:22 1sXyZa-000Abc-7Q ** bob@client-corp.example R=dnslookup T=remote_smtp H=mx1.client-corp.example [203.0.113.25]: SMTP error from remote mail server after RCPT TO:<bob@client-corp.example>: 550 5.1.1 <bob@client-corp.example>: Recipient address rejected: User unknown in virtual mailbox table",
            recipients: ["bob@client-corp.example"], action: "failed", status: "5.1.1", replyCode: "550",
            reason: "userunknown", remoteServer: "mx1.client-corp.example", remoteIP: "203.0.113.25",
            serverText:
                "550 5.1.1 <bob@client-corp.example>: Recipient address rejected: User unknown in virtual mailbox table"
        ),
        PastedSample(
            name: "Exim defer, no route to host",
            text:
                "2023-03-24 10:02:24 1pfdJV-004eVE-9X == zeus@team.example R=dnslookup T=remote_smtp defer (113): No route to host H=mail.team.example [198.51.100.93]: mail.team.example [198.51.100.93]",
            recipients: ["zeus@team.example"], action: "delayed", replyCode: "", remoteServer: "mail.team.example",
            remoteIP: "198.51.100.93"),
        PastedSample(
            name: "Exim temporary 451 at Mimecast, IPv6",
            text:
                "2020-10-01 13:57:11 1kO2Xx-0000AB-Cd == user@redhat.example R=dnslookup T=remote_smtp defer (-44) H=us-smtp-inbound-1.mimecast.com [2001:db8:25::42]: SMTP error from remote mail server after RCPT TO:<user@redhat.example>: 451 Internal resource temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451",
            recipients: ["user@redhat.example"], action: "delayed", replyCode: "451",
            remoteServer: "us-smtp-inbound-1.mimecast.com", remoteIP: "2001:db8:25::42"),
        // Sendmail
        PastedSample(
            name: "Sendmail deferred without a reason",
            text:
                "exmx1 : Dec 14 05:28:39 exmx1 sendmail[31574]: mBDIYhEa031574: to=<customer@example.com>, delay=00:00:00, xdelay=00:00:00, mailer=esmtp, pri=41874, relay=mail.example.com., dsn=4.0.0, stat=Deferred",
            recipients: ["customer@example.com"], action: "delayed", status: "4.0.0", replyCode: "",
            remoteServer: "mail.example.com", remoteIP: "", reportingServer: "exmx1"),
        PastedSample(
            name: "Sendmail user unknown, two recipients, bracketed IP",
            text:
                "Mar  3 11:20:01 gw sendmail[4242]: r23BK0xx004242: to=<ann@example.net>,<ben@example.net>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=120455, relay=mx.example.net. [192.0.2.77], dsn=5.1.1, stat=User unknown",
            recipients: ["ann@example.net", "ben@example.net"], action: "failed", status: "5.1.1", replyCode: "",
            reason: "userunknown", remoteServer: "mx.example.net", remoteIP: "192.0.2.77"),
        PastedSample(
            name: "Sendmail deferred with the server's reply",
            text:
                "Jun  1 07:00:00 relay sendmail[777]: u51703xx000777: to=bob@example.org, delay=00:00:05, xdelay=00:00:05, mailer=esmtp, pri=30300, relay=[192.0.2.8], dsn=4.7.1, stat=Deferred: 451 4.7.1 Greylisted, please try again later",
            recipients: ["bob@example.org"], action: "delayed", status: "4.7.1", replyCode: "451", remoteServer: "",
            remoteIP: "192.0.2.8", serverText: "451 4.7.1 Greylisted, please try again later"),
        // Exchange
        PastedSample(
            name: "Exchange Get-MessageTrackingLog list",
            text: """
                Timestamp               : 12/6/2026 9:41:07 AM
                ClientIp                :
                ClientHostname          : EXCH01
                ServerIp                :
                ServerHostname          : EXCH01
                EventId                 : FAIL
                Source                  : SMTP
                Sender                  : alice@contoso.example
                Recipients              : {nobody@fabrikam.example}
                RecipientStatus         : {[{LRT=12/6/2026 9:41:06 AM};{LED=550 5.1.1 RESOLVER.ADR.RecipNotFound; not found};{FQDN=mx.fabrikam.example};{IP=203.0.113.80}]}
                MessageSubject          : Quarterly report
                """,
            recipients: ["nobody@fabrikam.example"], action: "failed", status: "5.1.1", replyCode: "550",
            reason: "userunknown", remoteServer: "mx.fabrikam.example", remoteIP: "203.0.113.80",
            serverText: "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", reportingServer: "exch01"),
        PastedSample(
            name: "Exchange table row",
            text:
                "FAIL      SMTP      alice@contoso.example     {nobody@fabrikam.example, carol@fabrikam.example} {550 5.1.1 RESOLVER.ADR.RecipNotFound; not found}",
            recipients: ["nobody@fabrikam.example", "carol@fabrikam.example"], action: "failed", status: "5.1.1",
            replyCode: "550", reason: "userunknown", remoteServer: "", remoteIP: ""),
        PastedSample(
            name: "Exchange tracking log CSV row",
            text:
                "2026-12-06T09:41:07.123Z,,,,EXCH01,,,SMTP,FAIL,123456789,<0a1b2c@contoso.example>,5c9e0d2e-1111-2222-3333-444455556666,nobody@fabrikam.example,550 5.1.1 RESOLVER.ADR.RecipNotFound; not found,10240,1,,,Quarterly report,alice@contoso.example,alice@contoso.example,",
            recipients: ["nobody@fabrikam.example"], action: "failed", status: "5.1.1", replyCode: "550",
            reason: "userunknown", remoteServer: "", remoteIP: "", reportingServer: "exch01"),
    ]

    @Test(arguments: cases)
    func readsLogLine(_ sample: PastedSample) {
        let report = BounceParser.parse(text: sample.text)
        sample.check(report)
        if let first = report.recipients.first { #expect(first.blockedIP.isEmpty) }
    }

    @Test func logLineInsideAComplaint() {
        let text = """
            Hi, since yesterday my mails to a client don't arrive. My server log shows this:
            Dec  6 10:12:01 mail postfix/smtp[12345]: 4F2A1C0123: to=<bob@client-corp.example>, relay=mx.client-corp.example[203.0.113.9]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.7.1, status=bounced (host mx.client-corp.example[203.0.113.9] said: 554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org (in reply to RCPT TO command))
            What should I do? My domain is mydomain.example, thanks 550 times!
            """
        let report = BounceParser.parse(text: text)
        #expect(report.isBounce)
        #expect(report.recipients.count == 1)
        let recipient = report.recipients[0]
        #expect(recipient.address == "bob@client-corp.example")
        #expect(recipient.action == "failed")
        #expect(recipient.status == "5.7.1")
        #expect(recipient.replyCode == "554")
        #expect(recipient.reason == "blocked")
        #expect(recipient.remoteServer == "mx.client-corp.example")
        #expect(recipient.blockedIP == "198.51.100.23")
        #expect(
            recipient.serverText
                == "554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org")
        #expect(!recipient.serverText.contains("What should I do"))
    }

    @Test func severalPostfixLinesAndTheSender() {
        let text = """
            Dec  6 10:12:00 mail postfix/qmgr[900]: 4F2A1C0123: from=<alice@mydomain.example>, size=2048, nrcpt=2 (queue active)
            Dec  6 10:12:01 mail postfix/smtp[12345]: 4F2A1C0123: to=<bob@one.example>, relay=mx.one.example[192.0.2.10]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.7.26, status=bounced (host mx.one.example[192.0.2.10] said: 550 5.7.26 Unauthenticated email from mydomain.example is not accepted due to domain's DMARC policy (in reply to end of DATA command))
            Dec  6 10:12:02 mail postfix/smtp[12346]: 4F2A1C0123: to=<carol@two.example>, relay=mx.two.example[192.0.2.20]:25, delay=2, delays=0/0/1/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1234)
            """
        let report = BounceParser.parse(text: text)
        #expect(report.isBounce)
        #expect(report.recipients.map(\.address) == ["bob@one.example", "carol@two.example"])
        #expect(report.recipients[0].sendingDomain == "mydomain.example")
        #expect(report.recipients[0].action == "failed")
        #expect(report.recipients[0].command == "DATA")
        #expect(report.recipients[1].action == "delivered")
        #expect(report.recipients[1].remoteServer == "mx.two.example")
        #expect(report.mostImportantRecipient()?.address == "bob@one.example")
    }

    @Test func notALogLine() {
        #expect(LogLine.parse("My status= is fine, to= whom it may concern") == nil)
        #expect(LogLine.parse("I set relay=smtp.example.com in my config") == nil)
    }
}
