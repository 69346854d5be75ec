import Conversation
import Knowledge
import TestSupport
import Testing

/// The bounce reply shows each fact in its role: the failed recipient, the server that refused, the
/// blocked IP for the blocklist check, the sending domain for the authentication check, the server's
/// own words, and the reason in plain words.
@Suite struct BounceRolesReplyTests {
    let engine = KnowledgeFixture.engine

    func bounceSection(_ message: String) async -> (Session, String) {
        let (session, reply) = await engine.respond(to: message, in: Session(id: "roles"))
        #expect(reply.intent == .bounce)
        return (session, reply.sections.first { $0.title == "What the bounce says" }?.text ?? "")
    }

    @Test func blocklistRejectionNamesTheListedIPNotTheMX() async {
        let (session, text) = await bounceSection(
            """
            This is the mail system at host mail.mydomain.example.

            <bob@client-corp.example>: host mx.client-corp.example[203.0.113.9] said: 554 5.7.1
                Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org (in reply to RCPT TO command)
            """)
        #expect(text.contains("Recipient: bob@client-corp.example — code 554 5.7.1 — the sending server is blocked"))
        #expect(text.contains("Refused by: mx.client-corp.example [203.0.113.9]"))
        #expect(text.contains("Blocked IP: 198.51.100.23"))
        #expect(text.contains("Server said: “554 5.7.1 Service unavailable; Client host [198.51.100.23]"))
        #expect(!text.contains("blocked —"))
        #expect(session.entities.ip == "198.51.100.23")
    }

    @Test func refusedByIsNotTheReportingServer() async {
        let (_, text) = await bounceSection(
            """
            Reporting-MTA: dns; mail.mydomain.example
            Final-Recipient: rfc822; bob@client-corp.example
            Action: failed
            Status: 5.2.2
            Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
            """)
        #expect(!text.contains("Refused by: mail.mydomain.example"))
        #expect(text.contains("the mailbox is full"))
        #expect(!text.contains("mailboxfull"))
    }

    @Test func logLineInAComplaintIsReadAsTheBounce() async {
        let (session, text) = await bounceSection(
            """
            My server keeps retrying this one, what's wrong?
            Dec  6 10:12:01 mail postfix/smtp[12345]: 4F2A1C0123: to=<bob@client-corp.example>, relay=mx.client-corp.example[203.0.113.9]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.4, status=deferred (host mx.client-corp.example[203.0.113.9] said: 450 4.7.4 Client host rejected: cannot find your reverse hostname, [198.51.100.23] (in reply to RCPT TO command))
            """)
        #expect(text.contains("Recipient: bob@client-corp.example — code 450 4.7.4"))
        #expect(text.contains("Refused by: mx.client-corp.example [203.0.113.9]"))
        #expect(text.contains("Server said: “450 4.7.4 Client host rejected: cannot find your reverse hostname"))
        #expect(!text.contains("what's wrong"))
        #expect(session.entities.ip == "198.51.100.23")
    }

    @Test func authenticationFailureChecksTheSendingDomain() async {
        let (session, _) = await bounceSection(SampleMessages.gmailUnauthenticated(domain: "mydomain.example"))
        #expect(session.entities.domain == "mydomain.example")
    }
}
