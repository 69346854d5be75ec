import Foundation
import MailModel
import NIOSSL
import TestSupport
import Testing

@testable import Probes

/// Certificates made in-process, served by scripted TLS peers: trusted chains, expired, unknown issuer.
@Suite(.timeLimit(.minutes(2))) struct CertificateTests {
    private func probe(
        _ context: NIOSSLContextBox, name: String = "mail.test", roots: [[UInt8]] = [], id: CheckID = .smtp,
        afterStartTLS: String = ""
    ) async throws -> CheckResult {
        let peer = try await ScriptedPeer.start(PeerScripts.smtp(tls: context.context, afterStartTLS: afterStartTLS))
        defer { Task { await peer.stop() } }
        return await testRunner(testOptions(roots: roots), names: [name]).result(id, target: "\(name):\(peer.port)")
    }

    @Test func trustedChainPasses() async throws {
        let authority = try TestCertificates.authority()
        let leaf = try TestCertificates.leaf(names: ["mail.test"], issuer: authority)
        let result = try await probe(NIOSSLContextBox(leaf), roots: [authority.der])
        #expect(result.status == .pass, "\(result.findings)")
        let ok = try #require(result.finding("tls.ok"))
        #expect(ok.message.contains("trusted"))
        #expect(result.has(.smtpOK))
        let certificate = result.endpoints.first?["tls"]?.objectValue?["certificate"]?.objectValue
        #expect(certificate?["trust"] == "trusted")
        #expect(certificate?["sha256"]?.stringValue == CertificateInspector.fingerprint(leaf.der))
    }

    @Test func expiredCertificateNamesTheDate() async throws {
        let authority = try TestCertificates.authority()
        let expiry = Date(timeIntervalSince1970: 1_709_251_200)
        let leaf = try TestCertificates.leaf(
            names: ["mail.test"], issuer: authority, notBefore: expiry - 90 * TestCertificates.day, notAfter: expiry)
        let result = try await probe(NIOSSLContextBox(leaf), roots: [authority.der])
        let finding = try #require(result.finding("tls.cert-expired"), "\(result.findings)")
        #expect(finding.message.contains("answers, but its certificate expired on 2024-03-01"))
        #expect(finding.severity == .warn)
        let submission = try await probe(NIOSSLContextBox(leaf), roots: [authority.der], id: .submission)
        #expect(submission.finding("tls.cert-expired")?.severity == .fail)
    }

    @Test func unknownIssuerExplainsTheMissingIntermediate() async throws {
        let authority = try TestCertificates.authority(name: "Private Corp CA")
        let leaf = try TestCertificates.leaf(names: ["mail.test"], issuer: authority)
        let result = try await probe(NIOSSLContextBox(leaf))
        let finding = try #require(result.finding("tls.cert-unknown-issuer"), "\(result.findings)")
        #expect(finding.message.contains("Private Corp CA"))
        #expect(finding.message.contains("intermediate"))
    }

    @Test func selfSignedAndMismatchedTogether() async throws {
        let leaf = try TestCertificates.leaf(names: ["www.elsewhere.test"], issuer: nil)
        let result = try await probe(NIOSSLContextBox(leaf))
        #expect(result.has(.tlsCertSelfSigned))
        let mismatch = try #require(result.finding("tls.cert-name-mismatch"))
        #expect(mismatch.message.contains("www.elsewhere.test"))
        #expect(result.summary.contains("certificate self-signed"))
    }

    @Test func silenceAfterTheHandshakeEndsWithinTheStageDeadline() async throws {
        let leaf = try TestCertificates.leaf(names: ["mail.test"], issuer: nil)
        let context = try NIOSSLContextBox(leaf).context
        let peer = try await ScriptedPeer.start { connection in
            try await connection.send("220 peer.test ESMTP\r\n")
            _ = try await connection.readLine()
            try await connection.send("250-peer.test\r\n250 STARTTLS\r\n")
            _ = try await connection.readLine()
            try await connection.replyThenStartTLS("220 go ahead\r\n", context: context)
            await connection.waitForClose()
        }
        defer { Task { await peer.stop() } }
        let started = ContinuousClock.now
        let result = await testRunner(testOptions(timeout: .seconds(6), stage: .seconds(2)), names: ["mail.test"])
            .result(
                .smtp, target: "mail.test:\(peer.port)")
        #expect(result.stageOutcomes["tls"] == "ok", "\(result.stageOutcomes)")
        #expect(result.stageOutcomes["ehlo-after-tls"] == "error")
        #expect(result.finding("smtp.timeout")?.message.contains("EHLO after TLS") == true)
        // The silent stage ends at its 2 s deadline (slack for a loaded machine); the whole probe within
        // its 6 s total.
        #expect((result.stageMilliseconds["ehlo-after-tls"] ?? .max) < 2_700)
        #expect(ContinuousClock.now - started < .seconds(7))
    }

    @Test func linesInjectedBeforeTheHandshakeAreReported() async throws {
        let authority = try TestCertificates.authority()
        let leaf = try TestCertificates.leaf(names: ["mail.test"], issuer: authority)
        let result = try await probe(
            NIOSSLContextBox(leaf), roots: [authority.der], afterStartTLS: "250 injected\r\n")
        #expect(result.has(.smtpSTARTTLSInjection), "\(result.findings)")
        #expect(result.endpoints.first?["lines_before_tls"] == .int(1))
    }
}

/// Wraps a server context built from an identity.
struct NIOSSLContextBox {
    let context: NIOSSLContext

    init(_ identity: TestCertificates.Identity) throws {
        context = try TestCertificates.serverContext(identity)
    }
}
