import Localization
import MailModel

/// Everything one probe of one endpoint (a host name, one of its addresses, one port) observed.
/// The dialogs fill it in; the assessments turn it into findings.
struct EndpointReport: Sendable {
    /// How a login test ended.
    enum LoginOutcome: Sendable, Equatable {
        case accepted
        case rejected(String)
        /// Not attempted; the text says why.
        case skipped(LocalizedText)
    }

    /// How a RCPT TO test ended.
    struct RecipientOutcome: Sendable, Equatable {
        var address: String
        var senderReply: String
        var code: Int?
        var reply: String
    }

    var host: String
    var port: Int
    var implicitTLS: Bool
    /// The MX preference, for MX hosts.
    var preference: Int?
    /// The address finally connected to.
    var address: IPAddress?
    /// Each address tried: text and outcome.
    var attempts: [(address: String, outcome: String)] = []
    /// Addresses the target policy refused.
    var refused: [PolicyRefusal] = []
    /// Why the host name gave no usable address.
    var resolveProblem: ResolveProblem?
    var stages: [StageRecord] = []
    var transcript = Transcript()
    /// The failure that ended the probe early.
    var failure: StageFailure?

    /// The reply code of the greeting (SMTP), or nil.
    var greetingCode: Int?
    /// The greeting text, made safe.
    var greeting: String?
    /// Milliseconds from connection to the complete greeting.
    var greetingDelayMS: Int?
    /// Capabilities before TLS (EHLO keywords with parameters, IMAP/POP3 capabilities).
    var capabilities: [String] = []
    /// Capabilities after TLS.
    var capabilitiesAfterTLS: [String]?
    /// Whether STARTTLS / STLS was advertised before TLS.
    var offersStartTLS = false
    /// The reply to STARTTLS when the server refused it.
    var startTLSRefusal: String?
    /// Whether EHLO was refused and HELO used instead.
    var usedHELO = false
    /// The TLS session, once established.
    var tls: TLSObservation?
    /// Lines the server sent after its STARTTLS go-ahead and before the handshake (an injection sign).
    var linesBeforeHandshake = 0
    var login: LoginOutcome?
    var recipient: RecipientOutcome?

    init(host: String, port: Int, implicitTLS: Bool, preference: Int? = nil) {
        self.host = host
        self.port = port
        self.implicitTLS = implicitTLS
        self.preference = preference
    }

    /// `host:port`, with the address in parentheses when the host is a name.
    var label: String {
        let base = "\(host):\(port)"
        guard let address, address.description != host else { return base }
        return base + " (\(address))"
    }

    /// Whether a TCP connection was made.
    var connected: Bool { address != nil }

    /// The capabilities that apply after the probe ended (after TLS when TLS was set up).
    var effectiveCapabilities: [String] { capabilitiesAfterTLS ?? capabilities }
}

/// Why a host name gave no usable address.
enum ResolveProblem: Sendable, Equatable {
    /// The name does not exist.
    case noSuchName
    /// The name exists but has no A or AAAA record.
    case noAddress
    /// DNS could not answer; the text says why.
    case dnsFailure(LocalizedText)
    /// Every address was refused by the target policy.
    case refusedByPolicy
}
