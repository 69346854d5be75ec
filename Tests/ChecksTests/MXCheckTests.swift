import MailModel
import TestSupport
import Testing

@testable import Checks

/// The `mx` check.
@Suite("MXCheck")
struct MXCheckTests {
    @Test("MX hosts in preference order, with their addresses")
    func order() async throws {
        let result = try await Fixture.check(.mx, "good.test")
        #expect(result.status == .pass)
        #expect(result.summary == "10 mx1.good.test, 20 mx2.good.test")
        let hosts = try #require(result.data["hosts"]?.arrayValue)
        #expect(hosts.first?.objectValue?["addresses"] == .strings(["192.0.2.25", "2001:db8::25"]))
        #expect(
            result.finding("mx.ok")?.message.contains("10 mx1.good.test (192.0.2.25, 2001:db8::25); 20 mx2.good.test")
                == true)
    }

    @Test("private addresses fail, unless --allow-private")
    func privateAddresses() async throws {
        let strict = try await Fixture.check(.mx, "private.mx.test")
        #expect(strict.status == .fail)
        #expect(strict.finding("mx.private-address")?.message.contains("10.0.0.25") == true)
        #expect(strict.finding("mx.private-address")?.message.contains("loopback") == true)
        let relaxed = try await Fixture.check(.mx, "private.mx.test") { $0.allowPrivate = true }
        #expect(relaxed.finding("mx.private-address")?.severity == .info)
        #expect(!relaxed.has(.mxUnreachable))
    }

    @Test("a null MX is information, not failure")
    func nullMX() async throws {
        let result = try await Fixture.check(.mx, "null.mx.test")
        #expect(result.status == .info)
        #expect(result.summary.contains("null MX"))
    }

    @Test("no MX: the implicit fallback address is shown")
    func implicit() async throws {
        let result = try await Fixture.check(.mx, "implicit.mx.test")
        #expect(result.status == .warn)
        #expect(result.data["implicit_addresses"] == .strings(["192.0.2.80"]))
    }

    @Test("an MX host that cannot be looked up makes the check an error")
    func targetFails() async throws {
        let result = try await Fixture.check(.mx, "targetfail.mx.test")
        #expect(result.status == .error)
        #expect(result.finding("mx.dns-error")?.message.contains("host.servfail.test") == true)
    }
}
