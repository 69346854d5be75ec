import Foundation
import MailModel
import TestSupport
import Testing

@testable import Checks
@testable import DNSResolver

/// Blocklists that do not list their own test entry (here: zones that do not exist) are said once, all in one
/// finding, not one identical sentence per list.
@Suite struct DNSBLUnverifiedTests {
    @Test func listsWithoutTheirTestEntryAreNamedInOneFinding() async throws {
        let resolver = try KnotFixture.sharedResolver()
        let options = CheckOptions(
            only: [.dnsbl], dnsblZones: ["gone.dnsbl.test", "gone2.dnsbl.test", "zen.spamhaus.org"],
            timeout: .seconds(20))
        let report = await DNSChecker(resolver: resolver, options: options).report(.ip("192.0.2.1"))
        let findings = report.checks.flatMap(\.findings).filter { $0.code == .dnsblUnverified }
        #expect(findings.count == 1)
        let message = try #require(findings.first?.message)
        #expect(message.contains("gone.dnsbl.test, gone2.dnsbl.test"))
        #expect(!message.contains("zen.spamhaus.org"), "the list with its test entry answered")
    }
}
