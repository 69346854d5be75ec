import MailModel
import TestSupport
import Testing

@testable import Checks

/// The `dmarc` check.
@Suite("DMARCCheck")
struct DMARCCheckTests {
    @Test("a subdomain inherits the organisational domain's policy")
    func inherited() async throws {
        let result = try await Fixture.check(.dmarc, "sub.good.test")
        #expect(result.status == .pass)
        #expect(result.data["domain"] == "good.test")
        #expect(result.summary == "p=reject (from good.test)")
    }

    @Test("SERVFAIL and timeouts are errors, never \"no record\"")
    func errorsAreNotMissing() async throws {
        let servfail = try await Fixture.check(.dmarc, "servfail.test")
        #expect(servfail.status == .error)
        #expect(!servfail.has(.dmarcMissing))
        let orgFails = try await Fixture.check(.dmarc, "child.servfail.test")
        #expect(orgFails.status == .error)
        #expect(orgFails.finding("dmarc.dns-error")?.message.contains("organisational domain") == true)
        let silent = try await Fixture.check(.dmarc, "good.test", resolver: try KnotFixture.blackHoleResolver())
        #expect(silent.status == .error)
        #expect(!silent.has(.dmarcMissing))
    }

    @Test("TXT records that are not DMARC do not count")
    func notDMARC() async throws {
        let result = try await Fixture.check(.dmarc, "notdmarc.dmarc.test")
        #expect(result.has(.dmarcMissing))
    }

    @Test("external report destinations: authorised, not authorised, unknown")
    func external() async throws {
        let result = try await Fixture.check(.dmarc, "external.dmarc.test")
        #expect(result.finding("dmarc.external-authorized")?.message.contains("reports.test") == true)
        #expect(
            result.finding("dmarc.external-unauthorized")?.message.contains(
                "external.dmarc.test._report._dmarc.unauth.test") == true)
        #expect(result.finding("dmarc.external-dns-error")?.message.contains("x.servfail.test") == true)
        #expect(result.status == .error)
    }

    @Test("weak settings are each explained")
    func weak() async throws {
        let result = try await Fixture.check(.dmarc, "quarantine.dmarc.test")
        #expect(result.summary == "p=quarantine pct=50")
        #expect(result.finding("dmarc.pct-partial")?.message.contains("50%") == true)
        #expect(result.finding("dmarc.subdomain-policy-weaker")?.message.contains("sp=none") == true)
    }
}
