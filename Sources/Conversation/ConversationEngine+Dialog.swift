import Bounces
import ByteText
import Foundation
import Knowledge
import Localization
import MailModel

/// The dialog policy: answers to MailDoctor's own questions, follow-ups, consent to checks, and the
/// next diagnostic step in the guide's order.
extension ConversationEngine {
    /// Whether a message asks, as a request ("can you check it", "schau mal bitte", "verifica"), for a check.
    static func asksPolitelyToCheck(_ understanding: Understanding, knowledge: KnowledgeService) -> Bool {
        guard understanding.hasCheckCue else { return false }
        return understanding.words.contains(where: requestWords.contains)
            || understanding.words.first.map({ knowledge.intents.hasCue("check-request", in: $0) }) == true
    }

    /// Whether a complaint asks MailDoctor to look at something: it has a check request's cue ("can you
    /// check", "schau mal"), or it asks a question about a check's subject ("is my rdns ok?") or about
    /// a domain or IP of the person's own ("…multiple.spf.test, is that ok?").
    func asksToCheck(_ understanding: Understanding) -> Bool {
        // "can you check…", "schau mal…", "check my dns": a cue asked for, not "I checked my invoice".
        if Self.asksPolitelyToCheck(understanding, knowledge: knowledge) { return true }
        // "can't connect to imap server mail.example.com, is it down?": a server's service, asked about.
        let named = Self.namedCheckIDs(in: understanding.words)
        if understanding.lower.contains("?"), !named.isEmpty, named.allSatisfy(LiveChecks.probeIDs.contains),
            understanding.mentions.contains(where: { $0.kind == .host || $0.kind == .domain })
        {
            return true
        }
        // "…my domain is example.org": the person points at what to look at.
        if understanding.mentions.contains(where: { $0.role == .own && ($0.kind == .domain || $0.kind == .ip) }) {
            return true
        }
        guard understanding.lower.contains("?") else { return false }
        // "…multiple.spf.test, is that ok?": a question about a name of one's own.
        return Self.asksIfRight(understanding) || Self.ownTarget(in: understanding) != nil
    }

    /// "Is my domain ok?", "is my rdns ok?", "il mio dominio è a posto?": a question whether a domain or a
    /// checkable thing is right.
    static func asksIfRight(_ understanding: Understanding) -> Bool {
        guard understanding.lower.contains("?") else { return false }
        let okWord = understanding.words.contains { word in okWords.contains { word.hasPrefix($0) } }
        let aboutDomain = understanding.words.contains(where: domainWords.contains)
        return okWord && (aboutDomain || !namedCheckIDs(in: understanding.words).isEmpty)
    }

    /// A domain, IP or host of the person's own (or of unknown role) that a message names.
    static func ownTarget(in understanding: Understanding) -> String? {
        understanding.mentions.first {
            [.domain, .ip, .host, .address].contains($0.kind) && ($0.role == .own || $0.role == .unknown)
        }?.value
    }

    /// A complaint that asks for a look: the article's answer and, with a target named or remembered, the
    /// checks it names (or the article's) run at once; without one, the question for the target.
    func complaintWithCheck(
        _ understanding: Understanding, session: Session, progress: @escaping @Sendable (ProgressEvent) -> Void
    ) async -> (Session, Reply) {
        var session = session
        session.offer = nil
        session.pendingQuestion = nil
        session.entities = session.entities.merged(with: understanding.entities)
        var (answered, reply) = answer(understanding.text, session: session, ranking: understanding.ranking)
        // The checks it names, else every check (their results are then tied to the complaint).
        let ids = Self.namedCheckIDs(in: understanding.words)
        let near = understanding.ranking.hits.prefix(understanding.ranking.confidence == .confident ? 1 : 2)
        if ids.isEmpty, !understanding.hasCheckCue, !Self.asksPolitelyToCheck(understanding, knowledge: knowledge),
            !Self.asksIfRight(understanding), !near.isEmpty,
            near.allSatisfy({ knowledge.article($0.id)?.checks.isEmpty == true })
        {
            // "…quota exceeded?? my address is sarah@example.org": the address says whose mailbox, it asks for
            // no look at the domain, and nothing in DNS explains a full mailbox (nor the article close to it).
            // The address is remembered.
            return (answered, reply)
        }
        let list = ids.map(\.rawValue).joined(separator: ",")
        let needsIP = !ids.isEmpty && LiveChecks.needsIP(list)
        // A server probe runs on the server named, whoever's it is; other checks on one's own domain or IP.
        let probing = !ids.isEmpty && ids.allSatisfy(LiveChecks.probeIDs.contains)
        let own = probing ? Self.target(in: understanding) : Self.ownTarget(in: understanding)
        let target = own ?? answered.rememberedTarget(needsIP: needsIP)
        guard let target, liveChecksWiring != nil else {
            guard liveChecksWiring != nil else { return (answered, reply) }
            if reply.intent == .unknown {
                // No article for it ("is my domain set up right?"): the check is the answer.
                reply = Reply(
                    intent: .question, direction: answered.direction,
                    answer: tr("I can check your domain's DNS and mail setup (MX, SPF, DKIM, DMARC) right now."))
                answered.stage = .answered
            }
            guard case .answered = answered.stage else { return (answered, reply) }
            // Nothing to run it on yet: one question, whose answer runs the checks.
            answered.offer = nil
            answered.pendingQuestion = .target(ids)
            reply.nextStep =
                needsIP
                ? tr("Which IP address should I check? It is in the bounce or the message headers.")
                : tr(
                    "Which domain should I check? I will look at \(ids.isEmpty ? tr("its DNS and mail setup") : Self.describe(ids))."
                )
            reply.suggestions = ["example.com"] + reply.suggestions.prefix(2)
            return (answered, reply)
        }
        let request = DialogPolicy.request(ids, on: target) ?? CheckRequest.every(on: target)
        // The checks run now: nothing is left to offer or ask about them, and they answer any clarifying
        // question the complaint raised.
        answered.offer = nil
        answered.pendingQuestion = nil
        if case .clarifying = answered.stage {
            answered.stage = .answered
            answered.pendingText = nil
        }
        let about = understanding.ranking.hits.prefix(3).map(\.id)
        var (checked, result) = await runChecks(
            request, session: answered, about: about, direction: understanding.ranking.direction, progress: progress)
        if let first = reply.articles.first, !result.articles.contains(where: { $0.id == first.id }) {
            result.articles.append(first)
        }
        if let topic = answered.topic { checked.topic = topic }
        return (checked, result)
    }

    /// Most words of a message that is only a target ("it's for example.org please").
    static let targetMessageTerms = 5
    /// Most words beside a name in a statement that only gives it ("the site is example.org").
    static let namingTerms = 3
    /// Most words of a follow-up to a check ("and is 192.0.2.25 on any blacklist?").
    static let followUpTerms = 12
    /// Most words of a follow-up that names a check and nothing else ("and the submission port?").
    static let shortFollowUpTerms = 4
    /// "Too", in the six languages: "pop3 too", "et l'imap aussi".
    static let alsoWords: Set<String> = [
        "too", "also", "aussi", "auch", "tambien", "anche", "tambem", "ebenfalls", "egalement",
    ]
    /// Most words of a closing remark ("ok found it, the box was unticked. works now thx!").
    static let closingTerms = 20

