import Foundation
import TestSupport
import Testing

/// `maildoctor check --only smtp,…` and the conversation's probes, run as a user would, against the
/// Postfix + Dovecot fixture (scripts/mail-fixture.sh, started by scripts/with-fixtures.sh).
@Suite(.serialized) struct CheckProbeTests {
    /// Runs `body` with the ports of the mail fixture that scripts/with-fixtures.sh started.
    static func withFixture(_ body: (MailFixture.Ports) throws -> Void) throws {
        try body(try MailFixture.ports())
    }

    @Test func smtpProbeGivesAPlainDiagnosisAndJSON() throws {
        try Self.withFixture { ports in
            let target = "127.0.0.1:\(ports.smtp)"
            let text = try Binary.maildoctor(["check", "--only", "smtp", "--allow-private", "--transcript", target])
            #expect(text.status == 0)
            #expect(text.stdout.contains("STARTTLS TLSv1.3"))
            #expect(text.stdout.contains("self-signed"))
            #expect(text.stdout.contains("S: 220 mail.test"))
            #expect(text.stdout.contains("C: STARTTLS"))

            let json = try Binary.maildoctor(["check", "--json", "--only", "smtp", "--allow-private", target])
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let checks = object?["checks"] as? [[String: Any]]
            #expect(checks?.count == 1)
            #expect(checks?.first?["id"] as? String == "smtp")
            #expect(checks?.first?["status"] as? String == "warn")
            let codes = (checks?.first?["findings"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
            #expect(codes?.contains("tls.cert-self-signed") == true)
        }
    }

    @Test func withoutAllowPrivateNothingIsProbedOffATerminal() throws {
        try Self.withFixture { ports in
            let target = "127.0.0.1:\(ports.smtp)"
            let output = try Binary.maildoctor(["check", "--only", "smtp", target])
            #expect(output.stdout.contains("probe.target-refused"))
            #expect(!output.stdout.contains("STARTTLS"))
            // The conversation refuses too, and says why.
            let chat = try Binary.maildoctor([], stdin: "check smtp 127.0.0.1:25")
            #expect(chat.stdout.contains("I did not probe 127.0.0.1:25: 127.0.0.1 is a loopback address"))
        }
    }

    @Test func imapLoginPasswordComesFromTheEnvironmentAndIsNeverShown() throws {
        try Self.withFixture { ports in
            let target = "\(ports.dovecotAddress):\(ports.imap)"
            let output = try Binary.maildoctor(
                ["check", "--only", "imap", "--allow-private", "--login", "fixture", "--transcript", target],
                environment: ["MAILDOCTOR_PASSWORD": "fixture-password"])
            #expect(output.stdout.contains("imap"))
            #expect(output.stdout.contains("[imap.login-ok]"))
            #expect(!output.stdout.contains("fixture-password"))
            #expect(!output.stderr.contains("fixture-password"))
        }
    }

    @Test func probeOptionsAreCheckedBeforeAnythingRuns() throws {
        let rcpt = try Binary.maildoctor(["check", "--rcpt", "bob@example.com", "example.com"])
        #expect(rcpt.status != 0)
        #expect(rcpt.stderr.contains("--rcpt needs the smtp probe"))
        let tls = try Binary.maildoctor(["check", "--only", "imap", "--tls", "sometimes", "example.com"])
        #expect(tls.status != 0)
        #expect(tls.stderr.contains("--tls must be starttls or implicit"))
        let hosts = try Binary.maildoctor(["check", "--allow-hosts", "not a host!", "example.com"])
        #expect(hosts.status != 0)
        #expect(hosts.stderr.contains("--allow-hosts"))
    }
}
