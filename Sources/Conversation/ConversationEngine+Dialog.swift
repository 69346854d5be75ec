import Checks
import Foundation
import Knowledge

/// The dialog policy: answers to MailDoctor's own questions, follow-ups, consent to checks, and the
/// next diagnostic step in the guide's order.
extension ConversationEngine {
    /// Words that answer yes or no, in the languages the knowledge base reads.
    static let yesWords: Set<String> = [
        "yes", "y", "yeah", "yep", "ok", "okay", "sure", "go", "go ahead", "yes please", "please", "do it", "oui",
        "ja", "si", "it does", "it works", "they are", "yes it does", "yes they are", "correct",
    ]
    static let noWords: Set<String> = [
        "no", "n", "nope", "no thanks", "non", "nein", "not now", "it doesn't", "it does not", "they are not",
        "no it doesn't", "no it does not", "not really",
    ]

    private static let yesFirstWords: Set<String> = ["yes", "yeah", "yep", "oui", "ja"]
    private static let noFirstWords: Set<String> = ["no", "nope", "non", "nein"]
    private static let thanksWords = ["thanks", "thank you", "thx", "merci", "danke", "cheers", "ty"]
    private static let alreadyTriedPhrases = [
        "already tried", "already did", "already done", "already checked", "didn't help", "did not help",
        "doesn't help", "still not working", "still doesn't work", "still does not work", "that's not it",
        "not it", "déjà fait", "déjà essayé", "schon versucht", "hat nicht geholfen", "next step",
    ]
    private static let followUpPrefixes = [
        "what about ", "how about ", "and what about ", "and ", "et ", "und ", "what of ",
    ]
    private static let correctionPhrases = [
        "actually", "it's ", "it is ", "i meant", "the domain is", "my domain is", "c'est ", "es ist ",
    ]

    /// Whether a short answer is yes (true), no (false) or neither (nil).
    static func yesOrNo(_ lower: String) -> Bool? {
        let answer = String(lower.trimmed(".!,"))
        if yesWords.contains(answer) { return true }
        if noWords.contains(answer) { return false }
        let first = String(answer.drop { $0 == " " }.prefix { $0 != " " }.trimmed(".,!?;:", whitespace: false))
        let verdict: Bool? =
            yesFirstWords.contains(first) ? true : noFirstWords.contains(first) ? false : nil
        guard let verdict, answer.hasAtMost(characters: 40) else { return nil }
        return verdict
    }

    /// Handles a message that answers a pending offer or question, or follows up on the conversation;
    /// nil when the message is something new.
    func followUp(
        _ text: String, lower: String, mentioned: Entities, session: Session,
        progress: @escaping @Sendable (ProgressEvent) -> Void
    ) async -> (Session, Reply)? {
        var session = session
        let reply = Self.yesOrNo(lower)
        if let offer = session.pendingOffer {
            session.pendingOffer = nil
            let target = mentioned.domain ?? mentioned.ip
            let short = lower.spaceSeparatedCount(limit: 6) <= 6
            if let target, short, reply != nil || Self.isCorrection(lower) || lower.hasPrefix(target),
                var request = try? CheckRequest.parse(offer)
            {
                // "no, it's example.org": the same check, on the target the user gives.
                if let corrected = try? CheckTarget.parse(target) {
                    request.target = corrected
                    request.probeTarget = target
                    session.entities = session.entities.merged(with: mentioned)
                    return await runChecks(request, session: session, progress: progress)
                }
            }
            if reply == true, let request = try? CheckRequest.parse(offer) {
                return await runChecks(request, session: session, progress: progress)
            }
            if reply == false {
                return (
                    session,
                    Reply(
                        intent: .smalltalk, direction: session.direction,
                        answer: "All right, no check. What else can I help with?",
                        suggestions: session.guideStep.map { _ in ["I already tried that"] } ?? [])
                )
            }
        }
        if let question = session.pendingQuestion {
            session.pendingQuestion = nil
            switch question {
            case .domainFor(let ids):
                let needsIP = LiveChecks.needsIP(ids)
                if let target = needsIP ? mentioned.ip : mentioned.domain,
                    let request = try? CheckRequest.parse("check \(ids) \(target)")
                {
                    session.entities = session.entities.merged(with: mentioned)
                    return await runChecks(request, session: session, progress: progress)
                }
                if reply == false {
                    return (session, Reply(intent: .smalltalk, answer: "All right. What else can I help with?"))
                }
                if reply == true {
                    session.pendingQuestion = question
                    return (
                        session,
                        Reply(
                            intent: .question, direction: session.direction,
                            answer: needsIP
                                ? "Which IP address? Type it, for example 203.0.113.5."
                                : "Which domain? Type it, for example example.com.")
                    )
                }
            case .guide(let step):
                if let reply { return guideAnswer(step, yes: reply, session: session) }
            }
        }
        if Self.isThanks(lower) { return (session, thanksReply(session)) }
        if Self.isAlreadyTried(lower) { return alreadyTriedReply(session: session) }
        if let topic = Self.followUpTopic(lower) {
            session.entities = session.entities.merged(with: mentioned)
            if let check = LiveChecks.names[topic], let article = knowledge.article(LiveChecks.article(for: check)) {
                return articleWithNextStep(article, session: session, checks: [check])
            }
            return answer(topic, session: session)
        }
        if Self.isCorrection(lower), let domain = mentioned.domain ?? mentioned.ip {
            session.entities = session.entities.merged(with: mentioned)
            if let last = session.lastCheck, let request = try? CheckRequest.parse(last),
                let target = try? CheckTarget.parse(domain)
            {
                var corrected = request
                corrected.target = target
                corrected.probeTarget = domain
                return await runChecks(corrected, session: session, progress: progress)
            }
            var reply = Reply(intent: .smalltalk, direction: session.direction, answer: "Noted: \(domain).")
            if let article = session.lastArticle.flatMap({ knowledge.article($0) }) {
                addNextStep(after: article, to: &reply, session: &session)
            }
            return (session, reply)
        }
        return nil
    }

