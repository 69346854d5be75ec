import Checks
import Conversation
import DNSResolver
import EmbeddedKnowledge
import Foundation
import Knowledge
import MCP
import MailModel
import Probes
import Synchronization
import Testing

@testable import MCPServer

/// The built-in knowledge base, indexed once for every test.
enum Fixture {
    static let knowledge = KnowledgeService(base: KnowledgeBase.embedded(), providerName: "ovhcloud")

    /// A resolver whose zone is the whole world (NXDOMAIN for anything else), with `good.test` in it.
    static func world() -> InMemoryResolver {
        InMemoryResolver(
            records: [
                "good.test": [.mx(preference: 10, exchange: "mx1.good.test"), .txt(["v=spf1 mx -all"])],
                "mx1.good.test": [.a("192.0.2.25")],
                "_dmarc.good.test": [.txt(["v=DMARC1; p=reject"])],
            ], unknownNames: .nxdomain)
    }

    /// A resolver that must never be asked anything.
    static func unused() -> InMemoryResolver {
        InMemoryResolver(records: [:], onUnscripted: { Issue.record("unexpected DNS question \($0)") })
    }

    /// Tools over `resolver`, with `probes` as the network probes.
    static func tools(
        resolver: @escaping @Sendable () -> any DNSResolving = { unused() }, probes: NetworkProbes? = nil,
        allowPrivate: Bool = false, checkBurst: Int = 20, checksPerMinute: Int = 30,
        progressAfter: Duration = .seconds(1)
    ) -> DoctorTools {
        var options = CheckOptions(timeout: .seconds(5), allowPrivate: allowPrivate)
        options.dnsblZones = ["zen.spamhaus.org"]
        let liveChecks = LiveChecks(options: options, probes: probes) { resolver() }
        return DoctorTools(
            parts: { .init(knowledge: knowledge, liveChecks: liveChecks) }, checkBurst: checkBurst,
            checksPerMinute: checksPerMinute, progressAfter: progressAfter)
    }

    /// The real probes under the strict target policy (no private addresses, mail ports only).
    static func strictProbes() -> NetworkProbes {
        let options = ProbeOptions(
            timeout: .seconds(5), stageTimeout: .seconds(5), policy: TargetPolicy(allowPrivate: false, allowedHosts: [])
        )
        return NetworkProbes(
            run: { ids, target, resolver in ProbeRunner(resolver: resolver, options: options).run(ids, target: target)
            },
            admit: { _, _ in nil })
    }
}

/// Progress reports, collected.
final class ProgressLog: Sendable {
    private let reports = Mutex<[(done: Int, total: Int, message: String)]>([])

    var sink: ProgressSink {
        ProgressSink { done, total, message in self.reports.withLock { $0.append((done, total, message)) } }
    }

    var all: [(done: Int, total: Int, message: String)] { reports.withLock { $0 } }
}

extension ToolOutput {
    /// A field of the structured content.
    subscript(_ key: String) -> Value? {
        structured?.objectValue?[key]
    }
}
