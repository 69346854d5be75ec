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

    @Test func blockedNetworkIsNotBlamedOnTheServer() async throws {
        var held: [ReservedPort] = []
        defer { for port in held { port.close() } }
        let web = try await ScriptedPeer.start { connection in await connection.waitForClose() }
        defer { Task { await web.stop() } }
        let target = try closedPort(&held)
        let control = ControlTargets(
            mailHost: "127.0.0.1", mailPort: try closedPort(&held), webHost: "127.0.0.1", webPort: web.port)
        let result = await testRunner(options(control: control)).result(.smtp, target: "127.0.0.1:\(target)")
        #expect(result.status == .error, "\(result.findings)")
        let blocked = try #require(result.finding("net.port25-blocked"))
        #expect(blocked.message.contains("Your network blocks outgoing connections to port \(target)"))
        #expect(result.finding("smtp.connect-refused")?.severity == .error)
        #expect(result.data["control"]?.objectValue?["verdict"] == "network-blocks-smtp")
        #expect(result.summary.hasSuffix("your network blocks port \(target)"))
    }

    @Test func deadServerIsBlamedWhenTheNetworkIsFine() async throws {
        var held: [ReservedPort] = []
        defer { for port in held { port.close() } }
        let mail = try await ScriptedPeer.start { connection in await connection.waitForClose() }
        defer { Task { await mail.stop() } }
        let target = try closedPort(&held)
        let control = ControlTargets(
            mailHost: "127.0.0.1", mailPort: mail.port, webHost: "127.0.0.1", webPort: mail.port)
        let result = await testRunner(options(control: control)).result(.smtp, target: "127.0.0.1:\(target)")
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
