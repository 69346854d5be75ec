import Bounces
import Knowledge
import Localization
import MailModel

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
    /// A live check MailDoctor offered and the user may accept with "yes".
    public var offer: CheckRequest?
    /// The language replies are written in, once known: set by `--lang`, a `lang` frame field or the
    /// terminal's locale, else read from the person's messages.
    public var language: Language?
    /// Whether `language` was chosen by the person or the front end (`--lang`, `lang` in a frame)
    /// rather than read from the messages; a chosen language is kept whatever they write.
    public var languagePinned = false
    /// The language to answer in until a message shows one (the terminal's locale).
    public var guessedLanguage: Language?
    /// What the conversation has learnt: domain, address, IP, codes, selector, mail program, provider.
    public var entities = Entities()
    /// The last bounce read in this conversation.
    public var lastBounce: BounceSummary?
    /// Where the walk through the guide's diagnostic order stands, once started.
    public var guideStep: GuideStep?
    /// The guide's steps already answered or ruled out ("webmail is empty too" rules out the app): never
    /// asked again in this conversation.
    public var guideDone: Set<GuideStep> = []
    /// Whether the MX check of the person's domain was suggested already (said once per conversation).
    public var mxCheckSuggested = false
    /// A question MailDoctor asked that the next message may answer ("yes", "no", a domain).
    public var pendingQuestion: PendingQuestion?
    /// The checks run last, to repeat on a corrected target.
    public var lastCheck: CheckRequest?
    /// The problem the last checks found, in one sentence, until the conversation moves on: a thanks that
    /// draws the wrong conclusion ("everything answers, so it's their PCs") is reminded of it.
    public var lastCheckProblem: String?
    /// What each of the last checks found, so "do we have DKIM?" is answered from it.
    public var lastCheckOutcomes: [CheckOutcome] = []
    /// The IP address the person's mail leaves from, when a message or bounce named it as theirs (a
    /// blocked client IP, "our server is 192.0.2.1"): SPF checks say whether it may send.
    public var sendingIP: String?
    /// The domain the person named as theirs ("my domain is…", the sender of their bounce).
    public var ownDomain: String?
    /// Domains named as someone else's (a remote or reporting server, a relay): never checked unasked.
    public var othersDomains: Set<String> = []
    /// Domains of recipients: someone else's when the person sends, their own when mail to them is lost.
    public var recipientDomains: Set<String> = []
    /// The topic the conversation is on (the article answered last) and what of it was shown.
    public var topic: Topic?

    /// Creates a fresh session.
    public init(id: String) { self.id = id }

    /// Creates a session that answers in `language` from the start; `pinned` keeps it whatever the
    /// person writes (`--lang`), otherwise it is only a first guess (the terminal's locale).
    public init(id: String, language: Language?, pinned: Bool = false) {
        self.id = id
        if pinned {
            self.language = language
            self.languagePinned = language != nil
        } else {
            guessedLanguage = language
        }
    }

    /// The last article given, if any.
    public var lastArticle: String? { articlesGiven.last }

    /// A new conversation with the same id and language: what "start over" leaves.
    public func restarted() -> Session {
        var fresh = Session(id: id)
        fresh.language = language
        fresh.languagePinned = languagePinned
        fresh.guessedLanguage = guessedLanguage
        return fresh
    }

    /// The language to answer in.
    public var replyLanguage: Language { language ?? guessedLanguage ?? .english }

    /// Answers in `language` from now on, whatever the person writes (`lang` in a `serve` frame).
    public mutating func pin(_ language: Language) {
        self.language = language
        languagePinned = true
    }

    /// Follows the language of a message: the first message that shows one sets it; later, only a
    /// message with enough words of another language switches it, so that "ok", "danke" or a pasted
    /// code do not flip it. A pinned language never changes.
    mutating func follow(language detected: Language?, confidence: Double) {
        guard !languagePinned, let detected else { return }
        // Spanish and Portuguese share many short words ("preciso configurar smtp no plugin?"): between them,
        // only a message that is clearly the other one switches.
        let close = Set([language, detected].compactMap { $0 }) == [.spanish, .portuguese]
        let needed = close ? Self.closeLanguageSwitchConfidence : Self.languageSwitchConfidence
        if language == nil || (detected != language && confidence >= needed) {
            language = detected
        }
    }

    /// How sure a message must be to switch between Spanish and Portuguese.
    static let closeLanguageSwitchConfidence = 0.85

    /// How sure a message's language must be to switch the conversation to it (two or more words of
    /// that language and none of another give 0.67).
    static let languageSwitchConfidence = 0.6

    /// What a check without a target of its own runs on: the person's sending IP (or the IP remembered)
    /// for the IP checks; their own domain, else the domain remembered unless it is someone else's.
    func rememberedTarget(needsIP: Bool) -> String? {
        if needsIP { return sendingIP ?? entities.ip }
        if let ownDomain { return ownDomain }
        guard let domain = entities.domain, !othersDomains.contains(domain),
            direction == .receiving || !recipientDomains.contains(domain)
        else { return nil }
        return domain
    }

    /// Keeps whose names a message gave: the person's own sending IP and domain, and others' domains. A
    /// recipient counts as someone else's in a bounce (the person sent the mail) or at a big mailbox
    /// provider; in a complaint, "mail to contact@example.org never arrives" may well be the person's own.
    mutating func remember(_ mentions: [Mention], fromBounce: Bool) {
        for mention in mentions {
            let domain: String? =
                switch mention.kind {
                case .domain, .host: mention.value
                case .address: mention.value.split(separator: "@").last.map(String.init)
                default: nil
                }
            switch mention.role {
            case .own:
                if mention.kind == .ip { sendingIP = mention.value }
                if let domain, mention.kind != .host {
                    ownDomain = domain
                    othersDomains.remove(domain)
                }
            case .recipient:
                if let domain, domain != ownDomain, fromBounce || EntityExtractor.bigMailboxDomains.contains(domain) {
                    recipientDomains.insert(domain)
                }
            case .remoteServer, .reportingServer, .relay:
                if let domain, domain != ownDomain { othersDomains.insert(domain) }
            case .unknown: break
            }
        }
    }

    /// Records an article as given; it becomes the topic unless it already is.
    mutating func give(_ article: String, withSteps: Bool = true) {
        articlesGiven.append(article)
        if topic?.article != article { topic = Topic(article: article, withSteps: withSteps) }
    }

    /// Whether a step of the guide was looked at: answered or ruled out; the DNS step, which asks nothing,
    /// once its article was given (its check is offered there).
    func lookedAt(_ step: GuideStep) -> Bool {
        guideDone.contains(step) || (step == .mxDNS && articlesGiven.contains(step.article))
    }

    /// The step to look at after `step`: the next of the guide's order not yet looked at, else an earlier
    /// one that was skipped (a later step looked at before it); nil when every step was looked at.
    func guideStep(after step: GuideStep) -> GuideStep? {
        let open = GuideStep.allCases.filter { $0 != step && !lookedAt($0) }
        if let later = open.first(where: { $0.order > step.order }) { return later }
        let skipped = open.first { earlier in GuideStep.allCases.contains { $0.order > earlier.order && lookedAt($0) } }
        return skipped
    }

    /// The first step of the guide's order not yet looked at.
    var firstOpenGuideStep: GuideStep? {
        GuideStep.allCases.first { !lookedAt($0) }
    }

    /// Whether the conversation walks the guide's diagnostic order (a vague complaint), rather than
    /// being about one topic.
    var isWalkingGuide: Bool {
        guard let step = guideStep else { return false }
        return topic == nil || topic?.article == step.article
    }
}

