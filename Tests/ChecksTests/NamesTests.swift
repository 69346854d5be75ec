import MailModel
import Testing

/// IP addresses, DNS names and Punycode.
@Suite("Names")
struct NamesTests {
    @Test("IPv4 parses strictly", arguments: ["192.0.2.1", "0.0.0.0", "255.255.255.255"])
    func ipv4(_ text: String) {
        #expect(IPAddress(text)?.description == text)
    }

    @Test(
        "invalid addresses are rejected",
        arguments: [
            "192.0.2", "192.0.2.256", "192.0.02.1", "1.2.3.4.5", "a.b.c.d", "", "1::2::3", "12345::", ":::",
            "1:2:3:4:5:6:7:8:9", "::1.2.3", "example.com",
        ])
    func invalid(_ text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test(
        "IPv6 is printed in RFC 5952 form",
        arguments: [
            ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"), ("::", "::"), ("::1", "::1"),
            ("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"),
            ("::ffff:192.0.2.1", "::ffff:c000:201"), ("2001:db8:1:1:1:1:1:1", "2001:db8:1:1:1:1:1:1"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ])
    func ipv6(_ input: String, _ expected: String) {
        #expect(IPAddress(input)?.description == expected)
    }

    @Test("reverse names for PTR and blocklists")
    func reverse() throws {
        #expect(IPAddress("192.0.2.1")?.reverseName == "1.2.0.192.in-addr.arpa")
        let v6 = try #require(IPAddress("2001:db8::567:89ab"))
        #expect(v6.reverseName == "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")
        #expect(v6.reversedLabels.split(separator: ".").count == 32)
    }

    @Test("CIDR matching and IPv4-mapped addresses")
    func cidr() throws {
        let ip = try #require(IPAddress("192.0.2.130"))
        #expect(ip.isIn(try #require(IPAddress("192.0.2.128")), prefix: 25))
        #expect(!ip.isIn(try #require(IPAddress("192.0.2.0")), prefix: 25))
        #expect(ip.isIn(try #require(IPAddress("10.0.0.0")), prefix: 0))
        #expect(!ip.isIn(try #require(IPAddress("::")), prefix: 0))
        #expect(IPAddress("::ffff:192.0.2.1")?.unmapped == IPAddress("192.0.2.1"))
    }

    @Test(
        "address scopes",
        arguments: [
            ("10.1.2.3", IPScope.privateNetwork), ("127.0.0.1", .loopback), ("::1", .loopback),
            ("169.254.1.1", .linkLocal),
            ("fd00::1", .uniqueLocal), ("100.64.0.1", .sharedAddressSpace), ("192.0.2.1", .documentation),
            ("8.8.8.8", .global), ("2a00:1450::1", .global), ("::ffff:10.0.0.1", .privateNetwork),
            ("224.0.0.1", .multicast),
        ])
    func scopes(_ text: String, _ scope: IPScope) {
        #expect(IPAddress(text)?.scope == scope)
    }

    @Test("DNS name limits")
    func nameLimits() {
        #expect(DNSName.normalize("Example.COM.") == "example.com")
        #expect(DNSName.wireProblem(String(repeating: "a", count: 63) + ".com") == nil)
        #expect(DNSName.wireProblem(String(repeating: "a", count: 64) + ".com") != nil)
        #expect(DNSName.wireProblem(String(repeating: "abcdefgh.", count: 28) + "com") != nil)
        #expect(DNSName.wireProblem("a..com") != nil)
        #expect(DNSName.hostnameProblem("localhost") != nil)
        #expect(DNSName.hostnameProblem("-bad.example") != nil)
        #expect(DNSName.hostnameProblem("ok-name.example") == nil)
        #expect(DNSName.hostnameProblem("example.123") != nil)
        #expect(DNSName.isSubdomain("a.b.example.com", of: "Example.com"))
        #expect(!DNSName.isSubdomain("badexample.com", of: "example.com"))
    }

    /// RFC 3492 §7.1 sample strings.
    @Test(
        "Punycode encodes and decodes the RFC 3492 samples",
        arguments: [
            (
                "\u{644}\u{64A}\u{647}\u{645}\u{627}\u{628}\u{62A}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64A}\u{61F}",
                "egbpdaj6bu4bxfgehfvwxn"
            ),
            ("\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}", "ihqwcrb4cv8a8dqg056pqjye"),
            ("Pro\u{10D}prost\u{11B}nemluv\u{ED}\u{10D}esky", "Proprostnemluvesky-uyb24dma41a"),
            ("\u{3072}\u{3068}\u{3064}\u{5C4B}\u{6839}\u{306E}\u{4E0B}2", "2-u9tlzr9756bt3uc0v"),
            ("b\u{FC}cher", "bcher-kva"),
            ("-> $1.00 <-", "-> $1.00 <--"),
        ])
    func punycode(_ unicode: String, _ encoded: String) {
        #expect(Punycode.encode(unicode) == encoded)
        #expect(Punycode.decode(encoded) == unicode)
    }

    @Test("IDNA label conversion")
    func idna() {
        #expect(Punycode.toASCII("Bücher.Example") == "xn--bcher-kva.example")
        #expect(Punycode.toASCII("例え.テスト") == "xn--r8jz45g.xn--zckzah")
        #expect(Punycode.toASCII("bücher。example") == "xn--bcher-kva.example")
        #expect(Punycode.toUnicode("xn--bcher-kva.example") == "bücher.example")
        #expect(Punycode.decode("99999999999999999999") == nil)
        #expect(Punycode.decode("ü") == nil)
    }
}
