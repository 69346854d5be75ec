import MailModel
import TestSupport
import Testing

@testable import Probes

/// The control probe tells "your network blocks port 25" from "their server is down", with the control
/// endpoints pointed at loopback listeners.
@Suite(.timeLimit(.minutes(2))) struct ControlProbeTests {
    /// A port with nothing listening on 127.0.0.1, held until the test ends.
    private func closedPort(_ held: inout [ReservedPort]) throws -> Int {
        let reserved = try ReservedPort()
        held.append(reserved)
        return reserved.port
    }

    private func options(control: ControlTargets) -> ProbeOptions {
        var options = testOptions(timeout: .seconds(4), stage: .seconds(1))
        options.control = control
        return options
    }

    /// Probes smtp on a closed loopback port with the control endpoints `control` makes of a listener's
    /// port (it accepts and waits) and another closed port; returns the result and the probed port.
    private func probeClosedPort(
        control: (_ listener: Int, _ closed: Int) -> ControlTargets
    ) async throws -> (CheckResult, Int) {
        var held: [ReservedPort] = []
        defer { for port in held { port.close() } }
        let listener = try await ScriptedPeer.start { connection in await connection.waitForClose() }
        defer { Task { await listener.stop() } }
        let target = try closedPort(&held)
        let targets = control(listener.port, try closedPort(&held))
        let result = await testRunner(options(control: targets)).result(.smtp, target: "127.0.0.1:\(target)")
        return (result, target)
    }

    @Test func blockedNetworkIsNotBlamedOnTheServer() async throws {
        let (result, target) = try await probeClosedPort { web, closed in
            ControlTargets(mailHost: "127.0.0.1", mailPort: closed, webHost: "127.0.0.1", webPort: web)
        }
        #expect(result.status == .error, "\(result.findings)")
        let blocked = try #require(result.finding("net.port25-blocked"))
        #expect(blocked.message.contains("Your network blocks outgoing connections to port \(target)"))
        #expect(result.finding("smtp.connect-refused")?.severity == .error)
        #expect(result.data["control"]?.objectValue?["verdict"] == "network-blocks-smtp")
        #expect(result.summary.hasSuffix("your network blocks port \(target)"))
    }

    @Test func deadServerIsBlamedWhenTheNetworkIsFine() async throws {
        let (result, _) = try await probeClosedPort { mail, _ in
            ControlTargets(mailHost: "127.0.0.1", mailPort: mail, webHost: "127.0.0.1", webPort: mail)
        }
        #expect(result.status == .fail, "\(result.findings)")
        #expect(result.has(.netPort25Open))
        #expect(result.finding("smtp.connect-refused")?.severity == .fail)
        #expect(result.data["control"]?.objectValue?["verdict"] == "network-ok")
    }

    @Test func nothingReachableMeansOffline() async throws {
        var held: [ReservedPort] = []
        defer { for port in held { port.close() } }
        let closed = try closedPort(&held)
        let control = ControlTargets(mailHost: "127.0.0.1", mailPort: closed, webHost: "127.0.0.1", webPort: closed)
        let result = await testRunner(options(control: control)).result(.smtp, target: "127.0.0.1:\(closed)")
        #expect(result.has(.netOffline), "\(result.findings)")
        #expect(result.status == .fail || result.status == .error)
    }

    @Test func controlIsNotRunWhenTheServerAnswers() async throws {
        let peer = try await ScriptedPeer.start(PeerScripts.smtp())
        defer { Task { await peer.stop() } }
        let control = ControlTargets(mailHost: "127.0.0.1", mailPort: 1, webHost: "127.0.0.1", webPort: 1)
        let result = await testRunner(options(control: control)).result(.smtp, target: "127.0.0.1:\(peer.port)")
        #expect(result.data["control"] == nil)
        #expect(!result.findings.contains { $0.code.rawValue.hasPrefix("net.") })
    }
}
