import Localization
import MailModel
import NIOCore

/// Speaks SMTP with one server the way a careful client does: connect, banner, EHLO, STARTTLS, TLS,
/// EHLO again, optionally AUTH or MAIL FROM:<> + RCPT TO, then QUIT — never DATA.
struct SMTPDialog: Sendable {
    var ehloName: String
    /// TLS from the first byte (port 465) instead of STARTTLS.
    var implicitTLS: Bool
    /// The host name the probe connects to: sent as SNI, checked against the certificate.
    var serverName: String?
    /// Test this recipient with MAIL FROM:<> and RCPT TO.
    var recipient: String?
    /// Test a login with these credentials (only after TLS).
    var login: LoginCredentials?
    var inspector: CertificateInspector

    /// Runs the dialog; every outcome ends up in the session's report.
    func run(_ session: ProbeSession, addresses: [IPAddress], connectLimit: NIODeadline? = nil) async {
        do throws(StageFailure) {
            try await session.connect(to: addresses, port: session.report.port, until: connectLimit)
            if implicitTLS {
                session.begin(.tlsConnect)
                try await session.establishTLS(serverName: serverName, inspector: inspector)
            }
            guard try await banner(session) else {
                await quit(session)
                await session.close()
                return
            }
            guard try await ehlo(session, stage: .ehlo) else {
                await quit(session)
                await session.close()
                return
            }
            if !implicitTLS {
                try await startTLS(session)
            }
            if let login {
                try await authenticate(session, login)
            }
            if let recipient {
                try await testRecipient(session, recipient)
            }
            await quit(session)
        } catch {
            session.record(error)
        }
        await session.close()
    }

    /// Reads the greeting; false when the server refuses service (4xx/5xx banner).
    private func banner(_ session: ProbeSession) async throws(StageFailure) -> Bool {
        session.begin(.banner)
        let reply = try await readReply(session)
        let delay = session.millisecondsSinceConnect
        session.update {
            $0.greetingCode = reply.code
            $0.greeting = reply.lines.joined(separator: " / ")
            $0.greetingDelayMS = delay
        }
        if reply.code == 220 {
            session.end(.ok, "\(reply.code) after \(delay) ms")
            return true
        }
        session.end(.failed, reply.summary)
        return false
    }

    /// EHLO (HELO when EHLO is refused); false when neither is accepted.
    private func ehlo(_ session: ProbeSession, stage: ProbeStage) async throws(StageFailure) -> Bool {
        session.begin(stage)
        let ehloName = ProbeOptions.isUsableEHLOName(self.ehloName) ? self.ehloName : "maildoctor.invalid"
        try await session.send("EHLO \(ehloName)")
        let reply = try await readReply(session)
        if reply.code == 250 {
            let capabilities = SMTPCapabilities(reply: reply)
            session.update {
                if stage == .ehlo {
                    $0.capabilities = capabilities.lines
                    $0.offersStartTLS = capabilities.has("STARTTLS")
                } else {
                    $0.capabilitiesAfterTLS = capabilities.lines
                }
            }
            session.end(.ok, capabilities.notablePresent.joined(separator: " "))
            return true
        }
        guard stage == .ehlo, (500..<600).contains(reply.code) else {
            session.end(.failed, reply.summary)
            return false
        }
        try await session.send("HELO \(ehloName)")
        let helo = try await readReply(session)
        session.update { $0.usedHELO = true }
        if helo.code == 250 {
            session.end(.ok, "EHLO refused (\(reply.summary)); HELO accepted")
            return true
        }
        session.end(.failed, "EHLO: \(reply.summary); HELO: \(helo.summary)")
        return false
    }

    private func startTLS(_ session: ProbeSession) async throws(StageFailure) {
        guard session.report.offersStartTLS else {
            session.skip(.starttls, "not offered")
            session.skip(.tls, "no STARTTLS")
            return
        }
        session.begin(.starttls)
        try await session.send("STARTTLS")
        let reply = try await readReply(session)
        guard reply.code == 220 else {
            session.update { $0.startTLSRefusal = reply.summary }
            session.end(.failed, reply.summary)
            return
        }
        session.end(.ok, reply.summary)
        session.begin(.tls)
        try await session.establishTLS(serverName: serverName, inspector: inspector)
        _ = try await ehlo(session, stage: .ehloAfterTLS)
    }