    /// Whether a short message says that webmail works ("webmail is fine", "le webmail marche").
    /// A leading yes or no answers the question asked ("non, le webmail marche bien"): it negates
    /// nothing that follows.
    static func saysWebmailWorks(_ understanding: Understanding) -> Bool {
        var words = understanding.words[...]
        guard words.count <= followUpTerms, words.contains("webmail") else { return false }
        if let first = words.first, leadingAnswers.contains(first) { words = words.dropFirst() }
        return !Set(words).isDisjoint(with: fineWords) && Set(words).isDisjoint(with: negations)
    }

    /// Words of a server's notice that it will retry a delayed message (pasted bounces are mostly English).
    static let retryNotices = ["retry", "try again for"]  // data: words of a pasted notice

    /// Words that acknowledge rather than answer, folded, in the six languages.
    static let acknowledgements: Set<String> = ["ok", "okay", "k", "dac", "vale", "okey", "okei", "beleza", "blz"]

    /// Yes and no words that open an answer, folded, in the six languages.
    static let leadingAnswers: Set<String> = ["no", "non", "nein", "nao", "yes", "oui", "ja", "si", "sim"]

    /// Words that make a sentence a request, folded, in the six languages ("can you…", "bitte", "porfa").
    static let requestWords: Set<String> = [
        "can", "could", "would", "please", "pls", "plz", "pouvez", "peux", "pourriez", "pourrais", "svp", "stp",
        "kannst", "konnen", "konntest", "konnten", "bitte", "mal", "puedes", "podrias", "puede", "porfa", "favor",
        "puoi", "potresti", "puo", "pode", "podes", "poderia", "podia",
    ]
    /// Starts of words that ask whether something is set up right, folded, in the six languages.
    static let okWords: [String] = [
        "ok", "right", "correct", "fine", "configured", "configurado", "configurato", "konfiguriert", "good", "bien",
        "posto", "richtig", "eingerichtet", "korrekt", "bem", "certo", "bueno", "buono", "sauber", "valid", "valide",
    ]
    /// "Domain" in the six languages, folded.
    static let domainWords: Set<String> = ["domain", "domaine", "dominio", "domains", "domaines", "dominios", "domini"]
    /// Words that open a why-question, folded, in the six languages.
    static let whyWords: Set<String> = ["why", "warum", "wieso", "weshalb", "pourquoi", "porque", "perche", "porque"]
    /// Words that open a who-question ("who do I ask to fix it?", "a quién le pido…"), folded, in the six
    /// languages.
    static let whoWords: Set<String> = ["who", "whom", "wer", "wen", "wem", "qui", "quien", "chi", "quem"]  // data
    /// The words a closing remark ends with ("…, thanks"), in the six languages.
    static let thanksWords: Set<String> = [
        "thanks", "thx", "ty", "cheers", "merci", "danke", "gracias", "grazie", "obrigado", "obrigada", "vlw",
        "valeu", "thank", "bye",
    ]

    /// The domain, IP or host a message names for a check: the person's own first, then one of unknown
    /// role; a recipient, a remote or reporting server only when nothing else is named.
    static func target(in understanding: Understanding) -> String? {
        let names = understanding.mentions.filter { [.domain, .ip, .host, .address].contains($0.kind) }
        let preferred = names.first { $0.role == .own || $0.role == .unknown } ?? names.first
        guard let preferred else { return nil }
        if preferred.kind == .host || preferred.kind == .domain,
            let port = understanding.mentions.first(where: { $0.kind == .port })?.value
        {
            return "\(preferred.value):\(port)"
        }
        return preferred.value
    }

    /// What follows the first word ("no, they match" → "they match"); nil when nothing does.
    static func afterFirstWord(_ text: String) -> String? {
        let separators: Set<Character> = [" ", ",", ".", "!", ";", ":", "-", "–"]
        let start = text.drop { $0 == " " }
        let rest = start.drop { !separators.contains($0) }.drop { separators.contains($0) }
        return rest.isEmpty ? nil : String(rest)
    }

    /// Words after "no, …" that say the opposite of the no: the thing asked about is fine ("no, they
    /// match and webmail works" answers "is something wrong?" with a yes to "do they match?").
    static let fineWords: Set<String> = [
        "match", "matches", "works", "working", "fine", "correct", "right", "same", "identical", "ok", "okay",
        "active", "paid", "correspondent", "correspond", "marche", "fonctionne", "identiques", "stimmen", "stimmt",
        "passt", "funktioniert", "geht", "coinciden", "coincide", "funciona", "iguales", "corrispondono",
        "funziona", "uguali", "coincidem", "batem", "iguais",
        // "I see them (all) in webmail", "the mails are in there".
        "see", "vois", "dedans", "sehe", "veo", "vedo", "vejo",
    ]
    /// Words that negate what follows.
    static let negations: Set<String> = [
        "not", "doesn't", "doesnt", "don't", "dont", "isn't", "isnt", "aren't", "can't", "cant", "cannot", "never",
        "pas", "nicht", "kein", "keine", "nada", "non", "não", "nao", "niente", "nie", "fails", "broken",
    ]

    /// Whether an answer with content means yes to a guide question: a "no" whose words say the thing is
    /// fine ("no, they match") is a yes; otherwise the first word decides.
    static func meansYes(_ yes: Bool, content: String?) -> Bool {
        guard !yes, let content else { return yes }
        let words = Set(content.lowercased().split { !$0.isLetter && $0 != "'" }.map(String.init))
        return !words.isDisjoint(with: fineWords) && words.isDisjoint(with: negations)
    }