    /// "I already tried that": the next usual cause in the guide's order.
    func alreadyTriedReply(session: Session) -> (Session, Reply) {
        let current = session.guideStep ?? session.lastArticle.flatMap(GuideStep.step(forArticle:))
        let next = current.map { $0.next } ?? .serviceActive
        guard let next else {
            return (
                session,
                Reply(
                    intent: .question, direction: session.direction,
                    answer:
                        "Then we have been through the usual causes. Paste the exact error message or the bounce and I will read it; otherwise contact support with what we found.",
                    suggestions: ["show incidents"])
            )
        }
        return guideStepReply(next, session: session, lead: "Then let's look at the next usual cause.")
    }

    /// An article as the answer, followed by the next diagnostic step.
    func articleWithNextStep(_ article: Article, session: Session, checks: [CheckID]? = nil) -> (Session, Reply) {
        var session = session
        session.stage = .answered
        session.articlesGiven.append(article.id)
        var reply = articleReply(article, intent: .question, direction: session.direction)
        addNextStep(after: article, to: &reply, session: &session, checks: checks)
        return (session, reply)
    }

    /// Adds the one next step to a reply about `article`: the offer of its live check when the target is
    /// known, the question for the target when it is not, or the guide's next question.
    func addNextStep(after article: Article, to reply: inout Reply, session: inout Session, checks: [CheckID]? = nil) {
        session.pendingOffer = nil
        session.pendingQuestion = nil
        guard reply.question == nil, reply.nextStep == nil else { return }
        // A step of the guide's order asks its question first; its checks come at the DNS step.
        let step = GuideStep.step(forArticle: article.id)
        if let step, let question = guideQuestion(step) {
            session.guideStep = step
            reply.nextStep = question
            session.pendingQuestion = .guide(step)
            reply.suggestions = ["yes", "no"] + reply.suggestions.prefix(2)
            return
        }
        let ids = (checks ?? article.checks.compactMap { CheckID(rawValue: $0) }).filter {
            liveChecksWiring != nil && !LiveChecks.probeIDs.contains($0)
        }
        if !ids.isEmpty {
            let list = ids.map(\.rawValue).joined(separator: ",")
            let needsIP = LiveChecks.needsIP(list)
            let names = Self.describe(ids)
            if let target = needsIP ? session.entities.ip : session.entities.domain {
                reply.nextStep = "Shall I check \(names) of \(target) now?"
                session.pendingOffer = "check \(list) \(target)"
                reply.suggestions = ["yes", "no"] + reply.suggestions.prefix(2)
            } else {
                reply.nextStep =
                    needsIP
                    ? "What is the IP address of the sending server (it is in the bounce or the message headers)? I can check \(names) for you."
                    : "Which domain is your email address on? I can check \(names) for you."
                session.pendingQuestion = .domainFor(list)
            }
            return
        }
        // A guide step without a question (the DNS step) with nothing to offer: remember where we are.
        if let step { session.guideStep = step }
    }

    /// The article of a guide step with its question.
    func guideStepReply(_ step: GuideStep, session: Session, lead: String? = nil) -> (Session, Reply) {
        var session = session
        session.guideStep = step
        guard let article = knowledge.article(step.article) else {
            return (session, Reply(intent: .question, answer: lead ?? "Let's look further."))
        }
        var (updated, reply) = articleWithNextStep(article, session: session)
        if let lead { reply.answer = lead + " " + reply.answer }
        updated.guideStep = step
        return (updated, reply)
    }

