import MailModel
import Testing

@testable import Checks

/// check_host() beyond the conformance suite: the deciding mechanism, limits and counters.
@Suite("SPFEvaluator")
struct SPFEvaluatorTests {
    static let zone: [String: [DNSRecord]] = [
        "example.com": [.txt(["v=spf1 include:_spf.provider.example -all"])],
        "_spf.provider.example": [.txt(["v=spf1 ip4:203.0.113.0/24 ~all"])],
        "redirected.example": [.txt(["v=spf1 redirect=example.com"])],
        "slow.example": [.txt(["v=spf1 include:timeout.example -all"])],
        "timeout.example": [],
    ]

    func evaluate(_ ip: String, _ domain: String) async -> SPFVerdict {
        let resolver = Fixture.memory(SPFEvaluatorTests.zone, nameOutcomes: ["timeout.example": .timeout])
        guard let address = IPAddress(ip) else {
            return SPFVerdict(result: .none, reason: "", lookups: 0, voidLookups: 0)
        }
        return await SPFEvaluator(resolver: resolver).checkHost(
            ip: address, sender: "user@\(domain)", helo: "mail.\(domain)")
    }

    @Test("the deciding mechanism names the include path")
    func decidingMechanism() async {
        let verdict = await evaluate("203.0.113.9", "example.com")
        #expect(verdict.result == .pass)
        #expect(
            verdict.mechanism
                == "include:_spf.provider.example in example.com → ip4:203.0.113.0/24 in _spf.provider.example")
        #expect(verdict.lookups == 1)
    }

    @Test("a fail names -all; redirects are followed")
    func failAndRedirect() async {
        let fail = await evaluate("198.51.100.1", "example.com")
        #expect(fail.result == .fail)
        #expect(fail.mechanism == "-all in example.com")
        let redirected = await evaluate("203.0.113.9", "redirected.example")
        #expect(redirected.result == .pass)
        #expect(redirected.mechanism?.hasPrefix("redirect=example.com in redirected.example") == true)
        #expect(redirected.lookups == 2)
    }

    @Test("a DNS timeout in an include is temperror, with the reason")
    func temperror() async {
        let verdict = await evaluate("198.51.100.1", "slow.example")
        #expect(verdict.result == .temperror)
        #expect(verdict.reason.contains("timeout"))
    }

    @Test("IPv4-mapped IPv6 clients are evaluated as IPv4")
    func mapped() async {
        let verdict = await evaluate("::ffff:203.0.113.9", "example.com")
        #expect(verdict.result == .pass)
    }

    @Test("the results explain themselves")
    func meanings() {
        for result in SPFResult.allCases {
            #expect(!result.meaning.isEmpty)
        }
    }
}