    /// Carries out what the dialog policy chose.
    func perform(
        _ action: Action, move: Move, understanding: Understanding, session: Session,
        progress: @escaping @Sendable (ProgressEvent) -> Void
    ) async -> (Session, Reply) {
        var session = session
        switch action {
        case .runCheck(let request):
            session.offer = nil
            session.pendingQuestion = nil
            session.entities = session.entities.merged(with: understanding.entities)
            return await runChecks(request, session: session, progress: progress)
        case .checkRequest:
            session.offer = nil
            session.pendingQuestion = nil
            return await checkRequestReply(understanding, session: session, progress: progress)
        case .askTarget(let ids):
            session.offer = nil
            return targetQuestion(for: ids, session: session)
        case .checkAgain(let ids, let target):
            guard var request = session.lastCheck else {
                // Nothing checked yet ("bitte prüfen Sie DKIM für example.org, selector s1" on the DKIM topic).
                session.entities = session.entities.merged(with: understanding.entities)
                guard let target, let request = DialogPolicy.request(ids, on: target) else {
                    return targetQuestion(for: ids, session: session)
                }
                session.offer = nil
                session.pendingQuestion = nil
                return await runChecks(request, session: session, progress: progress)
            }
            if ids == [.dkim], understanding.entities.selector == nil, let name = Self.selectorWord(in: understanding) {
                // "the new one is default": a common selector's name, said about DKIM.
                session.entities.selector = name
            }
            if !ids.isEmpty {
                // Other checks: a port of the last probe is not theirs.
                if request.ids != Set(ids) { request.probeTarget = CheckRequest.hostPart(of: request.probeTarget) }
                request.ids = Set(ids)
            }
            if let target, let retargeted = request.retargeted(to: target) { request = retargeted }
            if !ids.isEmpty, target == nil, LiveChecks.needsIP(request.list) != (request.target.domain == nil) {
                // "and the blocklists?" after a domain check: the IP checks need the IP.
                guard let other = session.rememberedTarget(needsIP: LiveChecks.needsIP(request.list)),
                    let retargeted = request.retargeted(to: other)
                else { return targetQuestion(for: ids, session: session) }
                request = retargeted
            }
            session.offer = nil
            session.pendingQuestion = nil
            session.entities = session.entities.merged(with: understanding.entities)
            return await runChecks(request, session: session, progress: progress)
        case .checkTopic(let target):
            let checks = session.topic.flatMap { knowledge.article($0.article) }?.checks.compactMap(CheckID.init) ?? []
            // A name given while walking the guide's first steps gets every check: its DNS comes at a later step.
            let walking = session.isWalkingGuide && session.guideStep != .mxDNS
            let ids = walking ? [] : checks.filter { !LiveChecks.probeIDs.contains($0) }
            let request = DialogPolicy.request(ids, on: target) ?? DialogPolicy.request([], on: target)
            guard let request else { break }
            session.offer = nil
            session.pendingQuestion = nil
            session.entities = session.entities.merged(with: understanding.entities)
            return await runChecks(request, session: session, progress: progress)
        case .complaintWithCheck:
            return await complaintWithCheck(understanding, session: session, progress: progress)
        case .declineCheck:
            session.offer = nil
            session.pendingQuestion = nil
            return (
                session,
                Reply(
                    intent: .smalltalk, direction: session.direction,
                    answer: tr("All right, no check. What else can I help with?"),
                    suggestions: session.topic.map { _ in [tr("I already tried that"), tr("why?")] } ?? [])
            )
        case .guideAnswer(let step, let yes):
            // A step asked and left for another one ("webmail is empty too" after "is the service
            // active?") is not asked again.
            if case .guide(let asked)? = session.pendingQuestion, asked != step, move == .webmailFails {
                session.guideDone.insert(asked)
            }
            session.pendingQuestion = nil
            if move == .webmailFails || move == .noIncident {
                session.entities = session.entities.merged(with: understanding.entities)
                if understanding.ranking.direction != .unknown { session.direction = understanding.ranking.direction }
                if let failing = Self.failingDirection(in: understanding.lower) { session.direction = failing }
            }
            if move == .webmailFails {
                return guideAnswer(
                    .webmail, yes: false, session: session,
                    lead: tr(
                        "Webmail has the same problem, so it is not your mail program: the account or the service itself is affected."
                    ))
            }
            var content: String?
            if case .answer(_, let text, _) = move { content = text }
            // "No, webmail works fine, the mails are in there" answers the webmail step too: on to the app.
            if step != .webmail, step != .clientSettings, Self.saysWebmailWorks(understanding) {
                return guideAnswer(.webmail, yes: true, session: session)
            }
            // A bare "ok" acknowledges what was said; it does not answer "is an incident listed?".
            if understanding.words.count == 1, let word = understanding.words.first,
                Self.acknowledgements.contains(word),
                let question = guideQuestion(step)
            {
                session.pendingQuestion = .guide(step)
                return (
                    session,
                    Reply(
                        intent: .question, direction: session.direction, answer: question,
                        suggestions: [tr("yes"), tr("no")])
                )
            }
            return guideAnswer(step, yes: Self.meansYes(yes, content: content), session: session)
        case .explain: return topicPartReply(.meaning, session: session)
        case .confirm:
            // "How do I unblock it?": the step that says how, when one does; else how to confirm the cause.
            if let reply = stepReply(understanding, session: session) { return reply }
            return topicPartReply(.confirm, session: session)
        case .nextInTopic: return nextInTopic(session: session)
        case .nextInGuide: return alreadyTriedReply(session: session)
        case .aspect(let topic):
            session.entities = session.entities.merged(with: understanding.entities)
            if let check = LiveChecks.names[topic], let article = knowledge.article(LiveChecks.article(for: check)) {
                return articleWithNextStep(article, session: session, checks: [check])
            }
            // "and the antivirus?" on a topic one of whose steps says what to do about it: that step.
            if let (after, reply) = stepReply(understanding, session: session), !reply.steps.isEmpty {
                return (after, reply)
            }
            return answer(topic, session: session)
        case .smalltalk(let kind): return smalltalkReply(kind, session: session)
        case .resendAnswer: return resendReply(session: session)
        case .whoseSide: return whoseSideReply(session: session)
        case .ownAddressAnswer: return ownAddressReply(session: session)
        case .appPassword(let changed, let tried):
            return appPasswordReply(changed: changed, tried: tried, session: session)
        case .needIt: return needItReply(understanding, session: session)
        case .whatToEnter: return whatToEnterReply(understanding, session: session)
        case .fact(let id):
            guard let fact = knowledge.intents.definition(id) else { break }
            if id == Self.delayFact, let reply = delayOffDNSReply(session: session) { return reply }
            return factReply(fact, session: session)
        case .bounce:
            session.offer = nil
            session.pendingQuestion = nil
            guard let report = understanding.bounce else { break }
            session.entities = session.entities.merged(with: EntityExtractor.extract(from: report))
            session.entities = session.entities.merged(with: understanding.entities)
            if let recipient = report.mostImportantRecipient() ?? report.recipients.first {
                session.lastBounce = BounceSummary(
                    reason: recipient.reason, recipient: recipient.address,
                    codes: [recipient.replyCode, recipient.status].filter { !$0.isEmpty }.joined(separator: " "))
                session.lastBounce?.delayed = BounceReport.isDelay(recipient)
                let advice = report.advice()
                session.lastBounce?.side = advice.side
                session.lastBounce?.reading = advice.reason
                // A pasted line that says the server will retry ("Gmail will retry for 46 more hours") is
                // a server's delay notice, not an error the person's program showed.
                session.lastBounce?.isErrorLine =
                    report.kind == .fragment && !Self.retryNotices.contains { understanding.lower.contains($0) }
            }
            return bounceReply(report, text: understanding.text, session: session)
        case .inContext:
            if Self.asksAboutAStep(understanding), let reply = stepReply(understanding, session: session) {
                return reply
            }
            if let reply = inContextReply(understanding, session: session) { return reply }
        case .complaint:
            if let reply = followUpOnTopic(understanding, session: session) { return reply }
        }
        // A new topic drops the open offer and question (and the last check's problem), not what the
        // conversation has learnt.
        session.offer = nil
        session.pendingQuestion = nil
        session.lastCheckProblem = nil
        session.entities = session.entities.merged(with: understanding.entities)
        return answer(understanding.text, session: session, ranking: understanding.ranking)
    }

