import MailModel
import TestSupport
import Testing

@testable import Checks

/// The `dkim` check.
@Suite("DKIMCheck")
struct DKIMCheckTests {
    @Test("common selectors are discovered; key sizes come from the DER")
    func discovery() async throws {
        let result = try await Fixture.check(.dkim, "dkim.test")
        #expect(result.status == .pass)
        #expect(result.data["selectors_found"] == .strings(["default", "selector1"]))
        let keys = try #require(result.data["keys"]?.arrayValue)
        #expect(keys.first?.objectValue?["bits"] == 2048)
    }

    @Test(
        "an explicit selector: multi-string key, Ed25519, key sizes",
        arguments: [
            ("default", CheckStatus.pass, 2048), ("ed", .pass, 256), ("short", .warn, 1024), ("weak", .fail, 768),
        ])
    func explicit(_ selector: String, _ status: CheckStatus, _ bits: Int) async throws {
        let result = try await Fixture.check(.dkim, "dkim.test") { $0.dkimSelector = selector }
        #expect(result.status == status)
        #expect(result.data["keys"]?.arrayValue?.first?.objectValue?["bits"] == .int(bits))
        #expect(result.summary == "selector \(selector)")
    }

    @Test("a pasted signature selects the domain and selector")
    func signature() async throws {
        let result = try await Fixture.check(.dkim, "good.test") {
            $0.dkimSignature = "DKIM-Signature: v=1; a=rsa-sha256; d=dkim.test; s=short; bh=x; b=y"
        }
        #expect(result.data["domain"] == "dkim.test")
        #expect(result.has(.dkimShortKey))
        #expect(!result.has(.dkimNoSelector))
    }

    @Test("the no-selector warning explains where to find the selector")
    func noSelector() async throws {
        let result = try await Fixture.check(.dkim, "good.test")
        let message = try #require(result.finding("dkim.no-selector")?.message)
        #expect(message.contains("DKIM-Signature"))
        #expect(message.contains("s="))
        #expect(result.status == .warn)
    }

    @Test("refused and silent servers are errors")
    func errors() async throws {
        let refused = try await Fixture.check(.dkim, "example.org")
        #expect(refused.status == .error)
        #expect(!refused.has(.dkimNoSelector))
        let silent = try await Fixture.check(.dkim, "dkim.test", resolver: try KnotFixture.blackHoleResolver()) {
            $0.dkimSelector = "default"
        }
        #expect(silent.status == .error)
        #expect(!silent.has(.dkimKeyMissing))
    }

    @Test("failed lookups of the common names say how many were tried, never the list, and how to find yours")
    func failedCommonNames() async throws {
        let refused = try await Fixture.check(.dkim, "example.org")
        let message = try #require(refused.finding("dkim.dns-error")?.message)
        #expect(!message.contains("mandrill"))
        #expect(!message.contains("selector1, selector2"))
        #expect(message.contains("common DKIM selector names"))
        #expect(message.contains("s="))
    }

    @Test("a failed lookup of a named selector names the key looked up")
    func failedNamedSelector() async throws {
        let silent = try await Fixture.check(.dkim, "dkim.test", resolver: try KnotFixture.blackHoleResolver()) {
            $0.dkimSelector = "ovhmo123-selector1"
        }
        let message = try #require(silent.finding("dkim.dns-error")?.message)
        #expect(message.contains("ovhmo123-selector1._domainkey.dkim.test"))
    }

    @Test(
        "a known top-level name makes a domain; a word pair does not",
        arguments: [
            ("example.org", true), ("shop.example", true), ("dkim.test", true), ("foo.ck", true),
            ("hans.mueller", false), ("localpart", false),
        ])
    func knownTopLevel(_ name: String, _ known: Bool) {
        #expect(PublicSuffixList.embedded.hasKnownTopLevel(name) == known)
    }
}
