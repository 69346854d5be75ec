import Checks
import Conversation
import DNSResolver
import Foundation
import Knowledge

/// The real engine over the repository's knowledge base.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let engine: ConversationEngine = {
        do {
            let base = try KnowledgeBase.load(directory: root.appendingPathComponent("KnowledgeBase"))
            return ConversationEngine(knowledge: KnowledgeService(base: base, providerName: "ovhcloud"))
        } catch {
            fatalError("cannot load KnowledgeBase/: \(error)")
        }
    }()
}

extension Fixture {
    /// The real engine with live DNS checks sent to `resolver` (the Knot fixture); test addresses
    /// (TEST-NET) allowed, the fixture's blocklist zones.
    static func liveEngine(resolver: String) throws -> ConversationEngine {
        var options = CheckOptions(timeout: .seconds(5), allowPrivate: true)
        options.dnsblZones = try CheckOptions.parseDNSBLZones("zen.spamhaus.org,bl.spamcop.net")
        let shared = try CAresResolver(server: resolver, timeoutMS: 2_000, tries: 2)
        return ConversationEngine(
            knowledge: engine.knowledge, liveChecks: LiveChecks(options: options) { shared })
    }
}

/// The Knot DNS fixture: the one `make test` started (MAILDOCTOR_FIXTURE_RESOLVER), or one started
/// here with scripts/knot-fixture.sh and stopped by PID when the test process exits.
final class KnotFixture: Sendable {
    static let shared = KnotFixture()
    private let started: Result<String, KnotFixtureError>

    struct KnotFixtureError: Error, CustomStringConvertible {
        var description: String
    }

    private init() {
        if let address = ProcessInfo.processInfo.environment["MAILDOCTOR_FIXTURE_RESOLVER"], !address.isEmpty {
            started = .success(address)
            return
        }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("md-serve-knot-\(getpid())")
        try? FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let script = Fixture.root.appendingPathComponent("scripts/knot-fixture.sh").path
        knotState = state.path
        atexit {
            let stop = Process()
            stop.executableURL = URL(fileURLWithPath: "/bin/bash")
            stop.arguments = [Fixture.root.appendingPathComponent("scripts/knot-fixture.sh").path, "stop", knotState]
            try? stop.run()
            stop.waitUntilExit()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, "start", state.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            started = .failure(KnotFixtureError(description: "cannot run knot-fixture.sh: \(error)"))
            return
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let port = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        started =
            process.terminationStatus == 0 && Int(port) != nil
            ? .success("127.0.0.1:\(port)") : .failure(KnotFixtureError(description: "Knot did not start"))
    }

    /// `127.0.0.1:PORT` of the running server.
    func address() throws -> String {
        try started.get()
    }
}

/// Where the Knot fixture keeps its state, for the exit handler.
nonisolated(unsafe) private var knotState = ""
