import Localization
import MailModel
import Testing

@testable import Checks

/// DKIM key records, the DER key size reader, Base64 and pasted signature headers.
@Suite("DKIM parsing")
struct DKIMParsingTests {
    /// A 1024-bit RSA SubjectPublicKeyInfo (generated with openssl for this test).
    static let key1024 =
        "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDNCXo8Cb3ytUx5U6pbdIgqVMlQy8LZpLNa6bSLtiS0YCXlrUTiN9Ph/DvTyj7DtLbTlPtzEDJf7jszdvsDUdVo0h4lJKFDwPGY4rJ/cMsZBLs70zHy5vwDTvSeNCE5/VljY9uHFn2Yy3ypFtYhljvz4+IlaJ3PNCZsmDkQ2LXRVwIDAQAB"

    @Test("RSA key sizes from SubjectPublicKeyInfo")
    func rsaSize() throws {
        let der = try #require(Base64.decode(DKIMParsingTests.key1024))
        let (bits, format) = try RSAPublicKey.modulusBits(der: der)
        #expect(bits == 1024)
        #expect(format == .subjectPublicKeyInfo)
        let record = DKIMKeyRecord("v=DKIM1; k=rsa; p=\(DKIMParsingTests.key1024)")
        #expect(record.key == .rsa(bits: 1024))
        #expect(record.syntaxProblems == [])
    }

    @Test(
        "broken DER is an error, not a crash",
        arguments: [
            [UInt8](), [0x30], [0x30, 0x82, 0xFF, 0xFF], [0x30, 0x03, 0x02, 0x01], [0x04, 0x00],
            [0x30, 0x05, 0x30, 0x03, 0x06, 0x01, 0x2A], [0x30, 0x00, 0x00],
        ])
    func brokenDER(_ bytes: [UInt8]) {
        #expect(throws: RSAPublicKey.DecodeError.self) { try RSAPublicKey.modulusBits(der: bytes) }
    }

    @Test("Base64 with folding; invalid text is rejected")
    func base64() {
        #expect(Base64.decode("aGVs bG8=") == Array("hello".utf8))
        #expect(Base64.decode("aGVsbG8h") == Array("hello!".utf8))
        #expect(Base64.decode("aGk=") == Array("hi".utf8))
        #expect(Base64.decode("a") == nil)
        #expect(Base64.decode("aG=k") == nil)
        #expect(Base64.decode("not*base64") == nil)
    }

    @Test(
        "key record variants",
        arguments: [
            ("v=DKIM1; p=", DKIMKeyRecord.KeyType.revoked),
            ("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", .ed25519),
            ("v=DKIM1; k=ed25519; p=AAAA", .invalid("an Ed25519 key must be 32 bytes, this one has 3")),
            ("v=DKIM1; k=dsa; p=AAAA", .unknown("dsa")),
            ("v=DKIM1; t=y", .invalid("the record has no p= tag with the public key")),
        ])
    func variants(_ text: String, _ key: DKIMKeyRecord.KeyType) {
        #expect(DKIMKeyRecord(text).key == key)
    }

    @Test("flags and syntax problems")
    func flags() {
        let record = DKIMKeyRecord("k=rsa; v=DKIM1; t=s:y; h=sha1; p=\(DKIMParsingTests.key1024)")
        #expect(record.testing)
        #expect(record.hashes == ["sha1"])
        #expect(record.syntaxProblems == ["v=DKIM1 must be the first tag"])
        #expect(DKIMKeyRecord("v=DKIM1; junk; p=").syntaxProblems.count == 1)
        #expect(DKIMKeyRecord.isKeyRecord("v=DKIM1; p="))
        #expect(!DKIMKeyRecord.isKeyRecord("v=spf1 -all"))
    }

    @Test("a folded DKIM-Signature header gives s= and d=")
    func signature() throws {
        let header = """
            DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=Example.COM;
            \ts=sel2024; t=1700000000; h=from:to:subject;
            \tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=abc
            """
        let parsed = try DKIMSignatureHeader.parse(header)
        #expect(parsed.domain == "example.com")
        #expect(parsed.selector == "sel2024")
        #expect(parsed.algorithm == "rsa-sha256")
    }

    @Test(
        "unusable headers get a clear message",
        arguments: [
            "DKIM-Signature: v=1; d=example.com; b=x", "DKIM-Signature: v=1; s=sel; b=x", "s=sel; d=not a domain",
            "s=\(String(repeating: "x", count: 70)); d=example.com",
        ])
    func badSignature(_ header: String) {
        #expect(throws: TargetError.self) { try DKIMSignatureHeader.parse(header) }
    }
}

/// How DNS blocklist answers are read.
@Suite("DNSBLVerdict")
struct DNSBLVerdictTests {
    @Test(
        "Spamhaus return codes",
        arguments: [
            ("127.0.0.2", "SBL", false), ("127.0.0.3", "CSS", false), ("127.0.0.4", "XBL", false),
            ("127.0.0.7", "XBL", false),
            ("127.0.0.9", "DROP", false), ("127.0.0.10", "PBL", true), ("127.0.0.11", "PBL", true),
        ])
    func spamhaus(_ answer: String, _ list: String, _ policy: Bool) {
        guard case .listed(let meaning, let isPolicy) = DNSBLVerdict.interpret(zone: "zen.spamhaus.org", answer: answer)
        else {
            Issue.record("\(answer) not read as a listing")
            return
        }
        #expect(meaning.english.contains(list))
        #expect(isPolicy == policy)
    }

    @Test(
        "error codes are never listings",
        arguments: ["127.255.255.252", "127.255.255.254", "127.255.255.255", "127.0.0.1"])
    func refused(_ answer: String) {
        guard case .refused = DNSBLVerdict.interpret(zone: "zen.spamhaus.org", answer: answer) else {
            Issue.record("\(answer) not read as a refusal")
            return
        }
    }

    @Test("answers outside 127/8 mean a rewriting resolver", arguments: ["198.51.100.7", "10.0.0.1", "not-an-ip"])
    func rewritten(_ answer: String) {
        guard case .rewritten = DNSBLVerdict.interpret(zone: "bl.spamcop.net", answer: answer) else {
            Issue.record("\(answer) not read as rewritten")
            return
        }
    }

    @Test("other lists: any 127.0.0.x listing, with a removal hint per operator")
    func otherLists() {
        #expect(
            DNSBLVerdict.interpret(zone: "b.barracudacentral.org", answer: "127.0.0.2")
                == .listed(meaning: "listed (code \("127.0.0.2"))", policy: false))
        #expect(DNSBLVerdict.delistingHint(zone: "zen.spamhaus.org").english.contains("check.spamhaus.org"))
        #expect(DNSBLVerdict.delistingHint(zone: "bl.spamcop.net").english.contains("24 hours"))
        #expect(DNSBLVerdict.delistingHint(zone: "b.barracudacentral.org").english.contains("removal-request"))
        #expect(DNSBLVerdict.delistingHint(zone: "dnsbl.example.net").english.contains("dnsbl.example.net"))
    }
}