/// A question waiting for its answer.
public enum PendingQuestion: Sendable, Equatable, Codable {
    /// A yes/no question of the guide's diagnostic order.
    case guide(GuideStep)
    /// "Which domain?" (or IP), to run these checks on it; empty for every check that applies.
    case target([CheckID])
}

/// The article a conversation is about, and which of its parts were shown, so a follow-up ("why?",
/// "tried that") continues within it instead of repeating it.
public struct Topic: Sendable, Equatable, Codable {
    /// A part of an article beyond its summary and steps.
    public enum Part: String, Sendable, Codable, CaseIterable {
        /// "What it means": the cause explained.
        case meaning
        /// "How to confirm": how to tell that this is the cause.
        case confirm
        /// "Who to contact".
        case contact
        /// The summary and "What to do" steps (not shown when the topic came from a check's result).
        case steps
        /// The summary alone, given again for a follow-up that pointed to the same article.
        case recap
        /// The mail app's password step, said because the password works in webmail.
        case appPassword
    }

    /// The article id.
    public var article: String
    /// Parts shown so far.
    public var shown: Set<Part>
    /// Related articles offered as the next step, in order.
    public var relatedShown: [String] = []

    /// Creates a topic; `withSteps` when its summary and steps were just given.
    public init(article: String, withSteps: Bool = true) {
        self.article = article
        shown = withSteps ? [.steps] : []
    }
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

    /// The position of this step in the guide's order.
    var order: Int { GuideStep.allCases.firstIndex(of: self) ?? 0 }

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
    /// Whether it was a delay notice (the sending server still retries) rather than a final failure.
    public var delayed = false
    /// Whose side the bounce's cause is on (nil when not read).
    public var side: BounceSide?
    /// What the bounce's advice explained (`speeding` for a sending limit…), when read.
    public var reading: String?
    /// Whether it was an error line the person's own program showed (no server's notice that it retries).
    public var isErrorLine = false
    /// Whether the failed address, the person's own, was already explained (another spelling, an alias).
    public var ownAddressTold = false

    /// Creates a summary.
    public init(reason: String, recipient: String, codes: String) {
        self.reason = reason
        self.recipient = recipient
        self.codes = codes
    }
}

/// What one check found, kept in the session: its status and its one-line summary.
public struct CheckOutcome: Sendable, Equatable, Codable {
    /// The check.
    public var id: CheckID
    /// Its status.
    public var status: CheckStatus
    /// Its summary, in the conversation's language.
    public var summary: String
    /// The domain, IP or host it ran on.
    public var target: String

    /// What check `id` found on `target`.
    public init(id: CheckID, status: CheckStatus, summary: String, target: String) {
        self.id = id
        self.status = status
        self.summary = summary
        self.target = target
    }
}
