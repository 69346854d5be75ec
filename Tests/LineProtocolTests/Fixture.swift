import Checks
import Conversation
import DNSResolver
import Foundation
import Knowledge
import TestSupport

/// Engines for the serve loop's tests.
enum Fixture {
    /// The real engine with live DNS checks sent to `resolver` (the Knot fixture); test addresses
    /// (TEST-NET) allowed, the fixture's blocklist zones.
    static func liveEngine(resolver: String) throws -> ConversationEngine {
        var options = CheckOptions(timeout: .seconds(5), allowPrivate: true)
        options.dnsblZones = try CheckOptions.parseDNSBLZones("zen.spamhaus.org,bl.spamcop.net")
        let shared = try CAresResolver(server: resolver, timeoutMS: 2_000, tries: 2)
        return ConversationEngine(
            knowledge: KnowledgeFixture.engine.knowledge, liveChecks: LiveChecks(options: options) { shared })
    }
}