    /// The confirming question of a guide step; nil for a step whose next move is a check or a paste.
    func guideQuestion(_ step: GuideStep) -> String? {
        switch step {
        case .serviceActive:
            "Once you have looked: are the email service, the hosting plan and the domain all active?"
        case .webmail: "Does the same address send and receive correctly in webmail?"
        case .clientSettings: "Do the settings in your mail program match these (server names, ports, encryption)?"
        case .incidents: "Is an email incident listed on the status page right now?"
        case .mxDNS: nil
        case .errorCode: "Do you get an error message or a bounce? Paste it here and I will read it."
        }
    }

    /// What a yes or no to a guide question leads to.
    func guideAnswer(_ step: GuideStep, yes: Bool, session: Session) -> (Session, Reply) {
        var session = session
        switch (step, yes) {
        case (.serviceActive, true):
            return guideStepReply(.webmail, session: session, lead: "Good, the service is active.")
        case (.serviceActive, false):
            return (
                session,
                Reply(
                    intent: .question, direction: session.direction,
                    answer:
                        "That is the cause: mail stops when the service, the hosting plan or the domain expires or is blocked. Renew or reactivate it in the control panel; mail works again once the renewal is processed.",
                    articles: knowledge.article("service-active").map {
                        [ArticleReference(id: $0.id, title: $0.title, score: 1)]
                    } ?? [], suggestions: ["show service-active", "show account-blocked-spam"])
            )
        case (.webmail, true):
            return guideStepReply(
                .clientSettings, session: session,
                lead: "Then the account works and the problem is in your mail program.")
        case (.webmail, false):
            return guideStepReply(
                .incidents, session: session,
                lead: "Then it is not your mail program: the account or the service itself is affected.")
        case (.clientSettings, true):
            return guideStepReply(
                .incidents, session: session, lead: "The settings look right, so let's rule out an incident.")
        case (.clientSettings, false):
            session.guideStep = .clientSettings
            return (
                session,
                Reply(
                    intent: .question, direction: session.direction,
                    answer:
                        "Correct them, then send yourself a test message. If it still fails, paste the exact error your program shows.",
                    suggestions: ["show email-client"])
            )
        case (.incidents, true):
            session.guideStep = .incidents
            return (
                session,
                Reply(
                    intent: .question, direction: session.direction,
                    answer:
                        "Then the incident is the cause. Wait until the status page says it is resolved: incoming mail is normally held by the sending servers and delivered afterwards. Nothing needs changing on your side.",
                    suggestions: ["show incidents"])
            )
        case (.incidents, false):
            return guideStepReply(.mxDNS, session: session, lead: "No incident, so let's check the domain's DNS.")
        case (.mxDNS, _), (.errorCode, _):
            return guideStepReply(step.next ?? .errorCode, session: session)
        }
    }

    /// "the MX records", "SPF and DMARC"…
    static func describe(_ ids: [CheckID]) -> String {
        let names = ids.map { id -> String in
            switch id {
            case .mx: "the MX records"
            case .spf: "the SPF record"
            case .dmarc: "the DMARC record"
            case .dkim: "the DKIM keys"
            case .dnsbl: "the blocklists"
            case .ptr: "the reverse DNS"
            case .domain: "the domain"
            default: id.rawValue
            }
        }
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + last
    }

    static func isThanks(_ lower: String) -> Bool {
        let text = lower.trimmed(".!")
        guard text.hasAtMost(characters: 40) else { return false }
        return thanksWords.contains { text.hasPrefix($0) } && !text.has("but")
    }

    static func isAlreadyTried(_ lower: String) -> Bool {
        guard lower.hasAtMost(characters: 80) else { return false }
        return alreadyTriedPhrases.contains { lower.has($0) }
    }

    /// "what about DKIM?" → "dkim"; nil for other messages.
    static func followUpTopic(_ lower: String) -> String? {
        guard lower.hasAtMost(characters: 60) else { return nil }
        for prefix in followUpPrefixes {
            guard lower.hasPrefix(prefix) else { continue }
            let topic = String(lower.dropFirst(prefix.count).trimmed("?!."))
            if !topic.isEmpty, topic.split(separator: " ").count <= 4 { return topic }
        }
        return nil
    }

    static func isCorrection(_ lower: String) -> Bool {
        guard lower.spaceSeparatedCount(limit: 8) <= 8 else { return false }
        return correctionPhrases.contains { lower.has($0) }
    }
}
