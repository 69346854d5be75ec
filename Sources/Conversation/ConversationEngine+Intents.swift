import Knowledge
import Localization
import MailModel

/// Replies chosen by the message's intent (``Understanding/intent``): fact questions answered with the
/// fact, check requests in any wording, and the small conversational moves.
extension ConversationEngine {
    /// Thanks, greeting, help, start over and off topic: the small moves of a conversation.
    func smalltalkReply(_ move: Move, session: Session) -> (Session, Reply) {
        if let reply = Self.fixedSmalltalkReply(move) { return (session, reply) }
        switch move {
        case .help: return (session, helpReply())
        case .startOver: return (session.restarted(), Self.startOverReply())
        default:
            var session = session
            session.offer = nil
            session.pendingQuestion = nil
            return (session, thanksReply(session))
        }
    }

    /// The reply to a greeting or an off-topic message, always the same; nil for the other moves.
    private static func fixedSmalltalkReply(_ move: Move) -> Reply? {
        let answer: String
        let suggestions: [String]
        switch move {
        case .greeting:
            answer = tr(
                "Hello! Tell me what goes wrong with your email — sending, receiving, an error message — or paste the bounce you got."
            )
            suggestions = [tr("I can't receive emails since Monday"), tr("help")]
        case .offTopic:
            answer = tr(
                "That is outside what I know: I help when email cannot be sent or received — I read error messages and bounces, explain the cause and check a domain's DNS and mail servers."
            )
            suggestions = [tr("help"), tr("topics")]
        default: return nil
        }
        return Reply(intent: .smalltalk, answer: answer, suggestions: suggestions)
    }

    /// A fact question: the fact from the provider profile in the first sentence, then the article's steps,
    /// unless they were given earlier in the conversation (they are not repeated word for word).
    func factReply(_ fact: IntentDefinition, session: Session) -> (Session, Reply) {
        var session = session
        let answer = knowledge.localProvider.render(fact.answer.map { tr(LocalizedText(key: $0)) } ?? "")
        guard let id = fact.article, let article = knowledge.article(id) else {
            return (session, Reply(intent: .question, direction: session.direction, answer: answer))
        }
        // The steps once per conversation: a fact asked about the topic at hand comes alone.
        let stepsGiven = session.topic?.article == article.id && session.topic?.shown.contains(.steps) == true
        session.stage = .answered
        session.pendingText = nil
        session.give(article.id)
        var reply = articleReply(article, intent: .question, direction: session.direction)
        reply.answer = answer
        if stepsGiven { reply.steps = [] } else { session.topic?.shown.insert(.steps) }
        return (session, reply)
    }

    /// The fact question a message asks, read in the conversation: when another fact question explains
    /// the message as well as the decided one and belongs to the topic being discussed, that one ("what's
    /// the limit?" about a full mailbox asks for its size, not for the sending limit).
    func factOnTopic(_ id: String, _ c: MoveContext) -> String {
        let intents = knowledge.intents
        guard let topic = c.session.topic?.article, intents.definition(id)?.article != topic,
            let decided = c.understanding.score(of: id)
        else { return id }
        let onTopic = c.understanding.intents.first { other in
            guard let definition = intents.definition(other.id) else { return false }
            return definition.kind == .fact && definition.article == topic && other.coverage >= decided.coverage
                && intents.hasCue(other.id, in: c.understanding.lower)
        }
        return onTopic?.id ?? id
    }