    /// "Is it on my side or theirs?": from the last bounce's side when there is one, then who fixes the
    /// topic's cause (its "Who to contact"); before any topic, what MailDoctor needs to tell.
    func whoseSideReply(session: Session) -> (Session, Reply) {
        // A listed IP is on the side of whoever runs it, whatever side the bounce was read on; on a neighbouring
        // topic (a missing PTR) after a blocklist check that found nothing, that topic's answer stands.
        let listing =
            session.topic.map { Self.blocklistArticles.contains($0.article) } ?? true
            || session.lastBounce?.reading == "blocked"
            || session.lastCheckOutcomes.contains { $0.id == .dnsbl && $0.status != .pass }
        if Self.isOnBlocklist(session), listing { return blocklistSideReply(session: session) }
        var parts: [String] = []
        if let side = session.lastBounce?.side {
            let sentence = Self.sideSentence(side).trimmingCharacters(in: .whitespaces)
            parts.append(sentence.isEmpty ? tr("The bounce alone does not say whose side it is on.") : sentence)
        }
        let article = session.topic.flatMap { knowledge.article($0.article) }
        if let article, let contact = knowledge.otherSections(article.id).first(where: { $0.title == "Who to contact" })
        {
            parts.append(tr("Who fixes it: \(contact.text)"))
        }
        guard !parts.isEmpty else { return (session, firstTellMeReply()) }
        var reply = Reply(intent: .question, direction: session.direction, answer: parts.joined(separator: " "))
        if let article {
            reply.articles = [ArticleReference(id: article.id, title: article.title, score: 1)]
            reply.suggestions = [tr("why?"), tr("I already tried that")]
        }
        return (session, reply)
    }

    /// "Should I resend it?", "is the mail lost?" after a bounce: yes or no first, from what the bounce was.
    func resendReply(session: Session) -> (Session, Reply) {
        guard let bounce = session.lastBounce else { return continueTopic(session: session) }
        let recipient = bounce.recipient.isEmpty ? tr("the recipient") : bounce.recipient
        let answer =
            !bounce.delayed && bounce.side == .recipient
            ? Self.resendOnRecipientsSide(bounce, recipient: recipient)
            : bounce.reading == "speeding" && bounce.isErrorLine
                ? tr(
                    "Held back by the hourly sending limit: nothing more goes out until the hour has passed. Then look in your Outbox and Sent folders, and send again, in smaller batches, whatever is not in Sent."
                )
                : bounce.delayed
                    ? tr(
                        "Nothing is lost and there is no need to resend yet: this was a delay notice. The sending server still holds the message and keeps trying to deliver it to \(recipient) for several days. You get a final notice only if it gives up; resending now would only risk a duplicate."
                    )
                    : tr(
                        "It was not delivered to \(recipient), and nothing will retry it: fix the cause first (see above), then send it again. Your copy is still in your Sent folder."
                    )
        return (
            session, Reply(intent: .question, direction: session.direction, answer: answer, suggestions: [tr("why?")])
        )
    }

    /// "Should I resend?" when the bounce's cause is on the recipient's side: nothing on the person's side
    /// is to fix, so yes, once the recipient has made space or given an address that works.
    static func resendOnRecipientsSide(_ bounce: BounceSummary, recipient: String) -> String {
        if bounce.reading == "mailboxfull" {
            return tr(
                "Yes, once \(recipient) has made space: nothing retries it by itself. Tell them by another channel (phone or another address) that their mailbox is full, then send it again from your Sent folder."
            )
        }
        return tr(
            "Yes, but only to an address that works: nothing retries it by itself. Check the address for typos or ask the recipient by another channel for their current one, then send it again from your Sent folder."
        )
    }

    /// A short follow-up on the current topic that the ranking does not clearly place elsewhere ("how do I
    /// know which IP?", "which server?"), or that points to the topic's article again: the topic goes on
    /// instead of a new article (or the same one word for word).
    func followUpOnTopic(_ understanding: Understanding, session: Session) -> (Session, Reply)? {
        guard let topic = session.topic, understanding.bounce == nil, understanding.codes.isEmpty else { return nil }
        let near = understanding.ranking.hits.prefix(2).contains { $0.id == topic.article }
        if near, understanding.describesFailure, Self.asksHow(understanding),
            !Set(understanding.words).isDisjoint(with: Self.appWords), let article = knowledge.article(topic.article)
        {
            // "How do I clear space? I only use the mail app on my iPhone" about a full mailbox: how to fix
            // the topic's own problem with the person's app is all of its steps, not one of them.
            return stepsAgainReply(article, session: session)
        }
        guard understanding.words.count <= Self.followUpTerms else { return nil }
        let best = understanding.ranking.hits.first?.id
        if best == topic.article || understanding.ranking.confidence != .confident,
            Self.asksAboutAStep(understanding),
            let reply = stepReply(understanding, session: session)
        {
            return reply
        }
        if best == topic.article, topic.shown.contains(.steps) {
            // The same article again: its summary (where the provider's values are) once, not the whole of it.
            guard !topic.shown.contains(.recap), let article = knowledge.article(topic.article) else {
                return continueTopic(session: session)
            }
            var session = session
            session.topic?.shown.insert(.recap)
            session.offer = nil
            session.pendingQuestion = nil
            var reply = Reply(
                intent: .question, direction: session.direction, answer: article.summary,
                articles: [ArticleReference(id: article.id, title: article.title, score: 1)],
                suggestions: [tr("why?"), tr("I already tried that")] + article.related.prefix(2).map { "show \($0)" })
            reply.nextStep = tr(
                "The steps are in my previous answer; tell me which one fails, or paste the error you get.")
            return (session, reply)
        }
        guard understanding.ranking.confidence != .confident, !understanding.describesFailure, !isClarifying(session)
        else { return nil }
        return continueTopic(session: session)
    }

    /// Whether a message asks how to do something: a how-word among its first two words ("how do I…",
    /// "y cómo libero…", "und wie…").
    static func asksHow(_ understanding: Understanding) -> Bool {
        understanding.words.prefix(2).contains(where: howWords.contains) && !understanding.hasCheckCue
    }

    /// "How", folded, in the six languages.
    static let howWords: Set<String> = ["how", "comment", "wie", "como", "cómo", "come"]

    /// Whether a message asks how to do something rather than how big, long or many ("how do I free
    /// space?", not "how big is it?").
    static func asksHowTo(_ understanding: Understanding) -> Bool {
        opensHowTo(understanding.words)
    }

