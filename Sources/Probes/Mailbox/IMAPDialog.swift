import Localization
import MailModel
import NIOCore

/// Speaks IMAP with one server: greeting, CAPABILITY, STARTTLS, TLS, CAPABILITY again, optionally a
/// login, then LOGOUT.
struct IMAPDialog: Sendable {
    var implicitTLS: Bool
    var serverName: String?
    var login: LoginCredentials?
    var inspector: CertificateInspector

    /// A tagged completion: OK, NO or BAD with its text, and the untagged lines before it.
    private struct Completion {
        var status: String
        var text: String
        var untagged: [String]
    }

    func run(_ session: ProbeSession, addresses: [IPAddress]) async {
        var tagNumber = 0
        func nextTag() -> String {
            tagNumber += 1
            return "a\(tagNumber)"
        }
        do throws(StageFailure) {
            let greetingText = try await session.openMailbox(
                addresses: addresses, implicitTLS: implicitTLS, serverName: serverName, inspector: inspector
            ) { text in
                let upper = text.uppercased()
                return upper.hasPrefix("* OK") || upper.hasPrefix("* PREAUTH") || upper.hasPrefix("* BYE")
            }
            let upper = greetingText.uppercased()
            if upper.hasPrefix("* BYE") {
                session.end(.failed, greetingText)
                await session.close()
                return
            }
            session.end(.ok, greetingText)

            session.begin(.capability)
            var capabilities = try await capability(session, tag: nextTag())
            session.update {
                $0.capabilities = capabilities
                $0.offersStartTLS = capabilities.contains("STARTTLS")
            }
            session.end(.ok, capabilities.joined(separator: " "))

            if !implicitTLS {
                if capabilities.contains("STARTTLS") {
                    session.begin(.starttls)
                    let tag = nextTag()
                    try await session.send("\(tag) STARTTLS")
                    let reply = try await completion(session, tag: tag)
                    if reply.status == "OK" {
                        session.end(.ok, reply.text)
                        session.begin(.tls)
                        try await session.establishTLS(serverName: serverName, inspector: inspector)
                        session.begin(.capabilityAfterTLS)
                        capabilities = try await capability(session, tag: nextTag())
                        session.update { $0.capabilitiesAfterTLS = capabilities }
                        session.end(.ok, capabilities.joined(separator: " "))
                    } else {
                        session.update { $0.startTLSRefusal = "\(reply.status) \(reply.text)" }
                        session.end(.failed, "\(reply.status) \(reply.text)")
                    }
                } else {
                    session.skip(.starttls, "not offered")
                    session.skip(.tls, "no STARTTLS")
                }
            }
            if let login {
                try await authenticate(session, login, capabilities: capabilities, tag: nextTag())
            }
            session.begin(.quit, limit: .seconds(2))
            do {
                let tag = nextTag()
                try await session.send("\(tag) LOGOUT")
                let reply = try await completion(session, tag: tag)
                session.end(.ok, "\(reply.status) \(reply.text)")
            } catch {
                session.end(.error, error.reasonCode)
            }
        } catch {
            session.record(error)
        }
        await session.close()
    }

    private func capability(_ session: ProbeSession, tag: String) async throws(StageFailure) -> [String] {
        try await session.send("\(tag) CAPABILITY")
        let reply = try await completion(session, tag: tag)
        var words: [String] = []
        for line in reply.untagged {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count >= 2, parts[1].uppercased() == "CAPABILITY" else { continue }
            words += parts.dropFirst(2).map { $0.uppercased() }
        }
        return words
    }

    private func authenticate(
        _ session: ProbeSession, _ login: LoginCredentials, capabilities: [String], tag: String
    ) async throws(StageFailure) {
        guard session.report.tls != nil else {
            session.update { $0.login = .skipped(L("the connection is not encrypted, so the password was not sent")) }
            session.skip(.login, "no TLS")
            return
        }
        guard let password = login.password() else {
            session.update { $0.login = .skipped(L("no password was given")) }
            session.skip(.login, "no password")
            return
        }
        let plain = capabilities.contains("AUTH=PLAIN")
        let quotable = { (text: String) in
            text.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }
        }
        session.begin(.login)
        if plain {
            let response = LoginCredentials.plainResponse(user: login.user, password: password)
            if capabilities.contains("SASL-IR") {
                try await session.send(
                    "\(tag) AUTHENTICATE PLAIN \(response)", shown: "\(tag) AUTHENTICATE PLAIN [credentials hidden]")
            } else {
                try await session.send("\(tag) AUTHENTICATE PLAIN")
                let line = try await session.readLine()
                guard line.first == 0x2B else {
                    throw StageFailure(stage: .login, kind: .garbage(.verbatim(SafeText.clean(line, limit: 120))))
                }
                try await session.send(response, shown: "[credentials hidden]")
            }
        } else if !capabilities.contains("LOGINDISABLED"), quotable(login.user), quotable(password) {
            try await session.send(
                "\(tag) LOGIN \(IMAPDialog.quoted(login.user)) \(IMAPDialog.quoted(password))",
                shown: "\(tag) LOGIN \(IMAPDialog.quoted(login.user)) [password hidden]")
        } else {
            session.update { $0.login = .skipped(L("the server offers no password login this probe can use")) }
            session.end(.skipped, "no usable login method")
            return
        }
        let reply = try await completion(session, tag: tag)
        if reply.status == "OK" {
            session.update { $0.login = .accepted }
            session.end(.ok, reply.text)
        } else {
            session.update { $0.login = .rejected("\(reply.status) \(reply.text)") }
            session.end(.failed, "\(reply.status) \(reply.text)")
        }
    }

    /// Reads lines until the tagged completion; anything that is not IMAP is garbage.
    private func completion(_ session: ProbeSession, tag: String) async throws(StageFailure) -> Completion {
        var untagged: [String] = []
        while true {
            let raw = try await session.readLine()
            let text = SafeText.clean(raw, limit: 2000)
            if text.hasPrefix("* ") || text.hasPrefix("+") {
                untagged.append(text)
                if untagged.count > 500 { throw StageFailure(stage: session.currentStage, kind: .tooManyLines(500)) }
                continue
            }
            if text.hasPrefix(tag + " ") {
                let rest = text.dropFirst(tag.count + 1)
                let status = rest.prefix { $0 != " " }.uppercased()
                guard ["OK", "NO", "BAD"].contains(status) else { break }
                return Completion(
                    status: status, text: String(rest.dropFirst(status.count)).trimmingSpaces(), untagged: untagged)
            }
            throw StageFailure(stage: session.currentStage, kind: .garbage(.verbatim(SafeText.clean(raw, limit: 120))))
        }
        throw StageFailure(stage: session.currentStage, kind: .garbage(L("a malformed completion for \(tag)")))
    }

    /// An IMAP quoted string.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for character in text {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
