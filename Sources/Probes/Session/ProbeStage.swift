import Localization

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

    /// How the stage is named in sentences: "the greeting", "the TLS handshake" (a bare command name is
    /// not translated).
    var phrase: LocalizedText {
        switch self {
        case .resolve: L("the DNS lookup")
        case .connect: L("the connection")
        case .tlsConnect: L("the TLS handshake at connection")
        case .banner: L("the greeting banner")
        case .greeting: L("the greeting")
        case .ehlo: .verbatim("EHLO")
        case .capability: L("the capability list")
        case .starttls: L("the STARTTLS command")
        case .tls: L("the TLS handshake")
        case .ehloAfterTLS: L("EHLO after TLS")
        case .capabilityAfterTLS: L("the capability list after TLS")
        case .login: L("the login")
        case .mailFrom: .verbatim("MAIL FROM")
        case .rcpt: .verbatim("RCPT TO")
        case .quit: .verbatim("QUIT")
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
