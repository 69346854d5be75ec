import DNSResolver
import MailModel
import TestSupport
import Testing

@testable import Probes

@Suite(.timeLimit(.minutes(2))) struct ProbeRunnerTests {
    @Test func streamsOneResultPerRequestedProbe() async throws {
        let peer = try await ScriptedPeer.start(PeerScripts.smtp())
        defer { Task { await peer.stop() } }
        let runner = testRunner(testOptions())
        var ids: [CheckID] = []
        for await result in runner.run([.smtp, .mx, .submission], target: "127.0.0.1:\(peer.port)") {
            ids.append(result.id)
            #expect(result.elapsedMS >= 0)
        }
        #expect(Set(ids) == [.smtp, .submission])
    }

    @Test func badTargetsGiveAnErrorResult() async {
        let result = await testRunner(testOptions()).result(.imap, target: "not a host:99")
        #expect(result.status == .error)
        #expect(result.has(.probeBadTarget))
    }

    @Test func mxHostsAreProbedInPreferenceOrder() async {
        let resolver = InMemoryResolver(
            records: [
                "nullmx.test": [.mx(preference: 0, exchange: "")],
                "mx.test": [.mx(preference: 20, exchange: "b.mx.test"), .mx(preference: 10, exchange: "a.mx.test")],
                "a.mx.test": [], "b.mx.test": [],
            ], unknownNames: .nxdomain)
        let runner = ProbeRunner(resolver: resolver, options: testOptions())
        let null = await runner.result(.smtp, target: "nullmx.test")
        #expect(null.has(.smtpNullMX))
        #expect(null.status == .info)
        let missing = await runner.result(.smtp, target: "nowhere.test")
        #expect(missing.has(.smtpNoSuchDomain))
        #expect(missing.status == .fail)
        let noAddress = await runner.result(.smtp, target: "mx.test")
        let hosts = noAddress.endpoints.compactMap { $0["host"]?.stringValue }
        #expect(hosts == ["a.mx.test", "b.mx.test"])
        #expect(noAddress.has(FindingCode(rawValue: "smtp.host-not-found")))
        #expect(noAddress.summary.hasPrefix("2 MX hosts"))
    }

    @Test func serviceOnABareDomainWithoutAddressSuggestsAServerName() async {
        let resolver = InMemoryResolver(records: ["noaddr.test": []])
        let result = await ProbeRunner(resolver: resolver, options: testOptions()).result(.imap, target: "noaddr.test")
        #expect(result.status == .fail)
        let finding = result.finding("imap.host-not-found")
        #expect(finding?.message.contains("imap.noaddr.test") == true)
        #expect(result.summary == "noaddr.test: name has no address")
        #expect(result.endpoints.map { $0["port"] } == [.int(143), .int(993)])
        // Both ports fail alike: the finding is said once.
        #expect(result.findings.filter { $0.code.rawValue == "imap.host-not-found" }.count == 1)
    }

    /// A server's name that does not resolve gets no "try mail.<name>" hint: `mail.ssl0.ovh.net` is no name
    /// anyone uses.
    @Test func aServerNameGetsNoMadeUpServerName() async {
        let resolver = InMemoryResolver(records: [:], unknownNames: .nxdomain)
        let result = await ProbeRunner(resolver: resolver, options: testOptions()).result(
            .imap, target: "ssl0.ovh.test")
        let finding = result.finding("imap.host-not-found")
        #expect(finding != nil)
        #expect(finding?.message.contains("imap.ssl0") == false)
        #expect(ServiceAssessment.looksLikeBareDomain("example.co.uk"))
        #expect(!ServiceAssessment.looksLikeBareDomain("mail.example.org"))
        #expect(!ServiceAssessment.looksLikeBareDomain("ssl0.ovh.net"))
    }

    @Test func renderingGivesOneLineAndTheTranscript() async throws {
        let peer = try await ScriptedPeer.start(PeerScripts.smtp(banner: "220 peer.test \u{1B}[31mred"))
        defer { Task { await peer.stop() } }
        let result = await testRunner(testOptions()).result(.smtp, target: "127.0.0.1:\(peer.port)")
        let line = ProbeRendering.line(result)
        #expect(line.hasPrefix("SMTP       WARN  127.0.0.1:\(peer.port) "))
        #expect(!line.contains("\n"))
        let transcript = ProbeRendering.transcripts(result)
        #expect(transcript.contains("S: 220 peer.test \\x1b[31mred"))
        #expect(!transcript.contains("\u{1B}"))
        #expect(ProbeRendering.stages(result).contains("connect ok"))
        let report = CheckRendering.text(CheckReport(target: "x", checks: [result]))
        #expect(report.contains("smtp.starttls-missing"))
    }
}
