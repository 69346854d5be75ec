import DNSResolver
import MailModel
import TestSupport
import Testing

@testable import Probes

@Suite struct TargetPolicyTests {
    @Test(
        "non-public addresses are refused",
        arguments: [
            "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1",
            "169.254.169.254", "0.0.0.0", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
            "192.0.2.10", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "ff05::2",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::7f00:1",
            "64:ff9b::a00:1", "2002:7f00:1::1", "2002:c0a8:101::1", "2001:0:4136:e378::1", "2001:db8::1",
            "fec0::1", "64:ff9b:1::1",
        ])
    func refusesNonPublicAddresses(_ text: String) throws {
        let address = try #require(IPAddress(text))
        let decision = TargetPolicy.strict.check(address: address, port: 25)
        let refusal = try #require(decision.refusal)
        guard case .nonPublicAddress(let kind) = refusal.reason else {
            Issue.record("expected an address refusal for \(text), got \(refusal.reason)")
            return
        }
        #expect(!kind.isEmpty)
        // An IPv4-mapped address is named as the IPv4 address it carries.
        #expect(refusal.description.contains(address.unmapped.description))
        #expect(!refusal.description.contains("::ffff:"))
    }

    @Test(
        "public addresses on mail ports are allowed",
        arguments: [
            "8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "2a00:1450:4001:80b::201a", "64:ff9b::808:808",
            "::ffff:8.8.4.4",
        ])
    func allowsPublicAddresses(_ text: String) throws {
        let address = try #require(IPAddress(text))
        for port in [25, 465, 587, 110, 995, 143, 993, 2525] {
            #expect(TargetPolicy.strict.check(address: address, port: port) == .allowed)
        }
    }

    @Test("other ports are refused", arguments: [22, 80, 443, 3306, 6379, 8080, 11211, 0, 70000])
    func refusesOtherPorts(_ port: Int) throws {
        let address = try #require(IPAddress("8.8.8.8"))
        let refusal = try #require(TargetPolicy.strict.check(address: address, port: port).refusal)
        #expect(refusal.reason == .port(port))
        #expect(refusal.description.contains("Port \(port)"))
    }

    @Test func allowPrivateLiftsBothRestrictions() throws {
        let policy = TargetPolicy(allowPrivate: true)
        #expect(policy.check(address: try #require(IPAddress("127.0.0.1")), port: 8025) == .allowed)
        #expect(policy.check(address: try #require(IPAddress("::1")), port: 25) == .allowed)
    }

    @Test func allowListedNetworksAndPortsAreAllowed() throws {
        let policy = TargetPolicy(allowedHosts: ["10.0.0.0/8", "fd00::/8", "192.168.5.7"], allowedPorts: [8025])
        #expect(policy.check(address: try #require(IPAddress("10.20.30.40")), port: 25) == .allowed)
        #expect(policy.check(address: try #require(IPAddress("::ffff:10.1.1.1")), port: 25) == .allowed)
        #expect(policy.check(address: try #require(IPAddress("fd00::5")), port: 993) == .allowed)
        #expect(policy.check(address: try #require(IPAddress("192.168.5.7")), port: 8025) == .allowed)
        #expect(!policy.check(address: try #require(IPAddress("192.168.5.8")), port: 25).isAllowed)
        #expect(!policy.check(address: try #require(IPAddress("127.0.0.1")), port: 25).isAllowed)
        #expect(!policy.check(address: try #require(IPAddress("10.20.30.40")), port: 22).isAllowed)
    }

    @Test func allowListedHostNamesAdmitTheirAddresses() throws {
        let policy = TargetPolicy(allowedHosts: ["mail.internal", "*.corp.example"])
        let address = try #require(IPAddress("10.9.8.7"))
        #expect(policy.check(address: address, port: 25, host: "mail.internal") == .allowed)
        #expect(policy.check(address: address, port: 25, host: "MX1.Corp.Example.") == .allowed)
        #expect(!policy.check(address: address, port: 25, host: "corp.example").isAllowed)
        #expect(!policy.check(address: address, port: 25, host: "evil.example").isAllowed)
        #expect(!policy.check(address: address, port: 25).isAllowed)
    }

    @Test func validatesAllowListEntries() throws {
        try TargetPolicy.validate(allowedHosts: [
            "10.0.0.0/8", "::1", "[fd00::1]", "mail.internal", "*.corp.example", "localhost",
        ])
        #expect(throws: TargetError.self) { try TargetPolicy.validate(allowedHosts: ["10.0.0.0/33"]) }
        #expect(throws: TargetError.self) { try TargetPolicy.validate(allowedHosts: ["bad host"]) }
        #expect(throws: TargetError.self) { try TargetPolicy.validate(allowedHosts: ["*."]) }
    }

    @Test func aNameResolvingToLoopbackIsRefusedWithoutConnecting() async throws {
        let peer = try await ScriptedPeer.start { connection in
            try await connection.send("220 should never be seen\r\n")
        }
        defer { Task { await peer.stop() } }
        let resolver = InMemoryResolver(records: [
            "rebind.test": [.a("127.0.0.1")], "v6.test": [.aaaa("::1")], "mapped.test": [.aaaa("::ffff:127.0.0.1")],
        ])
        let options = ProbeOptions(
            timeout: .seconds(3), stageTimeout: .seconds(1), policy: TargetPolicy(allowedPorts: [peer.port]),
            control: nil)
        let runner = ProbeRunner(resolver: resolver, options: options)
        for name in ["rebind.test", "v6.test", "mapped.test", "127.0.0.1", "[::1]"] {
            let result = await runner.result(.smtp, target: "\(name):\(peer.port)")
            #expect(result.status == .error, "\(name): \(result)")
            #expect(result.has(.probeTargetRefused), "\(name): \(result.findings)")
            #expect(result.findings.first?.message.contains("loopback") == true)
        }
        let imap = await runner.result(.imap, target: "rebind.test:\(peer.port)")
        #expect(imap.has(.probeTargetRefused))
        #expect(peer.connectionCount == 0)
    }

    @Test func nonMailPortsAreRefusedForPublicNames() async throws {
        let resolver = InMemoryResolver(records: ["public.test": [.a("8.8.8.8")]])
        let runner = ProbeRunner(resolver: resolver, options: ProbeOptions(control: nil))
        let result = await runner.result(.smtp, target: "public.test:6379")
        #expect(result.status == .error)
        #expect(result.has(.probeTargetRefused))
        #expect(result.findings.first?.message.contains("Port 6379") == true)
    }
}
