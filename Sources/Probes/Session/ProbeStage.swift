/// One step of a probe, in the order a client performs them (the stage model of swaks, extended to
/// IMAP and POP3). Stage names appear in the JSON data and in failure messages.
public enum ProbeStage: String, Sendable, Codable, CaseIterable {
    case resolve
    case connect
    /// Implicit TLS (ports 465, 993, 995): the handshake before any protocol text.
    case tlsConnect = "tls-connect"
    /// SMTP: the 220 greeting.
    case banner
    /// IMAP and POP3: the server's first line.
    case greeting
    case ehlo
    /// IMAP CAPABILITY / POP3 CAPA before TLS.
    case capability
    /// SMTP and IMAP STARTTLS, POP3 STLS.
    case starttls
    case tls
    case ehloAfterTLS = "ehlo-after-tls"
    case capabilityAfterTLS = "capability-after-tls"
    /// A login test (SMTP AUTH, IMAP LOGIN/AUTHENTICATE, POP3 USER/PASS).
    case login
    case mailFrom = "mail-from"
    case rcpt
    /// SMTP/POP3 QUIT, IMAP LOGOUT.
    case quit

    /// How the stage is named in sentences: "the greeting", "the TLS handshake".
    var phrase: String {
        switch self {
        case .resolve: "the DNS lookup"
        case .connect: "the connection"
        case .tlsConnect: "the TLS handshake at connection"
        case .banner: "the greeting banner"
        case .greeting: "the greeting"
        case .ehlo: "EHLO"
        case .capability: "the capability list"
        case .starttls: "the STARTTLS command"
        case .tls: "the TLS handshake"
        case .ehloAfterTLS: "EHLO after TLS"
        case .capabilityAfterTLS: "the capability list after TLS"
        case .login: "the login"
        case .mailFrom: "MAIL FROM"
        case .rcpt: "RCPT TO"
        case .quit: "QUIT"
        }
    }
}

/// How one stage went, with its duration.
struct StageRecord: Sendable, Equatable {
    enum Outcome: String, Sendable {
        case ok
        /// The server answered, but not as hoped (a rejection, a missing feature).
        case failed
        /// The stage could not complete (timeout, reset, garbage).
        case error
        case skipped
    }

    var stage: ProbeStage
    var outcome: Outcome
    var milliseconds: Int
    var detail: String
}
