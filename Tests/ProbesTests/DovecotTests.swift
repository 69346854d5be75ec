import MailModel
import Synchronization
import TestSupport
import Testing

@testable import Probes

/// The imap and pop3 probes against a real Dovecot on 127.0.0.1 (scripts/mail-fixture.sh): STARTTLS/STLS
/// and implicit TLS, with a login test.
@Suite(.timeLimit(.minutes(3))) struct DovecotTests {
    private func options(password: String? = nil, tlsMode: TLSMode? = nil) -> ProbeOptions {
        var options = testOptions(
            timeout: .seconds(15), stage: .seconds(8), user: password == nil ? nil : MailFixture.user,
            password: password)
        options.tlsMode = tlsMode
        return options
    }

    /// Runs probe `id` against Dovecot, named mail.test, on the port `port` picks.
    private func probe(
        _ id: CheckID, on port: KeyPath<MailFixture.Ports, Int>, password: String? = nil, tlsMode: TLSMode? = nil
    ) async throws -> CheckResult {
        let ports = try MailFixture.ports()
        return await testRunner(
            options(password: password, tlsMode: tlsMode), names: ["mail.test"], address: ports.dovecotAddress
        )
        .result(id, target: "mail.test:\(ports[keyPath: port])")
    }

    /// Expects every stage of a STARTTLS (or STLS) session with a login to have succeeded.
    private func expectEveryStageOK(_ result: CheckResult) {
        let outcomes = result.stageOutcomes
        for stage in ["connect", "greeting", "capability", "starttls", "tls", "capability-after-tls", "login", "quit"] {
            #expect(outcomes[stage] == "ok", "stage \(stage): \(outcomes)")
        }
    }

    @Test func imapWithSTARTTLSAndLogin() async throws {
        let result = try await probe(.imap, on: \.imap, password: MailFixture.password)
        #expect(result.has(FindingCode(rawValue: "imap.login-ok")), "\(result.findings)")
        #expect(result.has(.tlsCertSelfSigned))
        #expect(!result.has(.imapPlaintextLogin))
        #expect(!result.has(FindingCode(rawValue: "imap.starttls-missing")))
        expectEveryStageOK(result)
        let endpoint = try #require(result.endpoints.first)
        let before = (endpoint["capabilities"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(before.contains("STARTTLS"))
        #expect(before.contains("LOGINDISABLED"))
        #expect(endpoint["greeting"]?.stringValue?.contains("MailDoctor fixture ready.") == true)
        #expect(endpoint["tls"]?.objectValue?["version"] == "TLSv1.3")
        assertNoSecret(result, MailFixture.password)
    }

    @Test func imapsWithWrongPassword() async throws {
        let secret = "not-the-password-\(UInt32.random(in: 0...UInt32.max))"
        let result = try await probe(.imap, on: \.imaps, password: secret, tlsMode: .implicit)
        #expect(result.stageOutcomes["tls-connect"] == "ok", "\(result.stageOutcomes)")
        let finding = try #require(result.finding("imap.login-failed"), "\(result.findings)")
        #expect(finding.message.contains("NO"))
        #expect(result.status == .fail)
        assertNoSecret(result, secret)
    }

    @Test func pop3WithSTLSAndLogin() async throws {
        let result = try await probe(.pop3, on: \.pop3, password: MailFixture.password)
        #expect(result.has(FindingCode(rawValue: "pop3.login-ok")), "\(result.findings)")
        #expect(!result.has(.pop3PlaintextLogin))
        expectEveryStageOK(result)
        let transcript = result.endpoints.first?["transcript"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(transcript.contains("C: STLS"))
        #expect(transcript.contains("C: PASS [password hidden]"))
        assertNoSecret(result, MailFixture.password)
    }

    @Test func pop3sWithoutLogin() async throws {
        let result = try await probe(.pop3, on: \.pop3s, tlsMode: .implicit)
        #expect(result.stageOutcomes["tls-connect"] == "ok", "\(result.stageOutcomes)")
        #expect(result.stageOutcomes["capability"] == "ok")
        #expect(result.has(.tlsCertSelfSigned))
        #expect(!result.has(FindingCode(rawValue: "pop3.login-ok")))
        #expect(result.summary.contains("TLSv1.3, certificate self-signed"))
    }

    @Test func loginIsNeverAttemptedWithoutTLS() async throws {
        let peer = try await ScriptedPeer.start { connection in
            try await connection.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] plain only\r\n")
            while let line = try await connection.readLine() {
                let tag = line.split(separator: " ").first.map(String.init) ?? "*"
                if line.uppercased().hasSuffix("CAPABILITY") {
                    try await connection.send("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n\(tag) OK done\r\n")
                } else if line.uppercased().hasSuffix("LOGOUT") {
                    try await connection.send("* BYE\r\n\(tag) OK bye\r\n")
                    return
                } else {
                    try await connection.send("\(tag) BAD unexpected\r\n")
                }
            }
        }
        defer { Task { await peer.stop() } }
        let asked = PasswordProbe()
        var options = testOptions(user: "someone")
        options.password = { asked.ask() }
        let result = await testRunner(options).result(.imap, target: "127.0.0.1:\(peer.port)")
        #expect(result.has(FindingCode(rawValue: "imap.starttls-missing")), "\(result.findings)")
        #expect(result.finding("imap.login-skipped")?.message.contains("not encrypted") == true)
        #expect(asked.count == 0)
    }

    private func assertNoSecret(_ result: CheckResult, _ password: String) {
        let text = result.json + ProbeRendering.transcripts(result)
        #expect(!text.contains(password))
        #expect(!text.contains(LoginCredentials.plainResponse(user: MailFixture.user, password: password)))
    }
}

/// Counts how often the password was asked for.
final class PasswordProbe: Sendable {
    private let calls = Mutex(0)
    var count: Int { calls.withLock { $0 } }
    func ask() -> String? {
        calls.withLock { $0 += 1 }
        return "never-sent"
    }
}
