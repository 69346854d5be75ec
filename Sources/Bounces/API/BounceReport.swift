/// The result of reading a bounce: what kind of message it was and what happened per recipient.
public struct BounceReport: Sendable, Equatable, Codable {
    /// True when the input reports a failed or delayed delivery (DSN, vendor bounce or fragment).
    public var isBounce: Bool
    /// What kind of input this was.
    public var kind: BounceKind
    /// The MTA that wrote the report, when known.
    public var reportingMTA: String?
    /// One entry per recipient the report is about, in report order.
    public var recipients: [BounceRecipient]
    /// Message-ID of the returned original message, when present.
    public var originalMessageID: String?
    /// Subject of the returned original message, when present.
    public var originalSubject: String?
    /// Address of whoever sent the original message (the original's From, else the bounce's To), when known.
    public var sender: String?
    /// For `.unreadable` (and partial reads): why, starting with "I can't read this".
    public var problem: String?

    /// True when there is something to explain about a delivery: a bounce, and also a complaint (feedback)
    /// report or an automatic reply, which are not bounces but say what became of a message.
    public var isAboutDelivery: Bool { isBounce || kind == .feedback || kind == .autoReply }

    /// Creates a report.
    public init(
        isBounce: Bool, kind: BounceKind, reportingMTA: String? = nil, recipients: [BounceRecipient] = [],
        originalMessageID: String? = nil, originalSubject: String? = nil, sender: String? = nil, problem: String? = nil
    ) {
        self.isBounce = isBounce
        self.kind = kind
        self.reportingMTA = reportingMTA
        self.recipients = recipients
        self.originalMessageID = originalMessageID
        self.originalSubject = originalSubject
        self.sender = sender
        self.problem = problem
    }

    /// A report for input that cannot be read, with the reason.
    public static func unreadable(_ why: String) -> BounceReport {
        BounceReport(isBounce: false, kind: .unreadable, problem: "I can't read this: " + why)
    }

    enum CodingKeys: String, CodingKey {
        case kind, recipients, problem, sender
        case isBounce = "is_bounce"
        case reportingMTA = "reporting_mta"
        case originalMessageID = "original_message_id"
        case originalSubject = "original_subject"
    }
}
