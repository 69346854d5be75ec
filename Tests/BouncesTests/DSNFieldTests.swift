import Testing

@testable import Bounces

/// RFC 3464 field lines, read byte by byte.
@Suite("Delivery-status fields")
struct DSNFieldTests {
    private func field(_ line: String) -> DSNField? { DSNField.parse(Array(line.utf8)) }

    @Test func typedFieldsSplitTheirType() {
        let recipient = field("Final-Recipient: rfc822;  <Bob@Example.com> ")
        #expect(recipient?.name == .finalRecipient)
        #expect(recipient?.type == "RFC822")
        #expect(recipient?.value == "Bob@Example.com")
        // No type: RFC822 is assumed.
        #expect(field("Original-Recipient: carol@example.org")?.type == "RFC822")
        let diagnostic = field("Diagnostic-Code:\tsmtp; 550 5.1.1 <bob@example.com>: user unknown")
        #expect(diagnostic?.type == "SMTP")
        #expect(diagnostic?.value == "550 5.1.1 <bob@example.com>: user unknown")
    }

    @Test func anAddressBeforeTheSemicolonIsAValue() {
        // "bob@example.com; …" is not a type, except as a short diagnostic type.
        let recipient = field("Final-Recipient: bob@example.com; extra")
        #expect(recipient?.type == "RFC822")
        let long = field("Diagnostic-Code: someone@example.com; said no")
        #expect(long?.type == "")
        #expect(long?.value == "someone@example.com; said no")
        let short = field("Diagnostic-Code: x@y.z; said no")
        #expect(short?.type == "X@Y.Z")
        #expect(short?.value == "said no")
        // A head with a space is not a type either.
        #expect(field("Diagnostic-Code: smtp error; 550 no")?.type == "")
    }

    @Test func hostsStatusAndAction() {
        #expect(field("Remote-MTA: dns; [192.0.2.7] (mx.example.com)")?.value == "192.0.2.7")
        #expect(field("Reporting-MTA: dns; mx.example.net")?.type == "DNS")
        let status = field("Status: 5.2.2 (mailbox full)")
        #expect(status?.value == "5.2.2")
        #expect(status?.comment == "mailbox full")
        #expect(field("Action:   Failed (permanent) ")?.value == "failed")
        #expect(field("Action: delayed;")?.value == "delayed")
        #expect(field("Action:    ")?.value == "")
    }

    @Test func otherLinesAreNotFields() {
        #expect(field("Subject: hello") == nil)
        #expect(field("Final recipient: bob@example.com") == nil)
        #expect(field("") == nil)
    }
}
