import Testing

@testable import Probes

@Suite struct SMTPReplyTests {
    @Test func parsesReplyLines() throws {
        let last = try #require(SMTPReplyLine(Array("250 OK".utf8)))
        #expect(last.code == 250 && last.isLast && last.text == "OK")
        let more = try #require(SMTPReplyLine(Array("250-PIPELINING".utf8)))
        #expect(more.code == 250 && !more.isLast && more.text == "PIPELINING")
        let bare = try #require(SMTPReplyLine(Array("354".utf8)))
        #expect(bare.code == 354 && bare.isLast)
        let escaped = try #require(SMTPReplyLine(Array("220 hi\u{1B}[2J".utf8)))
        #expect(escaped.text == "hi\\x1b[2J")
    }

    @Test(arguments: ["HTTP/1.1 400 Bad Request", "SSH-2.0-OpenSSH", "25", "220x", "620 nope", "abc def", ""])
    func refusesNonReplies(_ text: String) {
        #expect(SMTPReplyLine(Array(text.utf8)) == nil)
    }

    @Test func readsCapabilities() {
        let reply = SMTPReply(
            code: 250,
            lines: [
                "mail.test", "PIPELINING", "SIZE 10240000", "AUTH PLAIN LOGIN", "AUTH=CRAM-MD5 PLAIN", "8BITMIME",
                "starttls", "SMTPUTF8", "CHUNKING", "ENHANCEDSTATUSCODES",
            ])
        let capabilities = SMTPCapabilities(reply: reply)
        #expect(capabilities.has("STARTTLS"))
        #expect(capabilities.has("size"))
        #expect(capabilities.sizeLimit == 10_240_000)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN", "CRAM-MD5"])
        #expect(capabilities.notablePresent == SMTPCapabilities.notable)
        #expect(!capabilities.has("DSN"))
        #expect(!capabilities.has("MAIL.TEST"))
    }

    @Test func readsAServerHello() throws {
        // A TLS 1.3 ServerHello: legacy version 0x0303, 32-byte random, 32-byte session id,
        // TLS_AES_256_GCM_SHA384, null compression, supported_versions = 0x0304 and a key share.
        var body: [UInt8] = [0x03, 0x03] + [UInt8](repeating: 7, count: 32) + [32] + [UInt8](repeating: 1, count: 32)
        body += [0x13, 0x02, 0x00]
        let extensions: [UInt8] = [0x00, 0x2B, 0x00, 0x02, 0x03, 0x04, 0x00, 0x33, 0x00, 0x02, 0xAA, 0xBB]
        body += [0x00, UInt8(extensions.count)] + extensions
        let handshake: [UInt8] = [0x02, 0x00, 0x00, UInt8(body.count)] + body
        let hello = try #require(ServerHello(handshake: handshake))
        #expect(hello.cipherSuite == 0x1302)
        #expect(hello.version == 0x0304)
        #expect(CipherSuiteNames.name(hello.cipherSuite) == "TLS_AES_256_GCM_SHA384")
        #expect(CipherSuiteNames.versionName(hello.version) == "TLSv1.3")
        #expect(ServerHello(handshake: Array(handshake.prefix(20))) == nil)
        #expect(CipherSuiteNames.name(0xABCD) == "0xABCD")
    }

    @Test func matchesCertificateNames() {
        #expect(CertificateInspector.matches(pattern: "mail.test", host: "mail.test"))
        #expect(CertificateInspector.matches(pattern: "MAIL.TEST.", host: "mail.test"))
        #expect(CertificateInspector.matches(pattern: "*.example.com", host: "mx1.example.com"))
        #expect(!CertificateInspector.matches(pattern: "*.example.com", host: "a.b.example.com"))
        #expect(!CertificateInspector.matches(pattern: "*.example.com", host: "example.com"))
        #expect(!CertificateInspector.matches(pattern: "*.com", host: "example.com"))
        #expect(!CertificateInspector.matches(pattern: "mail.test", host: "other.test"))
    }

    @Test func formatsUTCDates() {
        #expect(UTCDate.day(0) == "1970-01-01")
        #expect(UTCDate.day(1_709_251_200) == "2024-03-01")
        #expect(UTCDate.timestamp(951_782_400 + 3661) == "2000-02-29T01:01:01Z")
        #expect(UTCDate.day(-86_400) == "1969-12-31")
    }
}
