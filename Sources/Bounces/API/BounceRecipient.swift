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

    /// Creates a recipient record.
    public init(
        address: String, action: String = "", status: String = "", replyCode: String = "", reason: String = "",
        hardBounce: Bool = false, remoteMTA: String = "", diagnostic: String = "", command: String = "",
        feedbackType: String = ""
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
    }

    enum CodingKeys: String, CodingKey {
        case address, action, status, reason, diagnostic, command
        case replyCode = "replycode"
        case hardBounce = "hardbounce"
        case remoteMTA = "remote_mta"
        case feedbackType = "feedbacktype"
    }
}
