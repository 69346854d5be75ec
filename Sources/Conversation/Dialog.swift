import Knowledge
import Localization
import MailModel

/// Where a conversation stands, as the dialog policy reads it: what MailDoctor is waiting for.
public enum DialogState: Sendable, Equatable {
    /// Nothing open: the start, or after an exchange that closed.
    case idle
    /// MailDoctor asked a clarifying question about the last complaint (direction, error text, webmail).
    case clarifying(Clarification)
    /// MailDoctor offered this check; "yes" runs it.
    case offered(CheckRequest)
    /// MailDoctor asked which domain or IP to run these checks on (empty: every check that applies).
    case askingTarget([CheckID])
    /// MailDoctor asked the question of a step of the guide's diagnostic order.
    case guide(GuideStep)
    /// An article was given and nothing was asked: follow-ups continue within it.
    case onTopic(String)
}

/// What one message does in the conversation, read from its ``Understanding`` and the state.
enum Move: Sendable, Equatable {
    /// Yes or no, maybe followed by more words (`content`, whose own polarity may tell more) and a
    /// target ("yes, but for example.org").
    case answer(yes: Bool, content: String?, target: String?)
    /// A domain, an IP or a host given on its own ("example.org", "it's for shop.example").
    case target(String)
    /// A correction ("oops, typo: it's example.org"); nil when it names nothing.
    case correction(String?)
    /// A request to check, in any wording; `names` when it names its own checks or target (else it may
    /// agree to an offered check: "yes go ahead, check it").
    case checkRequest(names: Bool)
    /// After a check, a short follow-up naming other checks or another target ("and imap?", "und
    /// 192.0.2.2?", "the selector default, is that one ok?"): the last checks changed accordingly.
    case checkAgain(ids: [CheckID], target: String?)
    /// "Tried that", "still failing", "didn't help".
    case alreadyTried
    /// "Why?": the cause, explained.
    case why
    /// "How?": how to confirm it and what to do.
    case how
    /// "What about DKIM?": another aspect of the same problem.
    case aspect(String)
    case thanks, greeting, help, startOver, offTopic
    /// A question about a fact of the provider (limits, servers, status page…): the intent id.
    case fact(String)
    /// A pasted bounce or log line.
    case bounce
    /// A description of a problem: a new topic.
    case complaint
    /// A description of a problem that asks to look at a domain, an IP or a server ("my SPF on
    /// example.org, is it ok?", "…can you check what's wrong?").
    case complaintAskingCheck
    /// A short message nothing explains.
    case unclear
    /// "Webmail works (only the app fails)": said outside the guide's own question.
    case webmailWorks
    /// "Webmail is empty too", "webmail won't load either": the mail program is not the cause.
    case webmailFails
    /// "The status page shows nothing": no incident, said while the incident step is open.
    case noIncident
    /// After a bounce, "should I resend it?", "is the mail lost?".
    case resendQuestion
    /// "The password works in webmail" or "I changed it in webmail", about a mail app that fails:
    /// `changed` when the password was just changed there, `tried` when typing it again in the app was tried.
    case appPassword(changed: Bool, tried: Bool)
    /// "Is DMARC mandatory?", "do we have DKIM?": yes or no about a DNS record, then what the last
    /// check found about it.
    case needIt
    /// "What exactly do I enter?": the values of the record or setting being discussed.
    case whatToEnter
    /// "Is it on my side or theirs?", "is it my fault?".
    case whoseSide
    /// After a bounce about the person's own address, a word about that address ("but I log into it every
    /// day", "our real address has no s", "can we make that one work too?").
    case ownAddress
}

/// What the engine does for a move in a state.
enum Action: Sendable, Equatable {
    /// Runs these checks.
    case runCheck(CheckRequest)
    /// Reads the check request from the message itself (its checks, its target or the remembered one).
    case checkRequest
    /// The last checks again, with other checks or on another target.
    case checkAgain(ids: [CheckID], target: String?)
    /// Answers the complaint and runs the checks it asks about (a named target and a question about it).
    case complaintWithCheck
    /// Asks again which domain or IP, for these checks.
    case askTarget([CheckID])
    /// The person said no to the offered check.
    case declineCheck
    /// The answer to a guide question.
    case guideAnswer(GuideStep, yes: Bool)
    /// The topic's cause explained ("What it means").
    case explain
    /// How to confirm the topic's cause, then what to do.
    case confirm
    /// The next thing to look at within the topic (its confirmation, its check, its related articles).
    case nextInTopic
    /// The next usual cause in the guide's order (for a vague complaint).
    case nextInGuide
    /// Another aspect ("what about DKIM?").
    case aspect(String)
    /// The checks of the topic's article (or every check) on a target the person gave.
    case checkTopic(String)
    /// Thanks, greeting, help, start over, off topic.
    case smalltalk(Move)
    /// A fact question (intent id).
    case fact(String)
    /// Reads the bounce.
    case bounce
    /// Answers the message as a complaint (a new topic, or the answer to a clarifying question).
    case complaint
    /// A message nothing explains, read in the context of the current topic.
    case inContext
    /// Whether to resend after a bounce, and whether the message is lost: from what the bounce was.
    case resendAnswer
    /// Whose side the problem is on: from the bounce, else from who fixes the topic's cause.
    case whoseSide
    /// The person's own address that a bounce said does not exist: another spelling, an alias.
    case ownAddressAnswer
    /// The password is right (it works in webmail, or was just changed there): the mail app's step, or the
    /// one after it when that was tried.
    case appPassword(changed: Bool, tried: Bool)
    /// Whether the person needs the record asked about, and whether the last check found it.
    case needIt
    /// The values to enter for the topic (its values fact), else its steps.
    case whatToEnter
}

