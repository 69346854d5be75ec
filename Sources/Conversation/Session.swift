import Knowledge

/// One conversation's state, as a value: what was said, what is pending, what comes next.
public struct Session: Sendable, Equatable, Codable {
    /// Where the conversation stands.
    public enum Stage: Sendable, Equatable, Codable {
        /// Nothing asked yet, or after a reset.
        case start
        /// MailDoctor asked a clarifying question about an earlier message.
        case clarifying(Clarification)
        /// An article was given.
        case answered
    }

    /// Session id (chat user, REPL, transcript file).
    public var id: String
    /// Where the conversation stands.
    public var stage: Stage = .start
    /// The direction the user described, once known.
    public var direction: Direction = .unknown
    /// Articles already given, most recent last.
    public var articlesGiven: [String] = []
    /// Text of the message a clarifying question was about.
    public var pendingText: String?
    /// Number of messages received.
    public var turns = 0
    /// A live check MailDoctor offered and the user may accept with "yes" (`check mx example.com`).
    public var pendingOffer: String?
    /// Whether the user was told that answers are in English.
    public var toldAboutLanguage = false
    /// What the conversation has learnt: domain, address, IP, codes, selector, mail program, provider.
    public var entities = Entities()
    /// The last bounce read in this conversation.
    public var lastBounce: BounceSummary?
    /// Where the walk through the guide's diagnostic order stands, once started.
    public var guideStep: GuideStep?
    /// A question MailDoctor asked that the next message may answer ("yes", "no", a domain).
    public var pendingQuestion: PendingQuestion?
    /// The checks run last (`check mx,spf example.com`), to repeat on a corrected target.
    public var lastCheck: String?

    /// Creates a fresh session.
    public init(id: String) { self.id = id }

    /// The last article given, if any.
    public var lastArticle: String? { articlesGiven.last }
}

/// A question waiting for its answer.
public enum PendingQuestion: Sendable, Equatable, Codable {
    /// A yes/no question of the guide's diagnostic order.
    case guide(GuideStep)
    /// "Which domain?", to run these checks (`mx,spf`) on it.
    case domainFor(String)
}

/// The guide's diagnostic order: rule out the cheap, common causes first.
public enum GuideStep: String, Sendable, Equatable, Codable, CaseIterable {
    /// Are the email service, the hosting plan and the domain active (paid, renewed, not blocked)?
    case serviceActive
    /// Does the address work in webmail?
    case webmail
    /// The mail program's settings.
    case clientSettings
    /// Is there an incident at the provider?
    case incidents
    /// Do the domain's MX (and SPF) records point to the provider?
    case mxDNS
    /// What does the error message say?
    case errorCode

    /// The article of this step.
    var article: String {
        switch self {
        case .serviceActive: "service-active"
        case .webmail: "webmail-test"
        case .clientSettings: "email-client"
        case .incidents: "incidents"
        case .mxDNS: "mx-records"
        case .errorCode: "smtp-reply-codes"
        }
    }

    /// The step after this one, nil after the last.
    var next: GuideStep? {
        let all = GuideStep.allCases
        guard let index = all.firstIndex(of: self), index + 1 < all.count else { return nil }
        return all[index + 1]
    }

    /// The step whose article is `id`, if any.
    static func step(forArticle id: String) -> GuideStep? {
        allCases.first { $0.article == id }
    }
}

/// The facts of a bounce worth remembering in a conversation.
public struct BounceSummary: Sendable, Equatable, Codable {
    /// Sisimai's reason (`userunknown`, `mailboxfull`…).
    public var reason: String
    /// The recipient, when the bounce names one.
    public var recipient: String
    /// The reply and enhanced codes, e.g. `550 5.1.1`.
    public var codes: String

    /// Creates a summary.
    public init(reason: String, recipient: String, codes: String) {
        self.reason = reason
        self.recipient = recipient
        self.codes = codes
    }
}
