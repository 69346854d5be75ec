import MailModel
import TestSupport
import Testing

@testable import Checks

/// The `domain` check.
@Suite("DomainCheck")
struct DomainCheckTests {
    @Test("a healthy domain passes and lists its name servers")
    func healthy() async throws {
        let result = try await Fixture.check(.domain, "good.test")
        #expect(result.status == .pass)
        #expect(result.data["ns"] == .strings(["ns1.good.test", "ns2.good.test"]))
        #expect(result.data["soa"]?.objectValue?["serial"] == 1)
    }

    @Test("a missing domain says it may have expired")
    func expired() async throws {
        let result = try await Fixture.check(.domain, "nosuch.test")
        #expect(result.status == .fail)
        #expect(result.finding("domain.nxdomain")?.message.contains("expired") == true)
    }

    @Test("an IDN is explained with its Unicode form")
    func idn() async throws {
        let result = try await Fixture.check(.domain, "bücher.test")
        #expect(result.status == .pass)
        #expect(result.finding("domain.idn")?.message.contains("bücher.test") == true)
    }

    @Test("name servers without SOA (in-memory: no real server serves that)")
    func nsWithoutSOA() async throws {
        let resolver = Fixture.memory([
            "odd.example": [.ns("ns1.odd.example"), .ns("ns2.odd.example")],
            "ns1.odd.example": [.a("192.0.2.1")], "ns2.odd.example": [.a("192.0.2.2")],
        ])
        let result = try await Fixture.check(.domain, "odd.example", resolver: resolver)
        #expect(result.finding("domain.no-soa")?.severity == .warn)
        #expect(result.status == .warn)
    }

    @Test("an SOA without NS records (in-memory)")
    func soaWithoutNS() async throws {
        let resolver = Fixture.memory([
            "odd.example": [.soa(SOARecord(mname: "ns.odd.example", rname: "h.odd.example", serial: 1, minimum: 60))]
        ])
        let result = try await Fixture.check(.domain, "odd.example", resolver: resolver)
        #expect(result.finding("domain.no-ns")?.severity == .fail)
        #expect(result.status == .fail)
    }

    @Test("a name server whose address cannot be looked up is an error, not a verdict")
    func nameServerLookupFails() async throws {
        let resolver = Fixture.memory(
            [
                "odd.example": [
                    .soa(SOARecord(mname: "a", rname: "b", serial: 1, minimum: 1)), .ns("ns1.odd.example"),
                    .ns("ns2.odd.example"),
                ],
                "ns1.odd.example": [.a("192.0.2.1")],
            ],
            nameOutcomes: ["ns2.odd.example": .servfail])
        let result = try await Fixture.check(.domain, "odd.example", resolver: resolver)
        #expect(result.status == .error)
        #expect(result.finding("domain.dns-error")?.message.contains("ns2.odd.example") == true)
    }
}