/// The dialog's transitions: for each state, what each move does. Moves that mean the same in every
/// state (thanks, a fact question, a bounce…) come first; then one `switch` per state for the moves
/// that answer what MailDoctor is waiting for; anything else is read against the topic.
enum DialogPolicy {
    static func action(for move: Move, in state: DialogState, walkingGuide: Bool, lastCheck: CheckRequest?) -> Action {
        switch move {
        case .thanks, .greeting, .help, .startOver, .offTopic: return .smalltalk(move)
        case .fact(let id): return .fact(id)
        case .bounce: return .bounce
        case .resendQuestion: return .resendAnswer
        case .whoseSide: return .whoseSide
        case .ownAddress: return .ownAddressAnswer
        case .appPassword(let changed, let tried): return .appPassword(changed: changed, tried: tried)
        case .needIt: return .needIt
        case .whatToEnter: return .whatToEnter
        default: break
        }
        if move == .webmailWorks, state != .guide(.clientSettings) { return .guideAnswer(.webmail, yes: true) }
        if move == .webmailFails { return .guideAnswer(.webmail, yes: false) }
        if move == .noIncident { return .guideAnswer(.incidents, yes: false) }
        switch state {
        case .offered(let request):
            switch move {
            case .answer(true, _, let target?), .answer(false, _, let target?):
                return request.retargeted(to: target).map(Action.runCheck) ?? .runCheck(request)
            case .answer(true, _, nil): return .runCheck(request)
            case .answer(false, _, nil): return .declineCheck
            case .target(let target), .correction(let target?):
                return request.retargeted(to: target).map(Action.runCheck) ?? .checkRequest
            case .checkRequest(let names): return names ? .checkRequest : .runCheck(request)
            default: break
            }
        case .askingTarget(let ids):
            switch move {
            case .target(let target), .correction(let target?), .answer(_, _, let target?):
                return .runCheck(Self.request(ids, on: target) ?? CheckRequest.every(on: target))
            case .answer(true, _, nil), .correction(nil): return .askTarget(ids)
            case .answer(false, _, nil): return .declineCheck
            case .checkRequest: return .checkRequest
            default: break
            }
        case .guide(let step):
            if case .answer(let yes, _, _) = move { return .guideAnswer(step, yes: yes) }
        case .clarifying:
            switch move {
            case .answer, .target, .unclear, .complaint, .correction: return .complaint
            // "why?" instead of answering the question (which way mail fails, webmail or the app…): the
            // complaint as it stands (not "tell me first what is wrong").
            case .why: return .complaint
            case .complaintAskingCheck: return .complaintWithCheck
            default: break
            }
        case .onTopic, .idle: break
        }
        return topicAction(for: move, onTopic: state != .idle, walkingGuide: walkingGuide, lastCheck: lastCheck)
    }

    /// Moves read against the current topic, whatever was asked.
    static func topicAction(for move: Move, onTopic: Bool, walkingGuide: Bool, lastCheck: CheckRequest?) -> Action {
        switch move {
        case .alreadyTried where !onTopic && !walkingGuide:
            // "it does not work" as an opening: a complaint, not a step after one.
            return .complaint
        case .alreadyTried: return walkingGuide ? .nextInGuide : .nextInTopic
        case .why: return onTopic ? .explain : .inContext
        case .how: return onTopic ? .confirm : .inContext
        case .aspect(let text): return .aspect(text)
        case .checkRequest: return .checkRequest
        case .checkAgain(let ids, let target): return .checkAgain(ids: ids, target: target)
        case .correction(let target?), .target(let target):
            // "oops, it's the other domain": the last checks again, on the corrected target.
            // A name given in a topic: the topic's checks on it.
            return lastCheck?.retargeted(to: target).map(Action.runCheck) ?? .checkTopic(target)
        case .correction(nil): return .askTarget([])
        case .answer(_, _?, _) where !onTopic:
            // "não recebo emails desde segunda" with nothing asked yet: a complaint that starts with "no".
            return .complaint
        case .answer, .unclear, .webmailWorks: return .inContext
        case .webmailFails: return .guideAnswer(.webmail, yes: false)
        case .noIncident: return .guideAnswer(.incidents, yes: false)
        case .resendQuestion: return .resendAnswer
        case .whoseSide: return .whoseSide
        case .ownAddress: return .ownAddressAnswer
        case .appPassword(let changed, let tried): return .appPassword(changed: changed, tried: tried)
        case .needIt: return .needIt
        case .whatToEnter: return .whatToEnter
        case .complaint: return .complaint
        case .complaintAskingCheck: return .complaintWithCheck
        case .thanks, .greeting, .help, .startOver, .offTopic: return .smalltalk(move)
        case .fact(let id): return .fact(id)
        case .bounce: return .bounce
        }
    }

    /// `ids` on `target`; nil when the target is no domain, address or IP.
    static func request(_ ids: [CheckID], on target: String) -> CheckRequest? {
        let list = ids.map(\.rawValue).joined(separator: ",")
        return try? CheckRequest.parse("check \(list) \(target)")
    }
}

extension CheckRequest {
    /// Every check that applies, on `target` (which the caller knows to parse).
    static func every(on target: String) -> CheckRequest {
        let parsed = (try? CheckTarget.parse(hostPart(of: target))) ?? .domain(target)
        return CheckRequest(ids: nil, target: parsed, probeTarget: target)
    }
}

extension Session {
    /// Where the conversation stands, from what is pending.
    public var state: DialogState {
        if let offer { return .offered(offer) }
        switch pendingQuestion {
        case .guide(let step)?: return .guide(step)
        case .target(let ids)?: return .askingTarget(ids)
        case nil: break
        }
        if case .clarifying(let clarification) = stage { return .clarifying(clarification) }
        if let topic { return .onTopic(topic.article) }
        return .idle
    }
}
