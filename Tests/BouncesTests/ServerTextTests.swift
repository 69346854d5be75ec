import Testing

@testable import Bounces

/// "Server said" quotes the server's diagnostic: never the sentences the person wrote after it, and not a
/// bare status code when a pasted report carries the server's words in its Diagnostic-Code field.
@Suite("Server text")
struct ServerTextTests {
    static func serverText(_ text: String) -> String {
        BounceParser.parse(text: text).mostImportantRecipient()?.serverText ?? ""
    }

    @Test(arguments: [
        (
            "outlook keeps saying 535 5.7.8 authentication failed. it worked fine yesterday!!",
            "535 5.7.8 authentication failed."
        ),
        (
            "thunderbird: 550 5.1.1 Recipient address rejected: User unknown. I checked it twice",
            "550 5.1.1 Recipient address rejected: User unknown."
        ),
        ("ça me dit 552 5.2.2 Mailbox full. Je ne comprends pas", "552 5.2.2 Mailbox full."),
        ("bekomme 554 5.7.1 Message rejected. Wir haben nichts geändert!", "554 5.7.1 Message rejected."),
        ("outlook: \"553 5.7.1 Sender address rejected\" cada vez que envío", "553 5.7.1 Sender address rejected"),
        (
            "il dit \"421 4.7.0 Try again later, closing connection.\" Ça veut dire quoi ?",
            "421 4.7.0 Try again later, closing connection."
        ),
    ])
    func thePersonsSentencesAfterTheReplyAreNotTheServers(text: String, expected: String) {
        #expect(Self.serverText(text) == expected)
    }

    @Test func theServersOwnSentencesStay() {
        let said = Self.serverText("550 5.7.1 Message rejected. See https://postmaster.example.org/err for details.")
        #expect(said == "550 5.7.1 Message rejected. See https://postmaster.example.org/err for details.")
    }

    @Test func aPastedDiagnosticCodeIsQuotedNotTheStatusField() {
        let said = Self.serverText(
            """
            me rebota esto al enviar a gmail: Reporting-MTA: dns; mo12.mail-out.example.net

            Final-Recipient: rfc822; marta@gmail.com
            Action: failed
            Status: 5.7.26
            Diagnostic-Code: smtp; 550-5.7.26 Unauthenticated email from agencia.example is not accepted due to
             domain's DMARC policy.
            """)
        #expect(
            said.contains("Unauthenticated email from agencia.example is not accepted due to domain's DMARC policy"))
        #expect(said != "5.7.26")
    }

    @Test func aStatusFieldAloneIsStillQuoted() {
        let said = Self.serverText(
            """
            il mio messaggio torna indietro:
            Final-Recipient: rfc822; anna@example.org
            Action: failed
            Status: 5.2.2
            """)
        #expect(said == "5.2.2")
    }
}
