import MailModel
import Testing

@testable import Checks

/// DMARC tag parsing and the public suffix list.
@Suite("DMARCRecord")
struct DMARCRecordTests {
    @Test("a complete record")
    func complete() {
        let record = DMARCRecord(
            "v=DMARC1; p=Reject; sp=quarantine; pct=20; adkim=s; aspf=r; rua=mailto:a@example.com, mailto:b@example.net!10m; ruf=mailto:f@example.com; fo=1:d; rf=afrf; ri=86400"
        )
        #expect(record.issues == [])
        #expect(record.policy == .reject)
        #expect(record.subdomainPolicy == .quarantine)
        #expect(record.percent == 20)
        #expect(record.strictDKIM && !record.strictSPF)
        #expect(record.aggregateURIs == ["mailto:a@example.com", "mailto:b@example.net!10m"])
        #expect(record.failureURIs == ["mailto:f@example.com"])
        #expect(record.value("ri") == "86400")
    }

    @Test(
        "problems become issues with their kind",
        arguments: [
            ("v=DMARC1; p=reject; pct=abc", "invalid-tag"),
            ("v=DMARC1; p=none; adkim=x", "invalid-tag"),
            ("v=DMARC1; p=none; fo=2", "invalid-tag"),
            ("v=DMARC1; p=none; rf=iodef", "invalid-tag"),
            ("v=DMARC1; p=none; ri=soon", "invalid-tag"),
            ("v=DMARC1; p=none; sp=maybe", "invalid-tag"),
            ("v=DMARC1; p=block", "invalid-tag"),
            ("v=DMARC1; p=none; rua", "syntax-error"),
            ("p=none; v=DMARC1", "syntax-error"),
            ("v=DMARC1; p=none; p=reject", "duplicate-tag"),
            ("v=DMARC1; p=none; polciy=reject", "unknown-tag"),
            ("v=DMARC1; rua=mailto:a@example.com", "missing-policy"),
        ])
    func issues(_ text: String, _ kind: String) {
        let record = DMARCRecord(text)
        #expect(record.issues.contains { $0.kind == kind }, "issues: \(record.issues)")
    }

    @Test("an invalid p= is not also reported as missing")
    func invalidPolicyOnce() {
        let record = DMARCRecord("v=DMARC1; p=block")
        #expect(record.issues.count == 1)
        #expect(record.issues.first?.severity == .fail)
    }

    @Test(
        "record recognition",
        arguments: [
            ("v=DMARC1; p=none", true), ("v = DMARC1;p=none", true), ("v=DMARC1", true), ("v=dmarc1; p=none", false),
            ("v=spf1 -all", false), ("p=none; v=DMARC1", false),
        ])
    func recognition(_ text: String, _ expected: Bool) {
        #expect(DMARCRecord.isDMARC(text) == expected)
    }

    @Test("mailto destinations")
    func mailto() {
        #expect(DMARCRecord.mailtoDomain("mailto:dmarc@Reports.Example.com!10m") == "reports.example.com")
        #expect(DMARCRecord.mailtoDomain("dmarc@example.com") == nil)
        #expect(DMARCRecord.mailtoDomain("mailto:@example.com") == nil)
        #expect(DMARCRecord.mailtoDomain("https://example.com/r") == nil)
    }

    @Test("policy strength order")
    func order() {
        #expect(DMARCRecord.Policy.none < .quarantine)
        #expect(DMARCRecord.Policy.quarantine < .reject)
    }
}

/// The shipped public suffix list and the lookup rules.
@Suite("PublicSuffixList")
struct PublicSuffixListTests {
    @Test("the shipped list is complete enough")
    func shipped() {
        #expect(PublicSuffixList.shared.count > 9000)
    }

    @Test(
        "organisational domains",
        arguments: [
            ("mail.example.com", "example.com"), ("a.b.example.co.uk", "example.co.uk"), ("example.com", "example.com"),
            ("foo.github.io", "foo.github.io"), ("x.y.example.test", "example.test"),
            ("www.example.xn--p1ai", "example.xn--p1ai"),
            ("www.bücher.de", "xn--bcher-kva.de"),
        ])
    func organizational(_ domain: String, _ expected: String) {
        let ascii = Punycode.toASCII(domain) ?? domain
        #expect(PublicSuffixList.shared.organizationalDomain(of: ascii) == expected)
    }

    @Test("a public suffix has no organisational domain")
    func suffixItself() {
        #expect(PublicSuffixList.shared.organizationalDomain(of: "co.uk") == nil)
        #expect(PublicSuffixList.shared.organizationalDomain(of: "com") == nil)
    }

    @Test("wildcard and exception rules")
    func wildcards() {
        let list = PublicSuffixList(text: "// comment\nck\n*.ck\n!www.ck\ncom\n")
        #expect(list.publicSuffix(of: "a.b.ck") == "b.ck")
        #expect(list.organizationalDomain(of: "a.b.ck") == "a.b.ck")
        #expect(list.publicSuffix(of: "www.ck") == "ck")
        #expect(list.organizationalDomain(of: "www.ck") == "www.ck")
        #expect(list.organizationalDomain(of: "x.unknowntld") == "x.unknowntld")
    }
}