    /// A request to check, in any wording: the checks it names (or the usual ones) on the domain or IP it
    /// names or the one remembered; without a target, one question whose answer runs the checks.
    func checkRequestReply(
        _ understanding: Understanding, session: Session, progress: @escaping @Sendable (ProgressEvent) -> Void
    ) async -> (Session, Reply) {
        var session = session
        session.entities = session.entities.merged(with: understanding.entities)
        do {
            if let request = try CheckRequest.parse(understanding.text) {
                return await runChecks(request, session: session, progress: progress)
            }
        } catch {
            // An explicit command with a bad target: say what is wrong with it.
            return (
                session,
                Reply(
                    intent: .check, answer: tr(error.text), suggestions: ["check example.com", "check mx example.com"])
            )
        }
        if let ids = CheckRequest.namedChecks(understanding.text) {
            let list = ids.split(separator: ",").compactMap { CheckID(rawValue: String($0)) }
            if let target = session.rememberedTarget(needsIP: LiveChecks.needsIP(ids)),
                let request = DialogPolicy.request(list, on: target)
            {
                return await runChecks(request, session: session, progress: progress)
            }
            return targetQuestion(for: list, session: session)
        }
        if let last = session.lastCheck, Self.namedCheckIDs(in: understanding.words).isEmpty,
            Self.target(in: understanding) == nil
        {
            // "check again?": the last checks, as they were.
            return await runChecks(last, session: session, progress: progress)
        }
        if Self.namedCheckIDs(in: understanding.words).isEmpty, Self.target(in: understanding) == nil,
            let article = session.topic.flatMap({ knowledge.article($0.article) })
        {
            // "can you check it?" on a topic: the topic's checks, on what the conversation knows.
            let ids = article.checks.compactMap(CheckID.init).filter { !LiveChecks.probeIDs.contains($0) }
            let needsIP = !ids.isEmpty && LiveChecks.needsIP(ids.map(\.rawValue).joined(separator: ","))
            if let target = session.rememberedTarget(needsIP: needsIP),
                let request = DialogPolicy.request(needsIP ? ids : [], on: target)
            {
                return await runChecks(request, session: session, progress: progress)
            }
        }
        if let request = CheckRequest.serverProbe(understanding) {
            return await runChecks(request, session: session, progress: progress)
        }
        let named = Self.namedCheckIDs(in: understanding.words)
        if let target = Self.target(in: understanding),
            LiveChecks.needsIP(named.map(\.rawValue).joined(separator: ",")) == (IPAddress(target) != nil)
                || named.isEmpty,
            let request = DialogPolicy.request(named, on: target)
        {
            // "kannst du mal den mx von example.org checken": the name the message gives, before any remembered.
            return await runChecks(request, session: session, progress: progress)
        }
        var remembered = session.entities
        remembered.domain = session.rememberedTarget(needsIP: false)
        remembered.ip = session.rememberedTarget(needsIP: true)
        if let request = CheckRequest.inWords(understanding, remembered: remembered) {
            return await runChecks(request, session: session, progress: progress)
        }
        return targetQuestion(for: Self.namedCheckIDs(in: understanding.words), session: session)
    }

    /// "Which domain should I check?": the one question for a check without a target; its answer runs
    /// the checks `ids` (empty for every check that applies).
    func targetQuestion(for ids: [CheckID], session: Session) -> (Session, Reply) {
        var session = session
        let needsIP = !ids.isEmpty && LiveChecks.needsIP(ids.map(\.rawValue).joined(separator: ","))
        session.pendingQuestion = .target(ids)
        return (
            session,
            Reply(
                intent: .question, direction: session.direction,
                answer: needsIP ? tr("Which IP address should I check?") : tr("Which domain should I check?"),
                suggestions: needsIP ? ["203.0.113.5"] : ["example.com"])
        )
    }

    /// The polite close after a thanks or a goodbye.
    func thanksReply(_ session: Session) -> Reply {
        guard let problem = session.lastCheckProblem else {
            return Reply(
                intent: .smalltalk, direction: session.direction,
                answer: tr(
                    "You're welcome. If it fails again, paste the error message or the bounce and I will read it."))
        }
        // Not everything passed: the person should not leave thinking it did.
        return Reply(
            intent: .smalltalk, direction: session.direction,
            answer:
                tr(
                    "You're welcome. One thing before you go: the last check did not pass everything — \(problem). The results above say what to fix."
                ),
            suggestions: [tr("why?"), tr("how do I fix it?")])
    }

    /// The checks a request names in its own words ("our DNS", "the MX", "SMTP", "blacklist"), in order.
    static func namedCheckIDs(in words: [String]) -> [CheckID] {
        var ids: [CheckID] = []
        for (position, word) in words.enumerated() {
            let found: [CheckID]
            let afterPort = position > 0 && ["port", "porta", "puerto", "porte"].contains(words[position - 1])
            // "MX Plan" is a product, not the MX records.
            if position + 1 < words.count, words[position + 1] == "plan" { continue }
            switch word {
            case "587", "465": found = [.submission]
            case "993", "143": found = [.imap]
            case "995", "110": found = [.pop3]
            case "25" where afterPort: found = [.smtp]
            case "dns", "zone", "records": found = [.mx, .spf, .dmarc]
            case "blacklist", "blacklisted", "blocklist", "blocklisted", "listed", "spamhaus", "spamcop", "rbl",
                "dnsbl",
                "negra", "nera", "noire", "listee", "listada", "listado", "listata", "listato", "sperrliste",
                "gelistet",
                "ip":
                found = [.dnsbl, .ptr]
            case "envio", "envoi", "versand", "invio", "sending", "outgoing", "sortant", "ausgang", "saliente",
                "uscita",
                "saida":
                found =
                    words.contains(where: { ["server", "serveur", "servidor", "servizio", "serverul"].contains($0) })
                    ? [.submission] : []
            case "rdns", "ptr", "reverse": found = [.ptr]
            default: found = LiveChecks.names[word].map { [$0] } ?? []
            }
            for id in found where !ids.contains(id) { ids.append(id) }
        }
        // "check my domain": every check of a domain, not only that it exists.
        return ids == [.domain] ? [] : ids
    }
}
