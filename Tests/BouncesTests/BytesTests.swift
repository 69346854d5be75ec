import Foundation
import Testing

@testable import Bounces

/// Bounce byte-level readers: binary detection, addresses and host names (the byte helpers are tested in ByteTextTests).
@Suite("Bytes")
struct BytesTests {
    @Test func binaryDetection() {
        #expect(!BinaryCheck.looksBinary(Array("Subject: hi\r\n\r\nhello\tworld\u{1B}$B\n".utf8)))
        #expect(BinaryCheck.looksBinary([UInt8](repeating: 0, count: 100)))
        #expect(BinaryCheck.looksBinary((0..<4096).map { UInt8($0 % 32) }))
        #expect(!BinaryCheck.looksBinary(Array(String(repeating: "é", count: 5000).utf8)))
    }

    @Test(arguments: [
        ("Bob <bob@example.org>", "bob@example.org"),
        ("rfc822; bob@example.org", "bob@example.org"),
        ("RFC822;<bob@example.org>", "bob@example.org"),
        ("\"Bob Smith\" <bob@example.org>", "bob@example.org"),
        ("\"bob\"@example.org", "bob@example.org"),
        ("\"neko....nyaan\"@example.org", "\"neko....nyaan\"@example.org"),
        ("mailto:bob@example.org,", "bob@example.org"),
        ("bob@example.org", "bob@example.org"),
    ])
    func addressesClean(raw: String, expected: String) {
        #expect(AddressText.clean(raw) == expected)
    }

    @Test func addressValidity() {
        #expect(AddressText.isEmailAddress("bob@example.org"))
        #expect(AddressText.isEmailAddress("postmaster@[192.0.2.1]"))
        #expect(!AddressText.isEmailAddress("bob@localhost"))
        #expect(!AddressText.isEmailAddress("not an address"))
        #expect(AddressText.first(in: "Your message to bob@example.org. has bounced") == "bob@example.org")
        #expect(AddressText.domain(of: "Bob@Example.ORG") == "example.org")
    }

    @Test func hostNames() {
        #expect(HostText.isHostName("mx.example.org"))
        #expect(HostText.isHostName("mx.example.org."))
        #expect(!HostText.isHostName("192.0.2.1"))
        #expect(!HostText.isHostName("bob@example.org"))
        #expect(!HostText.isHostName("localhost"))
        // Dotted status names end in camel case; host names, whatever their case, do not.
        #expect(HostText.endsInCamelCase("RESOLVER.ADR.RecipNotFound"))
        #expect(HostText.endsInCamelCase("STOREDRV.Submission.Exception:SendAsDenied"))
        #expect(!HostText.endsInCamelCase("MX1.EXAMPLE.COM"))
        #expect(!HostText.endsInCamelCase("Mail.Example.Com"))
        #expect(!HostText.endsInCamelCase("mx.example.org"))
        #expect(HostText.remoteHost(in: "host mx.example.org[192.0.2.1] said: 550") == "mx.example.org")
    }

}
