import Localization
import MailModel
import NIOCore

/// Speaks POP3 with one server: greeting, CAPA, STLS, TLS, CAPA again, optionally USER/PASS, then QUIT.
struct POP3Dialog: Sendable {
    var implicitTLS: Bool
    var serverName: String?
    var login: LoginCredentials?
    var inspector: CertificateInspector

    func run(_ session: ProbeSession, addresses: [IPAddress]) async {
        do throws(StageFailure) {
            let text = try await session.openMailbox(
                addresses: addresses, implicitTLS: implicitTLS, serverName: serverName, inspector: inspector
            ) { $0.hasPrefix("+OK") || $0.hasPrefix("-ERR") }
            guard text.hasPrefix("+OK") else {
                session.end(.failed, text)
                await session.close()
                return
            }
            session.end(.ok, text)

            session.begin(.capability)
            var capabilities = try await capa(session)
            session.update {
                $0.capabilities = capabilities ?? []
                $0.offersStartTLS = capabilities?.contains("STLS") ?? false
            }
            session.end(.ok, capabilities?.joined(separator: " ") ?? "CAPA not supported")

            if !implicitTLS {
                if capabilities?.contains("STLS") ?? true {
                    session.begin(.starttls)
                    try await session.send("STLS")
                    let reply = SafeText.clean(try await session.readLine())
                    if reply.hasPrefix("+OK") {
                        session.update { $0.offersStartTLS = true }
                        session.end(.ok, reply)
                        session.begin(.tls)
                        try await session.establishTLS(serverName: serverName, inspector: inspector)
                        session.begin(.capabilityAfterTLS)
                        capabilities = try await capa(session)
                        session.update { $0.capabilitiesAfterTLS = capabilities ?? [] }
                        session.end(.ok, capabilities?.joined(separator: " ") ?? "CAPA not supported")
                    } else {
                        if capabilities != nil { session.update { $0.startTLSRefusal = reply } }
                        session.end(.failed, reply)
                    }
                } else {
                    session.skip(.starttls, "not offered")
                    session.skip(.tls, "no STLS")
                }
            }
            if let login {
                try await authenticate(session, login, capabilities: capabilities ?? [])
            }
            session.begin(.quit, limit: .seconds(2))
            do {
                try await session.send("QUIT")
                session.end(.ok, SafeText.clean(try await session.readLine()))
            } catch {
                session.end(.error, error.reasonCode)
            }
        } catch {
            session.record(error)
        }
        await session.close()
    }

    /// CAPA: the capability names (upper case, first word of each line), or nil when CAPA is not supported.
    private func capa(_ session: ProbeSession) async throws(StageFailure) -> [String]? {
        try await session.send("CAPA")
        let first = try await session.readLine()
        if first.starts(with: Array("-ERR".utf8)) { return nil }
        guard first.starts(with: Array("+OK".utf8)) else {
            throw StageFailure(
                stage: session.currentStage, kind: .garbage(.verbatim(SafeText.clean(first, limit: 120))))
        }
        var names: [String] = []
        while true {
            var line = try await session.readLine()
            if line == [0x2E] { return names }
            if line.first == 0x2E { line.removeFirst() }
            names.append(SafeText.clean(line, limit: 200).uppercased())
            if names.count > 500 { throw StageFailure(stage: session.currentStage, kind: .tooManyLines(500)) }
        }
    }

    private func authenticate(_ session: ProbeSession, _ login: LoginCredentials, capabilities: [String])
        async throws(StageFailure)
    {
        guard session.report.tls != nil else {
            session.update { $0.login = .skipped(L("the connection is not encrypted, so the password was not sent")) }
            session.skip(.login, "no TLS")
            return
        }
        guard let password = login.password(), LoginCredentials.isLineSafe(login.user),
            LoginCredentials.isLineSafe(password)
        else {
            session.update { $0.login = .skipped(L("no usable password was given")) }
            session.skip(.login, "no password")
            return
        }
        session.begin(.login)
        var reply: String
        let sasl = capabilities.first { $0.hasPrefix("SASL") }?.split(separator: " ").map(String.init) ?? []
        if !capabilities.isEmpty && !capabilities.contains("USER") && sasl.contains("PLAIN") {
            try await session.send(
                "AUTH PLAIN " + LoginCredentials.plainResponse(user: login.user, password: password),
                shown: "AUTH PLAIN [credentials hidden]")
            reply = SafeText.clean(try await session.readLine())
        } else {
            try await session.send("USER \(login.user)")
            reply = SafeText.clean(try await session.readLine())
            if reply.hasPrefix("+OK") {
                try await session.send("PASS \(password)", shown: "PASS [password hidden]")
                reply = SafeText.clean(try await session.readLine())
            }
        }
        if reply.hasPrefix("+OK") {
            session.update { $0.login = .accepted }
            session.end(.ok, reply)
        } else {
            session.update { $0.login = .rejected(reply) }
            session.end(.failed, reply)
        }
    }
}
