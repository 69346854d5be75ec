import Localization
import MailModel

extension ProbeSession {
    /// Opens a mailbox connection (IMAP or POP3): connects, starts TLS at once when `implicitTLS`, reads
    /// the greeting and records it with its delay. Returns the greeting's clean text; the greeting stage is
    /// left open for the caller to end.
    ///
    /// - Throws: ``StageFailure`` when the connection fails or the greeting is not one `accepts` knows.
    func openMailbox(
        addresses: [IPAddress], implicitTLS: Bool, serverName: String?, inspector: CertificateInspector,
        accepts: (String) -> Bool
    ) async throws(StageFailure) -> String {
        try await connect(to: addresses, port: report.port)
        if implicitTLS {
            begin(.tlsConnect)
            try await establishTLS(serverName: serverName, inspector: inspector)
        }
        begin(.greeting)
        let greeting = try await readLine()
        let text = SafeText.clean(greeting)
        guard accepts(text) else {
            throw StageFailure(stage: .greeting, kind: .garbage(.verbatim(SafeText.clean(greeting, limit: 120))))
        }
        update {
            $0.greeting = text
            $0.greetingDelayMS = millisecondsSinceConnect
        }
        return text
    }
}
