/// What kind of message or text the parser was given.
///
/// Its raw value is the `kind` string of the JSON report.
public enum BounceKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// A delivery status notification with a machine-readable part (RFC 3464).
    case dsn
    /// A bounce in an MTA's or provider's own text format (Exim, qmail, Gmail, …).
    case vendor
    /// An abuse / feedback report (ARF, RFC 5965).
    case feedback
    /// An automatic reply such as an out-of-office message (RFC 3834).
    case autoReply = "auto_reply"
    /// A piece of a bounce: an SMTP reply, a few NDR lines, a client error dialog or an MTA log line.
    case fragment
    /// A readable message that is not a bounce.
    case notBounce = "not_bounce"
    /// Input that cannot be read (empty, binary, or beyond the parser's limits).
    case unreadable
}
