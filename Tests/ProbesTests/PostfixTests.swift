import Foundation
import MailModel
import TestSupport
import Testing

@testable import Probes

/// The smtp and submission probes against a real Postfix on 127.0.0.1 (scripts/mail-fixture.sh):
/// STARTTLS with a self-signed certificate for mail.test (DNS SAN only), SASL through Dovecot.
@Suite(.timeLimit(.minutes(3))) struct PostfixTests {
    private let names = ["mail.test", "other.test"]

    private func options(
        rcpt: String? = nil, user: String? = nil, password: String? = nil, tlsMode: TLSMode? = nil
    ) -> ProbeOptions {
        var options = testOptions(
            timeout: .seconds(15), stage: .seconds(8), rcpt: rcpt, user: user, password: password)
        options.tlsMode = tlsMode
        return options
    }

    @Test func smtpProbeSeesEveryStage() async throws {
        let ports = try MailFixture.ports()
        let result = await testRunner(options(), names: names).result(.smtp, target: "mail.test:\(ports.smtp)")
        #expect(result.status == .warn, "\(result.findings)")
        #expect(result.has(.tlsCertSelfSigned))
        #expect(!result.has(.tlsCertNameMismatch))
        #expect(!result.has(.smtpSTARTTLSMissing))
        let outcomes = result.stageOutcomes
        for stage in ["connect", "banner", "ehlo", "starttls", "tls", "ehlo-after-tls", "quit"] {
            #expect(outcomes[stage] == "ok", "stage \(stage): \(outcomes)")
        }
        let host = try #require(result.endpoints.first)
        let capabilities = (host["capabilities"]?.arrayValue ?? []).compactMap(\.stringValue)
        for keyword in [
            "STARTTLS", "PIPELINING", "SIZE 10240000", "8BITMIME", "SMTPUTF8", "CHUNKING", "ENHANCEDSTATUSCODES",
        ] {
            #expect(capabilities.contains(keyword), "\(capabilities)")
        }
        let extensions = try #require(host["extensions"]?.objectValue)
        #expect(extensions["STARTTLS"] == true)
        #expect(extensions["SIZE"] == .int(10_240_000))
        #expect(extensions["PIPELINING"] == true && extensions["8BITMIME"] == true)
        #expect(extensions["SMTPUTF8"] == true && extensions["CHUNKING"] == true)
        #expect(extensions["ENHANCEDSTATUSCODES"] == true)
        #expect(extensions["AUTH"] == .strings([]))
        #expect(host["greeting_code"] == .int(220))
        #expect(host["greeting"]?.stringValue == "mail.test ESMTP MailDoctor fixture")
        let tls = try #require(host["tls"]?.objectValue)
        #expect(tls["version"] == "TLSv1.3")
        #expect(tls["cipher"]?.stringValue?.hasPrefix("TLS_") == true)
        let certificate = try #require(tls["certificate"]?.objectValue)
        #expect(certificate["names"] == .strings(["mail.test"]))
        #expect(certificate["trust"] == "self-signed")
        #expect(certificate["name_match"] == true)
        #expect(certificate["sha256"]?.stringValue == (try opensslFingerprint(ports.certificatePath)))
        let transcript = (host["transcript"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(transcript.first == "S: 220 mail.test ESMTP MailDoctor fixture")
        #expect(transcript.contains("C: EHLO probe.maildoctor.test"))
        #expect(transcript.contains("C: STARTTLS"))
        #expect(transcript.contains { $0.hasPrefix("* TLS started: TLSv1.3 TLS_") })
        #expect(transcript.last?.hasPrefix("S: 221") == true)
        #expect(result.summary.contains("STARTTLS TLSv1.3, certificate self-signed"))
        let message = try #require(result.finding("tls.cert-self-signed")?.message)
        #expect(message.contains("mail.test:\(ports.smtp)"))
    }

    @Test func certificateNameMismatchIsReported() async throws {
        let ports = try MailFixture.ports()
        let result = await testRunner(options(), names: names).result(.smtp, target: "other.test:\(ports.smtp)")
        let finding = try #require(result.finding("tls.cert-name-mismatch"), "\(result.findings)")
        #expect(finding.severity == .warn)
        #expect(finding.message.contains("certificate for mail.test"))
        #expect(finding.message.contains("reached as other.test"))
    }

    @Test func probingByAddressDoesNotClaimAMismatch() async throws {
        let ports = try MailFixture.ports()
        let result = await testRunner(options()).result(.smtp, target: "127.0.0.1:\(ports.smtp)")
        #expect(!result.has(.tlsCertNameMismatch), "\(result.findings)")
        #expect(result.has(.tlsCertSelfSigned))
        #expect(result.finding("tls.cert-name-unchecked")?.message.contains("(mail.test)") == true)
    }

    @Test func recipientsAreTestedWithoutDATA() async throws {
        let ports = try MailFixture.ports()
        let target = "mail.test:\(ports.smtp)"
        let accepted = await testRunner(options(rcpt: "root@mail.test"), names: names).result(.smtp, target: target)
        #expect(accepted.has(.smtpRCPTAccepted), "\(accepted.findings)")
        #expect(accepted.stageOutcomes["mail-from"] == "ok")
        #expect(accepted.stageOutcomes["rcpt"] == "ok")

        let unknown = await testRunner(options(rcpt: "nosuchuser@mail.test"), names: names).result(
            .smtp, target: target)
        #expect(unknown.status == .fail)
        let rejected = try #require(unknown.finding("smtp.rcpt-rejected"), "\(unknown.findings)")
        #expect(rejected.message.contains("550"))
        #expect(rejected.message.contains("User unknown"))

        let relay = await testRunner(options(rcpt: "someone@example.org"), names: names).result(.smtp, target: target)
        #expect(relay.finding("smtp.rcpt-rejected")?.message.contains("Relay access denied") == true)
        for result in [accepted, unknown, relay] {
            let transcript = result.endpoints.first?["transcript"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(!transcript.contains { $0.hasPrefix("C: DATA") })
            #expect(transcript.contains("C: MAIL FROM:<>"))
        }
    }

    @Test func submissionRequiresTLSBeforeAUTHAndLogsIn() async throws {
        let ports = try MailFixture.ports()
        let result = await testRunner(
            options(user: MailFixture.user, password: MailFixture.password), names: names
        ).result(.submission, target: "mail.test:\(ports.submission)")
        #expect(result.has(FindingCode(rawValue: "submission.login-ok")), "\(result.findings)")
        #expect(!result.has(.submissionAuthBeforeTLS))
        #expect(!result.has(FindingCode(rawValue: "submission.starttls-missing")))
        #expect(result.has(.tlsCertSelfSigned))
        #expect(result.finding("tls.cert-self-signed")?.severity == .fail)
        #expect(result.stageOutcomes["login"] == "ok")
        let endpoint = try #require(result.endpoints.first)
        let before = (endpoint["capabilities"]?.arrayValue ?? []).compactMap(\.stringValue)
        let after = (endpoint["capabilities_after_tls"]?.arrayValue ?? []).compactMap(\.stringValue)
        #expect(!before.contains { $0.hasPrefix("AUTH") })
        #expect(after.contains("AUTH PLAIN LOGIN"))
        #expect(endpoint["extensions"]?.objectValue?["AUTH"] == .strings(["PLAIN", "LOGIN"]))
        #expect(endpoint["extensions"]?.objectValue?["AUTH_BEFORE_TLS"] == .strings([]))
        assertNoSecrets(result)
    }

    @Test func wrongSubmissionPasswordIsReportedAndNotShown() async throws {
        let ports = try MailFixture.ports()
        let secret = "Wr0ng-s3cret-\(UInt32.random(in: 0...UInt32.max))"
        let result = await testRunner(options(user: MailFixture.user, password: secret), names: names)
            .result(.submission, target: "mail.test:\(ports.submission)")
        let finding = try #require(result.finding("submission.login-failed"), "\(result.findings)")
        #expect(finding.message.contains("535"))
        #expect(result.status == .fail)
        assertNoSecrets(result, password: secret)
    }

    @Test func implicitTLSSubmission() async throws {
        let ports = try MailFixture.ports()
        let result = await testRunner(
            options(user: MailFixture.user, password: MailFixture.password, tlsMode: .implicit), names: names
        ).result(.submission, target: "mail.test:\(ports.submissions)")
        #expect(result.stageOutcomes["tls-connect"] == "ok", "\(result.stageOutcomes)")
        #expect(result.stageOutcomes["banner"] == "ok")
        #expect(result.has(FindingCode(rawValue: "submission.login-ok")), "\(result.findings)")
        #expect(result.endpoints.first?["tls_mode"] == "implicit")
        assertNoSecrets(result)
    }

    @Test func plainTextAtTheImplicitTLSPortIsExplained() async throws {
        let ports = try MailFixture.ports()
        var plain = options(tlsMode: .starttls)
        plain.stageTimeout = .seconds(1)
        let result = await testRunner(plain, names: names).result(.submission, target: "mail.test:\(ports.submissions)")
        #expect(result.status == .error, "\(result.findings)")
        #expect(result.has(FindingCode(rawValue: "submission.timeout")))
    }

    private func assertNoSecrets(_ result: CheckResult, password: String = MailFixture.password) {
        let text =
            result.json + CheckRendering.text(CheckReport(target: "x", checks: [result]))
            + ProbeRendering.transcripts(result)
        #expect(!text.contains(password))
        #expect(!text.contains(LoginCredentials.plainResponse(user: MailFixture.user, password: password)))
        #expect(!text.contains(LoginCredentials.base64(password)))
    }

    private func opensslFingerprint(_ path: String) throws -> String {
        let output = try Binary.run("/usr/bin/openssl", ["x509", "-in", path, "-noout", "-fingerprint", "-sha256"])
        return output.stdout.split(separator: "=", maxSplits: 1).last.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        } ?? ""
    }
}