    private func authenticate(_ session: ProbeSession, _ login: LoginCredentials) async throws(StageFailure) {
        guard session.report.tls != nil else {
            session.update { $0.login = .skipped(L("the connection is not encrypted, so the password was not sent")) }
            session.skip(.login, "no TLS")
            return
        }
        let mechanisms = SMTPCapabilities(lines: session.report.effectiveCapabilities).authMechanisms
        guard mechanisms.contains("PLAIN") || mechanisms.contains("LOGIN") else {
            session.update { $0.login = .skipped(L("the server offers no password login (AUTH PLAIN or LOGIN)")) }
            session.skip(.login, "no AUTH PLAIN/LOGIN")
            return
        }
        guard let password = login.password(), LoginCredentials.isLineSafe(login.user) else {
            session.update { $0.login = .skipped(L("no password was given")) }
            session.skip(.login, "no password")
            return
        }
        session.begin(.login)
        var reply: SMTPReply
        if mechanisms.contains("PLAIN") {
            try await session.send(
                "AUTH PLAIN " + LoginCredentials.plainResponse(user: login.user, password: password),
                shown: "AUTH PLAIN [credentials hidden]")
            reply = try await readReply(session)
            if reply.code == 334 {
                try await session.send(
                    LoginCredentials.plainResponse(user: login.user, password: password),
                    shown: "[credentials hidden]")
                reply = try await readReply(session)
            }
        } else {
            try await session.send("AUTH LOGIN")
            reply = try await readReply(session)
            if reply.code == 334 {
                try await session.send(LoginCredentials.base64(login.user), shown: "[user name, base64]")
                reply = try await readReply(session)
            }
            if reply.code == 334 {
                try await session.send(LoginCredentials.base64(password), shown: "[password hidden]")
                reply = try await readReply(session)
            }
        }
        let summary = reply.summary
        if reply.code == 235 {
            session.update { $0.login = .accepted }
            session.end(.ok, summary)
        } else {
            session.update { $0.login = .rejected(summary) }
            session.end(.failed, summary)
        }
    }

    private func testRecipient(_ session: ProbeSession, _ address: String) async throws(StageFailure) {
        session.begin(.mailFrom)
        try await session.send("MAIL FROM:<>")
        let sender = try await readReply(session)
        guard sender.code == 250 else {
            session.update {
                $0.recipient = EndpointReport.RecipientOutcome(
                    address: address, senderReply: sender.summary, code: nil, reply: "")
            }
            session.end(.failed, sender.summary)
            return
        }
        session.end(.ok, sender.summary)
        session.begin(.rcpt)
        try await session.send("RCPT TO:<\(address)>")
        let reply = try await readReply(session)
        session.update {
            $0.recipient = EndpointReport.RecipientOutcome(
                address: address, senderReply: sender.summary, code: reply.code, reply: reply.summary)
        }
        session.end(reply.isPositive ? .ok : .failed, reply.summary)
    }

    /// QUIT with a short deadline; a server that does not answer it does not fail the probe.
    private func quit(_ session: ProbeSession) async {
        session.begin(.quit, limit: .seconds(2))
        do throws(StageFailure) {
            try await session.send("QUIT")
            let reply = try await readReply(session)
            session.end(.ok, reply.summary)
        } catch {
            session.end(.error, error.reasonCode)
        }
    }

    /// Reads one complete reply (all its lines) within the current stage.
    private func readReply(_ session: ProbeSession) async throws(StageFailure) -> SMTPReply {
        var lines: [String] = []
        var code = 0
        while true {
            let raw = try await session.readLine()
            guard let line = SMTPReplyLine(raw) else {
                throw StageFailure(
                    stage: session.currentStage, kind: .garbage(.verbatim(SafeText.clean(raw, limit: 120))))
            }
            if lines.isEmpty { code = line.code }
            lines.append(line.text)
            if line.isLast { return SMTPReply(code: code, lines: lines) }
            if lines.count >= 500 { throw StageFailure(stage: session.currentStage, kind: .tooManyLines(500)) }
        }
    }
}
