import MailModel
import TestSupport
import Testing

@testable import Checks

/// The `dnsbl` and `ptr` checks.
@Suite("DNSBL and PTR checks")
struct IPChecksTests {
    @Test("a listing shows the meaning, the list's reason and a removal hint")
    func listing() async throws {
        let result = try await Fixture.check(.dnsbl, "192.0.2.2")
        #expect(result.status == .fail)
        #expect(result.summary == "listed on zen.spamhaus.org, bl.spamcop.net")
        let message = try #require(result.findings.first { $0.message.contains("zen.spamhaus.org") }?.message)
        #expect(message.contains("SBL"))
        #expect(message.contains("SBL000001"))
        #expect(message.contains("check.spamhaus.org"))
    }

    @Test("IPv6 addresses are queried in nibble form")
    func ipv6() async throws {
        let result = try await Fixture.check(.dnsbl, "2001:db8::2")
        #expect(result.finding("dnsbl.listed")?.message.contains("CSS") == true)
    }

    @Test("a domain target with --ip checks that address")
    func domainWithIP() async throws {
        let result = try await Fixture.check(.dnsbl, "good.test") { $0.ip = "192.0.2.4" }
        #expect(result.finding("dnsbl.listed")?.message.contains("XBL") == true)
    }

    @Test("when no list can answer, the check is an error, never a pass")
    func silent() async throws {
        let result = try await Fixture.check(.dnsbl, "192.0.2.2", resolver: try KnotFixture.blackHoleResolver())
        #expect(result.status == .error)
        #expect(!result.has(.dnsblNotListed))
        #expect(result.summary == "no blocklist could be queried")
    }

    @Test("reverse DNS over IPv6, and private addresses with --allow-private")
    func ptr() async throws {
        let v6 = try await Fixture.check(.ptr, "2001:db8::25")
        #expect(v6.status == .pass)
        #expect(v6.summary == "2001:db8::25 → mx1.good.test (confirmed)")
        let mismatch = try await Fixture.check(.ptr, "192.0.2.30")
        #expect(mismatch.finding("ptr.fcrdns-mismatch")?.message.contains("192.0.2.31") == true)
        let local = try await Fixture.check(.ptr, "10.0.0.1", resolver: Fixture.memory(["1.0.0.10.in-addr.arpa": []])) {
            $0.allowPrivate = true
        }
        #expect(local.has(.ptrMissing))
    }

    @Test(
        "generic names",
        arguments: [
            ("192-0-2-50.dyn.example.net", true), ("50.2.0.192.example.net", true), ("dsl-pool-17.example.net", true),
            ("mail.example.net", false), ("mx1.good.test", false),
        ])
    func generic(_ name: String, _ expected: Bool) throws {
        let ip = try #require(IPAddress(name.hasPrefix("192") || name.hasPrefix("50") ? "192.0.2.50" : "192.0.2.1"))
        #expect(PTRCheck().looksGeneric(name, ip: ip) == expected)
    }
}

/// The `mta-sts` and `tls-rpt` checks.
@Suite("MTA-STS and TLS-RPT checks")
struct PolicyRecordChecksTests {
    @Test("valid records pass and expose their fields")
    func valid() async throws {
        let sts = try await Fixture.check(.mtaSTS, "sts.test")
        #expect(sts.status == .pass)
        #expect(sts.data["id"] == "20240101T000000")
        let rpt = try await Fixture.check(.tlsRPT, "sts.test")
        #expect(rpt.status == .pass)
        #expect(rpt.data["rua"] == .strings(["mailto:tls@sts.test", "https://reports.sts.test/tlsrpt"]))
    }

    @Test("a TLS-RPT record without rua= is invalid")
    func noRUA() async throws {
        let result = try await Fixture.check(.tlsRPT, "norua.sts.test")
        #expect(result.finding("tls-rpt.invalid")?.message.contains("rua=") == true)
    }

    @Test("record parsing details")
    func parsing() {
        let record = PolicyTXTRecord("v=STSv1; id=abc;")
        #expect(record.problems == [])
        #expect(record.value("id") == "abc")
        #expect(PolicyTXTRecord("v=STSv1; id = abc").problems.count == 1)
        #expect(
            PolicyTXTRecord.select(["v=STSv1; id=1", "v=STSv10; id=2", "x"], version: "v=STSv1") == ["v=STSv1; id=1"])
    }
}
