/// What happened to one recipient of the bounced message.
public struct BounceRecipient: Sendable, Equatable, Codable {
    /// The recipient address the delivery failed for.
    public var address: String
    /// RFC 3464 action: `failed`, `delayed`, `delivered`, `relayed`, `expanded` (or "").
    public var action: String
    /// RFC 3463 enhanced status code (`5.1.1`), or a pseudo code `x.0.9NN` when the bounce gave none.
    public var status: String
    /// SMTP reply code (`550`), or "" when none was given.
    public var replyCode: String
    /// Reason in Sisimai's vocabulary (`userunknown`, `mailboxfull`, …); "" when unknown.
    public var reason: String
    /// True when retrying cannot help (the address or domain is wrong).
    public var hardBounce: Bool
    /// The server that refused the message, when known.
    public var remoteMTA: String
    /// The error text the server or MTA gave.
    public var diagnostic: String
    /// The SMTP command at which delivery failed (`RCPT`, `DATA`, …), or "".
    public var command: String
    /// For feedback reports: the ARF feedback type (`abuse`, `opt-out`, …), else "".
    public var feedbackType: String
    /// The host that refused the message (DSN `Remote-MTA`, "host X said", a log's `relay=` or Exim `H=`,
    /// "refused by X" wording), never the host that wrote the report; "" when the bounce does not say.
    public var remoteServer: String
    /// The IP address of ``remoteServer`` when the bounce gives it ("mx.example.org[192.0.2.1]"), else "".
    public var remoteIP: String
    /// The host that wrote the report (DSN `Reporting-MTA`, "the mail system at host X", the log's host), else "".
    public var reportingServer: String
    /// The client IP a blocklist rejection names ("Client host [IP] blocked using …", "[IP] is in an RBL",
    /// "listed at …"); "" when there is no blocklist phrase with an IP.
    public var blockedIP: String
    /// The original sender's domain: the domain an SPF, DKIM or DMARC failure names, else the domain of the
    /// returned message's sender; "" when unknown.
    public var sendingDomain: String
    /// The refusing server's own words (the SMTP reply or the log's reason), without the report's
    /// boilerplate around them; "" when the bounce quotes none.
    public var serverText: String

    /// Creates a recipient record.
    public init(
        address: String, action: String = "", status: String = "", replyCode: String = "", reason: String = "",
        hardBounce: Bool = false, remoteMTA: String = "", diagnostic: String = "", command: String = "",
        feedbackType: String = "", remoteServer: String = "", remoteIP: String = "", reportingServer: String = "",
        blockedIP: String = "", sendingDomain: String = "", serverText: String = ""
    ) {
        self.address = address
        self.action = action
        self.status = status
        self.replyCode = replyCode
        self.reason = reason
        self.hardBounce = hardBounce
        self.remoteMTA = remoteMTA
        self.diagnostic = diagnostic
        self.command = command
        self.feedbackType = feedbackType
        self.remoteServer = remoteServer
        self.remoteIP = remoteIP
        self.reportingServer = reportingServer
        self.blockedIP = blockedIP
        self.sendingDomain = sendingDomain
        self.serverText = serverText
    }

    /// Decodes a recipient; the role fields (added later) may be missing and then read as "".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try container.decodeIfPresent(String.self, forKey: key) ?? "" }
        self.init(
            address: try container.decode(String.self, forKey: .address), action: try text(.action),
            status: try text(.status), replyCode: try text(.replyCode), reason: try text(.reason),
            hardBounce: try container.decodeIfPresent(Bool.self, forKey: .hardBounce) ?? false,
            remoteMTA: try text(.remoteMTA), diagnostic: try text(.diagnostic), command: try text(.command),
            feedbackType: try text(.feedbackType), remoteServer: try text(.remoteServer), remoteIP: try text(.remoteIP),
            reportingServer: try text(.reportingServer), blockedIP: try text(.blockedIP),
            sendingDomain: try text(.sendingDomain), serverText: try text(.serverText))
    }

    enum CodingKeys: String, CodingKey {
        case address, action, status, reason, diagnostic, command
        case replyCode = "replycode"
        case hardBounce = "hardbounce"
        case remoteMTA = "remote_mta"
        case feedbackType = "feedbacktype"
        case remoteServer = "remote_server"
        case remoteIP = "remote_ip"
        case reportingServer = "reporting_server"
        case blockedIP = "blocked_ip"
        case sendingDomain = "sending_domain"
        case serverText = "server_text"
    }
}
