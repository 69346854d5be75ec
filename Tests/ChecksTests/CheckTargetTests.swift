import MailModel
import Testing

@testable import Checks

/// Parsing what users type as a check target, and the messages for what cannot be used.
@Suite("CheckTarget")
struct CheckTargetTests {
    @Test(
        "accepted forms",
        arguments: [
            ("example.com", CheckTarget.domain("example.com")),
            ("  Example.COM.  ", .domain("example.com")),
            ("user@Example.com", .address(local: "user", domain: "example.com")),
            ("<user@example.com>", .address(local: "user", domain: "example.com")),
            ("mailto:user@example.com", .address(local: "user", domain: "example.com")),
            ("https://www.example.com/contact?x=1", .domain("www.example.com")),
            ("bücher.example", .domain("xn--bcher-kva.example")),
            ("192.0.2.1", .ip("192.0.2.1")),
            ("2001:DB8::1", .ip("2001:db8::1")),
            ("[2001:db8::1]", .ip("2001:db8::1")),
            ("_dmarc.example.com", .domain("_dmarc.example.com")),
        ])
    func accepted(_ input: String, _ expected: CheckTarget) throws {
        #expect(try CheckTarget.parse(input) == expected)
    }

    @Test(
        "rejected input gets a sentence saying why",
        arguments: [
            ("", "Nothing to check"),
            ("user@", "nothing after the @"),
            ("@example.com", "nothing before the @"),
            ("user@[192.0.2.1]", "address literal"),
            ("exa mple.com", "space"),
            ("example..com", "empty part"),
            (".example.com", "empty part"),
            ("localhost", "no dot"),
            ("-example.com", "hyphen"),
            ("exam!ple.com", "not allowed"),
            ("192.0.2.300", "looks like an IPv4 address"),
            ("010.1.1.1", "looks like an IPv4 address"),
            ("example.com:25", "without a port"),
            (String(repeating: "a", count: 64) + ".com", "limited to 63"),
            (String(repeating: "abcdefghi.", count: 26) + "com", "limited to 253"),
            (String(repeating: "x", count: 65) + "@example.com", "64 characters"),
        ])
    func rejected(_ input: String, _ fragment: String) {
        do {
            let target = try CheckTarget.parse(input)
            Issue.record("\"\(input)\" was accepted as \(target)")
        } catch {
            #expect(error.message.contains(fragment), "message: \(error.message)")
        }
    }

    @Test("an IP where a domain is expected, and the reverse")
    func wrongKind() {
        #expect(throws: TargetError.self) { try CheckTarget.parseDomain("192.0.2.1") }
        #expect(throws: TargetError.self) { try CheckTarget.parseDomain("user@example.com") }
        #expect(throws: TargetError.self) { try CheckTarget.parseIP("example.com") }
        #expect(throws: TargetError.self) { try CheckTarget.parseIP("192.0.2.256") }
        #expect((try? CheckTarget.parseDomain("Example.com.")) == "example.com")
        #expect((try? CheckTarget.parseIP("::ffff:192.0.2.1"))?.unmapped == IPAddress("192.0.2.1"))
        do {
            _ = try CheckTarget.parseIP("mail.example.com")
            Issue.record("a domain was accepted as an IP")
        } catch {
            #expect(error.message.contains("looks like a domain"))
        }
    }

    @Test("--only lists")
    func onlyList() throws {
        #expect(try CheckID.parseList("mx, spf,DMARC,mta-sts") == [.mx, .spf, .dmarc, .mtaSTS])
        #expect(throws: TargetError.self) { try CheckID.parseList("mx,bogus") }
    }

    @Test("--dnsbl lists")
    func dnsblZones() throws {
        #expect(
            try CheckOptions.parseDNSBLZones(" zen.spamhaus.org, BL.SpamCop.net.,zen.spamhaus.org") == [
                "zen.spamhaus.org", "bl.spamcop.net",
            ])
        #expect(throws: TargetError.self) { try CheckOptions.parseDNSBLZones("zen.spamhaus.org,bad zone") }
        #expect(throws: TargetError.self) { try CheckOptions.parseDNSBLZones(" , ") }
        #expect(throws: TargetError.self) { try CheckOptions.parseDNSBLZones("localhost") }
    }

    @Test("descriptions")
    func descriptions() throws {
        #expect(try CheckTarget.parse("user@example.com").description == "user@example.com")
        #expect(try CheckTarget.parse("user@example.com").domain == "example.com")
        #expect(try CheckTarget.parse("192.0.2.1").domain == nil)
    }
}