    /// Whether folded words open by asking how to do something: a how-word among the first three, followed
    /// by a word that asks no measure.
    static func opensHowTo(_ words: [String]) -> Bool {
        let opening = Array(words.prefix(3))
        guard let at = opening.firstIndex(where: howWords.contains) else { return false }
        return at + 1 < opening.count && !measureWords.contains(opening[at + 1])
    }

    /// Whether a message opens by asking how long, how much or how many ("how long does it stay blocked").
    static func asksMeasure(_ understanding: Understanding) -> Bool {
        let words = Array(understanding.words.prefix(3))
        guard let at = words.firstIndex(where: howWords.contains), at + 1 < words.count else { return false }
        return measureWords.contains(words[at + 1])
    }

    /// Words that make "how" ask for a measure ("how big", "wie lange", "cuánto"), folded.
    static let measureWords: Set<String> = [
        "big", "much", "many", "long", "large", "soon", "lange", "viel", "viele", "gross", "groß", "schnell",
        "grande", "tanto", "tanta",
    ]

    /// The topic's steps again, for a question on how to fix the topic's own problem.
    func stepsAgainReply(_ article: Article, session: Session) -> (Session, Reply) {
        var session = session
        session.offer = nil
        session.pendingQuestion = nil
        var reply = articleReply(article, intent: .question, direction: session.direction)
        reply.answer = tr("Here is how, step by step.")
        reply.suggestions = [tr("I already tried that"), tr("why?")] + article.related.prefix(2).map { "show \($0)" }
        return (session, reply)
    }

    /// A follow-up that asks about one thing the topic's steps cover ("how do I change the password?",
    /// "which port then?", "how do I empty the trash?"), once the steps were given: the summary's sentence
    /// and the step (or two) that match it, not the whole list again. Nil when nothing matches well.
    func stepReply(_ understanding: Understanding, session: Session) -> (Session, Reply)? {
        // Before the steps were shown, the steps are the answer (`continueTopic`), not one of them.
        guard let topic = session.topic, topic.shown.contains(.steps), understanding.bounce == nil,
            let article = knowledge.article(topic.article)
        else { return nil }
        let steps = knowledge.steps(article.id)
        // The summary's sentences count too: one often holds the fact or the fix ("Clean your devices and
        // change the password to get it unblocked.", "… 300 per IP address").
        let summary = Self.sentences(of: article.summary)
        if Self.asksHowTo(understanding),
            Self.bestMatch(summary, for: understanding.text, knowledge: knowledge)
                >= max(Self.minimumStepMatch, Self.bestMatch(steps, for: understanding.text, knowledge: knowledge))
        {
            // "How do I free up space?" asks for the fix the summary states as a whole ("Free up space or
            // move to a plan with more storage."): all of the steps, not the one that repeats its words.
            return stepsAgainReply(article, session: session)
        }
        var matched = Self.matchingSentences(steps, for: understanding.text, knowledge: knowledge)
        if matched.count > 2 { matched = [] }
        // With a step found, any summary sentence sharing a word comes with it (the figure it states).
        let sentence = Self.matchingSentences(
            summary, for: understanding.text, knowledge: knowledge,
            minimum: matched.isEmpty ? Self.minimumStepMatch : .leastNonzeroMagnitude)
        guard sentence.count == 1 || !matched.isEmpty else { return nil }
        var session = session
        session.offer = nil
        session.pendingQuestion = nil
        var reply = Reply(
            intent: .question, direction: session.direction,
            answer: sentence.count == 1 ? summary[sentence[0]] : tr("Here is the step for that:"),
            articles: [ArticleReference(id: article.id, title: article.title, score: 1)],
            suggestions: [tr("I already tried that"), tr("why?")] + article.related.prefix(2).map { "show \($0)" })
        reply.steps = matched.map { steps[$0] }
        return (session, reply)
    }

    /// The positions of the sentences that share the most telling words (stems and concepts weighed by
    /// their idf, no stop words) with `text`, all read in the reply's language; empty when none shares
    /// enough.
    static func matchingSentences(
        _ sentences: [String], for text: String, knowledge: KnowledgeService, minimum: Double = minimumStepMatch
    ) -> [Int] {
        let scores = sentenceScores(sentences, for: text, knowledge: knowledge)
        guard let best = scores.max(), best >= minimum else { return [] }
        return scores.indices.filter { scores[$0] >= best * 0.95 }
    }

    /// The most idf any of `sentences` shares with `text` (0 when none shares a telling word).
    static func bestMatch(_ sentences: [String], for text: String, knowledge: KnowledgeService) -> Double {
        sentenceScores(sentences, for: text, knowledge: knowledge).max() ?? 0
    }

    /// For each of `sentences`, the idf of the telling words it shares with `text`, read in the reply's
    /// language; all zero when `text` has no telling word.
    static func sentenceScores(_ sentences: [String], for text: String, knowledge: KnowledgeService) -> [Double] {
        let language = Localizer.current.language
        let asked = knowledge.index.informativeTerms(in: text, language: language)
        guard !asked.isEmpty else { return sentences.map { _ in 0 } }
        return sentences.map { sentence in
            knowledge.terms(ofSentence: sentence, language: language).keys.reduce(0.0) { $0 + (asked[$1] ?? 0) }
        }
    }

    /// The least idf a follow-up must share with a step for that step to be the answer.
    static let minimumStepMatch = 1.5

    /// Whether a follow-up that no intent explains reads as a question about the topic's steps: it asks
    /// something ("?", or it opens like a question), and asks for no check.
    static func asksAboutAStep(_ understanding: Understanding) -> Bool {
        let asks = understanding.text.contains("?") || (isQuestion(understanding) && !asksMeasure(understanding))
        return asks && !understanding.hasCheckCue
    }

