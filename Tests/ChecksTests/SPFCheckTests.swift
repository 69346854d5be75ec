import MailModel
import TestSupport
import Testing

@testable import Checks

/// The `spf` check.
@Suite("SPFCheck")
struct SPFCheckTests {
    @Test("the lookup tree is shown and counted")
    func tree() async throws {
        let result = try await Fixture.check(.spf, "toomany.spf.test")
        #expect(result.status == .fail)
        #expect(result.data["lookups"] == 11)
        let message = try #require(result.finding("spf.too-many-lookups")?.message)
        #expect(message.contains("toomany.spf.test [3 lookups]: v=spf1 include:big.spf.test a mx -all"))
        #expect(message.contains("\n  include:big.spf.test [8 lookups]: v=spf1 a mx a mx a mx a mx -all"))
        let children = try #require(result.data["tree"]?.objectValue?["children"]?.arrayValue)
        #expect(children.first?.objectValue?["via"] == "include:big.spf.test")
    }

    @Test("a syntax error points at the position")
    func syntaxPointer() async throws {
        let result = try await Fixture.check(.spf, "syntax.spf.test")
        let message = try #require(result.finding("spf.syntax-error")?.message)
        #expect(message.contains("position 12"))
        #expect(message.hasSuffix("  v=spf1 ip4:192.0.2.300 -all\n             ^"))
        #expect(result.summary == "SPF syntax error at position 12")
    }

    @Test("the verdict for an IP names the deciding mechanism")
    func verdict() async throws {
        let pass = try await Fixture.check(.spf, "good.test") { $0.ip = "192.0.2.10" }
        #expect(pass.status == .pass)
        let data = try #require(pass.data["verdict"]?.objectValue)
        #expect(data["result"] == "pass")
        #expect(data["mechanism"] == "ip4:192.0.2.0/24 in good.test")
        let viaMX = try await Fixture.check(.spf, "good.test") { $0.ip = "2001:db8::25" }
        #expect(viaMX.data["verdict"]?.objectValue?["mechanism"] == "mx in good.test")
        let fail = try await Fixture.check(.spf, "good.test") { $0.ip = "203.0.113.5" }
        #expect(fail.status == .fail)
        #expect(fail.finding("spf.result-fail")?.message.contains("-all in good.test") == true)
    }

    @Test("the sender of an address target is used for the verdict")
    func addressSender() async throws {
        let result = try await Fixture.check(.spf, "alice@good.test") { $0.ip = "192.0.2.10" }
        #expect(result.finding("spf.result-pass")?.message.contains("alice@good.test") == true)
    }

    @Test("void lookups are named")
    func voids() async throws {
        let result = try await Fixture.check(.spf, "voids.spf.test")
        #expect(result.data["void_lookups"] == 3)
        #expect(result.finding("spf.too-many-void-lookups")?.message.contains("gone3.spf.test") == true)
    }

    @Test("a failing lookup inside the record is an error, not a fail")
    func targetFails() async throws {
        let result = try await Fixture.check(.spf, "targetfail.spf.test")
        #expect(result.status == .error)
        #expect(result.finding("spf.dns-error")?.message.contains("host.servfail.test") == true)
    }
}