    /// The sentences of a paragraph, each with its closing mark.
    static func sentences(of text: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == " ", let mark = current.dropLast().last, ".!?".contains(mark) {
                sentences.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { sentences.append(last) }
        return sentences
    }

    /// An unclear follow-up on a topic: a message that names a problem of its own is a complaint; a
    /// short one ("and then?", "hm") gets the next thing to look at within the topic.
    func inContextReply(_ understanding: Understanding, session: Session) -> (Session, Reply)? {
        let ranking = understanding.ranking
        if ranking.mentionsMail, (ranking.hits.first?.score ?? 0) >= Self.minimumOffTopicScore { return nil }
        guard session.topic != nil else { return nil }
        if session.isWalkingGuide, let step = session.guideStep, guideQuestion(step) != nil {
            // The guide's question is still the one to answer.
            var session = session
            session.pendingQuestion = .guide(step)
            return (
                session,
                Reply(
                    intent: .question, direction: session.direction,
                    answer: tr("Let's settle this step first."), question: guideQuestion(step),
                    suggestions: [tr("yes"), tr("no"), tr("I already tried that")])
            )
        }
        return continueTopic(session: session)
    }

    /// A follow-up on a topic that nothing else explains ("so it's on their side?", "what now?"): what
    /// the topic's cause means, then how to confirm it, then its related articles.
    func continueTopic(session: Session) -> (Session, Reply) {
        guard let topic = session.topic else { return nextInTopic(session: session) }
        if !topic.shown.contains(.steps) { return topicPartReply(.steps, session: session) }
        if !topic.shown.contains(.meaning) { return topicPartReply(.meaning, session: session) }
        return nextInTopic(session: session)
    }

    /// The fact question "how long until it works?", answered with DNS propagation times.
    static let delayFact = "fact-propagation"  // data: an intent id
    /// The checks that read DNS records whose changes take time to spread.
    static let dnsRecordChecks: Set<String> = [  // data
        "mx", "spf", "dkim", "dmarc", "domain", "ptr", "mta-sts", "tls-rpt",
    ]

    /// "How long until it works?" about a topic that is no DNS change (a full mailbox, a blocked account, a
    /// password): no propagation delay applies, so say so and how to tell it works again; nil on a DNS topic,
    /// without one, or in a walk through the usual causes (then the propagation fact is the answer).
    func delayOffDNSReply(session: Session) -> (Session, Reply)? {
        // In a walk through the usual causes the topic is only the step reached, not what was changed. An
        // article is about a DNS change when its first check reads a record the person edits (a blocklist's
        // article checks the PTR too, but the wait there is the list's).
        guard session.guideStep == nil, let id = session.topic?.article, let article = knowledge.article(id),
            !(article.checks.first.map(Self.dnsRecordChecks.contains) ?? false)
        else { return nil }
        var (updated, reply) = topicPartReply(.confirm, session: session)
        let noPropagation = tr("This is not a DNS change, so there is no propagation time to wait for.")
        if let time = timeSentence(of: article) {
            // What the article says about time answers "how long" ("Spamcop clears itself within about a day",
            // "new mail is accepted as soon as there is room").
            reply.answer = noPropagation + " " + time
            reply.sections = []
        } else {
            reply.answer = noPropagation + " " + reply.answer
        }
        return (updated, reply)
    }

    /// The first sentence of an article (its steps, then its other sections, then its summary) that says how
    /// long something takes or when it works again; nil when none does.
    func timeSentence(of article: Article) -> String? {
        let sentences =
            knowledge.steps(article.id).flatMap(Self.sentences(of:))
            + knowledge.otherSections(article.id).flatMap { Self.sentences(of: $0.text) }
            + Self.sentences(of: article.summary)
        return sentences.first { sentence in
            let folded = sentence.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            let words = folded.split { !$0.isLetter }.map(String.init)
            let spaced = " " + words.joined(separator: " ") + " "
            return !Set(words).isDisjoint(with: Self.durationWords)
                || Self.durationPhrases.contains { spaced.contains(" " + $0 + " ") }
        }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "-* ")) }
    }

    /// Words of a sentence that says how long something takes, folded, in the six languages.
    static let durationWords: Set<String> = [  // data
        "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "immediately", "heure", "heures",
        "jours", "semaine", "semaines", "immediatement", "minuten", "stunde", "stunden", "tag", "tage",
        "tagen", "tages", "woche", "wochen", "sofort", "sobald", "minuto", "minutos", "hora", "horas", "dia", "dias",
        "semana", "semanas", "inmediatamente", "minuti", "ore", "giorno", "giorni", "settimana", "settimane",
        "subito", "immediatamente", "imediatamente",
    ]
    /// Phrases of such a sentence, folded, words split at anything but a letter ("un'ora" → "un ora"); "jour"
    /// and "ora" alone are no time ("à jour" is up to date, "ora" is now).
    static let durationPhrases: [String] = [  // data
        "as soon as", "right away", "des que", "un jour", "en cuanto", "tan pronto", "non appena", "appena",  // data
        "un ora", "assim que", "logo que",  // data
    ]

    /// A part of the topic's article ("What it means" for why, "How to confirm" for how), then its next step.
    func topicPartReply(_ part: Topic.Part, session: Session) -> (Session, Reply) {
        var session = session
        guard var topic = session.topic, let article = knowledge.article(topic.article) else {
            return (session, firstTellMeReply())
        }
        topic.shown.insert(part)
        session.offer = nil
        session.pendingQuestion = nil
        if part == .steps || (part == .confirm && !topic.shown.contains(.steps)) {
            // "How?" before the steps were given (after a check): the article's fix first.
            topic.shown.insert(.steps)
            session.topic = topic
            var reply = articleReply(article, intent: .question, direction: session.direction)
            reply.suggestions =
                [tr("why?"), tr("I already tried that")] + article.related.prefix(2).map { "show \($0)" }
            addNextStep(after: article, to: &reply, session: &session)
            return (session, reply)
        }
        session.topic = topic
        let title = Self.sectionTitle(part)
        let text = knowledge.otherSections(article.id).first { $0.title == title }?.text ?? article.summary
        let (lead, rest) = Self.splitLead(text)
        var reply = Reply(
            intent: .question, direction: session.direction,
            answer: lead
                ?? (part == .meaning ? tr("Here is why this happens.") : Self.confirmLead),
            articles: [ArticleReference(id: article.id, title: article.title, score: 1)],
            suggestions: [tr("I already tried that")] + article.related.prefix(2).map { "show \($0)" })
        if !rest.isEmpty { reply.sections = [ReplySection(title: tr(LocalizedText(key: title)), text: rest)] }
        addNextStep(after: article, to: &reply, session: &session)
        return (session, reply)
    }

    /// "Tried that" within a topic: how to confirm its cause, then its related articles one by one,
    /// then who to contact.
    func nextInTopic(session: Session) -> (Session, Reply) {
        var session = session
        guard var topic = session.topic, let article = knowledge.article(topic.article) else {
            return alreadyTriedReply(session: session)
        }
        if !topic.shown.contains(.confirm) {
            var (updated, reply) = topicPartReply(.confirm, session: session)
            reply.answer =
                reply.answer == Self.confirmLead
                ? tr("Then let's make sure this is the cause: here is how to tell.")
                : tr("Then let's make sure this is the cause. ") + reply.answer
            reply.steps = []
            return (updated, reply)
        }
        let given = Set(session.articlesGiven)
        if let related = article.related.first(where: { !given.contains($0) && !topic.relatedShown.contains($0) }),
            let next = knowledge.article(related)
        {
            topic.relatedShown.append(related)
            session.topic = topic
            var (updated, reply) = articleWithNextStep(next, session: session)
            // The conversation stays on the first topic: its next related article comes next time.
            updated.topic = topic
            updated.topic?.relatedShown = topic.relatedShown
            reply.answer = tr("If that is not it, the next likely cause: ") + reply.answer
            return (updated, reply)
        }
        topic.shown.insert(.contact)
        session.topic = topic
        let contact = knowledge.otherSections(article.id).first { $0.title == "Who to contact" }?.text
        let contactLead =
            contact.flatMap { Self.splitLead($0).lead } ?? tr("Contact your provider's support with what we found.")
        let answer = tr(
            "Then we have been through what usually causes this. \(contactLead) Paste the exact error message or bounce if you get one and I will read it."
        )
        return (session, Self.endOfGuideReply(answer, session: session, about: article))
    }

    /// The reply once every usual cause has been looked at: `answer` says what is left to do, and the
    /// incidents are suggested next.
    private static func endOfGuideReply(_ answer: String, session: Session, about article: Article? = nil) -> Reply {
        Reply(
            intent: .question, direction: session.direction, answer: answer,
            articles: article.map { [ArticleReference(id: $0.id, title: $0.title, score: 1)] } ?? [],
            suggestions: ["show incidents"])
    }

    /// The opening of "How to confirm" when the section itself starts with a list.
    static var confirmLead: String { tr("Here is how to tell that this is the cause.") }

    /// "Tell me first what goes wrong": for a follow-up before any topic.
    func firstTellMeReply() -> Reply {
        Reply(
            intent: .question,
            answer:
                tr(
                    "Tell me first what goes wrong with your email — sending, receiving, an error message — and I will explain the cause and how to fix it."
                ),
            suggestions: [tr("I can't receive emails since Monday"), tr("help")])
    }

    /// The article section a topic part shows (its English heading, the key of its translation).
    static func sectionTitle(_ part: Topic.Part) -> String {
        switch part {
        case .meaning: "What it means"  // data: a section key
        case .confirm: "How to confirm"  // data: a section key
        case .contact: "Who to contact"  // data: a section key
        case .steps, .recap, .appPassword: "What to do"  // data: a section key
        }
    }

    /// A section cut into its opening prose paragraph (nil when it opens with a list) and the rest.
    static func splitLead(_ text: String) -> (lead: String?, rest: String) {
        let trimmed = String(text.trimmed)
        let opensList = trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") || trimmed.first?.isNumber == true
        guard !opensList else { return (nil, trimmed) }
        guard let range = trimmed.range(of: "\n\n") else { return (trimmed, "") }
        return (String(trimmed[..<range.lowerBound]), String(trimmed[range.upperBound...].trimmed))
    }

    /// "I already tried that": the next usual cause in the guide's order, past the steps already looked at.
    /// When sending alone fails, the mail program's remaining causes (port, security software) come first.
    func alreadyTriedReply(session: Session) -> (Session, Reply) {
        var session = session
        let current = session.guideStep ?? session.lastArticle.flatMap(GuideStep.step(forArticle:))
        guard let current else {
            return guideStepReply(
                session.firstOpenGuideStep ?? .serviceActive, session: session,
                lead: tr("Then let's look at the next usual cause."))
        }
        if current == .clientSettings, session.direction == .sending, !session.guideDone.contains(current),
            let reply = sendingPathReply(session: session)
        {
            return reply
        }
        session.guideDone.insert(current)
        guard let next = session.guideStep(after: current) else {
            let answer = tr(
                "Then we have been through the usual causes. Paste the exact error message or the bounce and I will read it; otherwise contact support with what we found."
            )
            return (session, Self.endOfGuideReply(answer, session: session))
        }
        return guideStepReply(next, session: session, lead: tr("Then let's look at the next usual cause."))
    }

    /// An article as the answer, followed by the next diagnostic step.
    func articleWithNextStep(_ article: Article, session: Session, checks: [CheckID]? = nil) -> (Session, Reply) {
        var session = session
        session.stage = .answered
        session.give(article.id)
        var reply = articleReply(article, intent: .question, direction: session.direction)
        addNextStep(after: article, to: &reply, session: &session, checks: checks)
        return (session, reply)
    }

    /// Adds the one next step to a reply about `article`: the offer of its live check when the target is
    /// known, the question for the target when it is not, or the guide's next question.
    func addNextStep(after article: Article, to reply: inout Reply, session: inout Session, checks: [CheckID]? = nil) {
        session.offer = nil
        session.pendingQuestion = nil
        guard reply.question == nil, reply.nextStep == nil else { return }
        // A step of the guide's order asks its question first; its checks come at the DNS step.
        let step = GuideStep.step(forArticle: article.id)
        if let step, let question = guideQuestion(step) {
            session.guideStep = step
            reply.nextStep = question
            session.pendingQuestion = .guide(step)
            reply.suggestions = [tr("yes"), tr("no")] + reply.suggestions.prefix(2)
            return
        }
        let ids = (checks ?? article.checks.compactMap { CheckID(rawValue: $0) }).filter {
            liveChecksWiring != nil && !LiveChecks.probeIDs.contains($0)
        }
        if !ids.isEmpty {
            let list = ids.map(\.rawValue).joined(separator: ",")
            let needsIP = LiveChecks.needsIP(list)
            let names = Self.describe(ids)
            if let target = session.rememberedTarget(needsIP: needsIP),
                let request = DialogPolicy.request(ids, on: target)
            {
                // Just checked: no offer to run the same checks on the same target again.
                if let last = session.lastCheck, last.target == request.target,
                    last.ids == nil || request.ids.map({ $0.isSubset(of: last.ids ?? []) }) == true
                {
                    return
                }
                reply.nextStep = tr("Shall I check \(names) of \(target) now?")
                session.offer = request
                reply.suggestions = [tr("yes"), tr("no")] + reply.suggestions.prefix(2)
            } else {
                reply.nextStep =
                    needsIP
                    ? tr(
                        "What is the IP address of the sending server (it is in the bounce or the message headers)? I can check \(names) for you."
                    )
                    : tr("Which domain is your email address on? I can check \(names) for you.")
                // Whatever the article, a domain given in answer gets every check (tied to the problem).
                session.pendingQuestion = .target(needsIP ? ids : [])
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
            return (session, Reply(intent: .question, answer: lead ?? tr("Let's look further.")))
        }
        var (updated, reply) = articleWithNextStep(article, session: session)
        if let lead { reply.answer = lead + " " + reply.answer }
        updated.guideStep = step
        // Mail that no longer arrives, with the account ruled out: the domain's MX records are the other
        // usual cause, and can be checked while the status page is read.
        if step == .incidents, updated.direction == .receiving { offerMXCheck(in: &reply, session: &updated) }
        return (updated, reply)
    }

    /// Stays on `step` with a closing `answer` and the article to read next (no new question).
    private func guideStay(_ step: GuideStep, session: Session, read article: String, answer: String) -> (
        Session, Reply
    ) {
        var session = session
        session.guideStep = step
        let reply = Reply(
            intent: .question, direction: session.direction, answer: answer, suggestions: ["show \(article)"])
        return (session, reply)
    }

    /// The confirming question of a guide step; nil for a step whose next move is a check or a paste.
    func guideQuestion(_ step: GuideStep) -> String? {
        switch step {
        case .serviceActive:
            tr("Once you have looked: are the email service, the hosting plan and the domain all active?")
        case .webmail: tr("Does the same address send and receive correctly in webmail?")
        case .clientSettings: tr("Do the settings in your mail program match these (server names, ports, encryption)?")
        case .incidents: tr("Is an email incident listed on the status page right now?")
        case .mxDNS: nil
        case .errorCode: tr("Do you get an error message or a bounce? Paste it here and I will read it.")
        }
    }

    /// What a yes or no to a guide question leads to. The step counts as answered: it is not asked again.
    /// `lead` replaces the usual opening of the next step.
    func guideAnswer(_ step: GuideStep, yes: Bool, session: Session, lead: String? = nil) -> (Session, Reply) {
        var session = session
        session.guideDone.insert(step)
        switch (step, yes) {
        case (.serviceActive, true):
            return guideNext(after: step, session: session, lead: tr("Good, the service is active."))
        case (.serviceActive, false):
            return (
                session,
                Reply(
                    intent: .question, direction: session.direction,
                    answer:
                        tr(
                            "That is the cause: mail stops when the service, the hosting plan or the domain expires or is blocked. Renew or reactivate it in the control panel; mail works again once the renewal is processed."
                        ),
                    articles: knowledge.article("service-active").map {
                        [ArticleReference(id: $0.id, title: $0.title, score: 1)]
                    } ?? [], suggestions: ["show service-active", "show account-blocked-spam"])
            )
        case (.webmail, true):
            // Webmail works: the service and the domain are active too.
            session.guideDone.insert(.serviceActive)
            return guideNext(
                after: step, session: session,
                lead: tr("Then the account works and the problem is in your mail program."), names: .clientSettings)
        case (.webmail, false):
            // Webmail fails too: the mail program is not the cause.
            session.guideDone.insert(.clientSettings)
            return guideNext(
                after: step, session: session,
                lead: lead ?? tr("Then it is not your mail program: the account or the service itself is affected."))
        case (.clientSettings, true):
            if session.direction == .sending, let reply = sendingPathReply(session: session) { return reply }
            return guideNext(
                after: step, session: session, lead: tr("The settings look right, so let's rule out an incident."),
                names: .incidents)
        case (.clientSettings, false):
            session.guideDone.remove(step)
            return guideStay(
                .clientSettings, session: session, read: "email-client",
                answer: tr(
                    "Correct them, then send yourself a test message. If it still fails, paste the exact error your program shows."
                ))
        case (.incidents, true):
            return guideStay(
                .incidents, session: session, read: "incidents",
                answer: tr(
                    "Then the incident is the cause. Wait until the status page says it is resolved: incoming mail is normally held by the sending servers and delivered afterwards. Nothing needs changing on your side."
                ))
        case (.incidents, false):
            // With no incident, the service and the domain come first when they were not looked at yet.
            if !session.lookedAt(.serviceActive) {
                return guideStepReply(
                    .serviceActive, session: session,
                    lead: tr("No incident is listed, so let's make sure the service and the domain are active."))
            }
            return guideNext(
                after: step, session: session, lead: tr("No incident, so let's check the domain's DNS."), names: .mxDNS)
        case (.mxDNS, _), (.errorCode, _):
            return guideNext(after: step, session: session)
        }
    }

    /// The next step of the guide not yet looked at, with `lead` when it is the step the lead announces
    /// (the step right after `step` in the guide's order); the end of the guide when none is left.
    /// A lead that names the next step (`names`) is said only when that step is the one that comes.
    func guideNext(after step: GuideStep, session: Session, lead: String? = nil, names: GuideStep? = nil) -> (
        Session, Reply
    ) {
        guard let next = session.guideStep(after: step) else {
            let answer = tr(
                "Then we have been through the usual causes. Paste the exact error message or the bounce and I will read it; otherwise contact support with what we found."
            )
            return (session, Self.endOfGuideReply(answer, session: session))
        }
        let announced = names == nil || names == next
        return guideStepReply(
            next, session: session, lead: announced ? lead : tr("Then let's look at the next usual cause."))
    }

    /// Sending alone fails while the settings are right (receiving works): before an outage, what blocks
    /// sending on the computer's side, the other port and the security software (the mail program's own
    /// steps). Nil once shown, or without the article.
    func sendingPathReply(session: Session) -> (Session, Reply)? {
        guard let article = knowledge.article(GuideStep.clientSettings.article) else { return nil }
        let steps = knowledge.steps(article.id)
        let chosen = Self.sendingPathSteps.filter { $0 < steps.count }.map { steps[$0] }
        guard !chosen.isEmpty else { return nil }
        var session = session
        session.guideStep = .clientSettings
        session.guideDone.insert(.clientSettings)
        session.pendingQuestion = nil
        session.offer = nil
        var reply = Reply(
            intent: .question, direction: session.direction,
            answer: tr(
                "The settings are right and receiving works, so the account and the server are fine. When only sending fails, what usually blocks it is on the computer's side: the outgoing port, or security software that intercepts mail."
            ),
            articles: [ArticleReference(id: article.id, title: article.title, score: 1)],
            suggestions: [tr("I already tried that"), "show smtp-500"])
        reply.steps = chosen
        reply.nextStep = tr(
            "If it still fails after that, paste the exact error your program shows and I will read it.")
        return (session, reply)
    }

    /// The mail program article's steps about the outgoing server and port, and about antivirus or
    /// firewall software (0-based positions; `ConversationTests` holds them to these subjects).
    static let sendingPathSteps = [2, 4]

    /// "the MX records", "SPF and DMARC"…
    static func describe(_ ids: [CheckID]) -> String {
        let names = ids.map { id -> String in
            switch id {
            case .mx: tr("the MX records")
            case .spf: tr("the SPF record")
            case .dmarc: tr("the DMARC record")
            case .dkim: tr("the DKIM keys")
            case .dnsbl: tr("the blocklists")
            case .ptr: tr("the reverse DNS")
            case .domain: tr("the domain")
            default: id.rawValue
            }
        }
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return tr("\(names.dropLast().joined(separator: ", ")) and \(last)")
    }

    private static let followUpPrefixes = [
        "what about ", "how about ", "and what about ", "and ", "et ", "und ", "what of ", "y ", "e ",  // data
    ]

    /// "what about DKIM?" → "dkim"; nil for other messages.
    static func followUpTopic(_ lower: String) -> String? {
        guard lower.hasAtMost(characters: 60) else { return nil }
        for prefix in followUpPrefixes {
            guard lower.hasPrefix(prefix) else { continue }
            let topic = String(lower.dropFirst(prefix.count).trimmed("?!."))
            // "and how do I free space?" asks a question, not about another aspect.
            if let first = topic.split(separator: " ").first.map(String.init),
                questionOpeners.contains(first) || howWords.contains(first)
            {
                return nil
            }
            if !topic.isEmpty, topic.split(separator: " ").count <= 4 { return topic }
        }
        return nil
    }
}
