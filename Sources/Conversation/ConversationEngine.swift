import Bounces
import ByteText
import Foundation
import Knowledge
import Localization

/// The one engine behind the REPL, `serve`, `ask` and transcripts: a message and a session in,
/// the updated session and a reply out.
public struct ConversationEngine: Sendable {
    /// Commands the engine understands, for help and completion.
    public static let commands = ["help", "topics", "show", "more", "reset", "quit"]

    /// The knowledge base and provider profile the engine answers from.
    public let knowledge: KnowledgeService
    private let liveChecks: LiveChecks?
    /// The most of one message the engine reads (10 MB); the rest of a longer one is not looked at.
    public static let maximumMessageBytes = 10 << 20
    /// Longer texts are never taken for a command (`help`, `show ID`…).
    static let maximumCommandBytes = 4 * 1024
    /// Below this score a message that never mentions email is treated as off topic.
    static let minimumOffTopicScore = 3.0

    /// The language every reply is written in whatever the person writes (`--lang`, `MAILDOCTOR_LANG`);
    /// nil to follow each conversation's language.
    public var pinnedLanguage: Language?
    /// The language a conversation is answered in until its messages show one (a terminal's locale).
    public var guessedLanguage: Language?

    /// Creates an engine over a knowledge service; without `liveChecks` it never runs a check.
    public init(knowledge: KnowledgeService, liveChecks: LiveChecks? = nil) {
        self.knowledge = knowledge
        self.liveChecks = liveChecks
    }

    /// The translations of user-facing texts, for front ends that render replies (``ReplyRenderer``).
    public var strings: StringsTable { knowledge.base.strings }

    /// The live-check wiring, if any.
    var liveChecksWiring: LiveChecks? { liveChecks }

    /// Article ids, for completion.
    public var articleIDs: [String] { knowledge.base.articles.map(\.id) }

    /// Answers one message.
    public func respond(to message: String, in session: Session) async -> (Session, Reply) {
        await respond(to: message, in: session, progress: { _ in })
    }

    /// Answers one message, reporting progress (live checks starting and finishing) as it goes.
    /// Cancelling the calling task cancels running checks; the reply then says so.
    public func respond(
        to message: String, in session: Session, progress: @escaping @Sendable (ProgressEvent) -> Void
    ) async -> (Session, Reply) {
        var session = session
        session.turns += 1
        if let pinnedLanguage, !session.languagePinned { session.pin(pinnedLanguage) }
        if session.guessedLanguage == nil { session.guessedLanguage = guessedLanguage }
        // A longer message is read from its start: the bounce reader reads no further anyway, and each
        // copy below (trimmed, lower-cased) would otherwise cost as much memory as the whole message.
        let head =
            message.utf8.count > Self.maximumMessageBytes
            ? String(decoding: message.utf8.prefix(Self.maximumMessageBytes), as: UTF8.self) : message
        let text = String(head.trimmed)
        let lower = text.lowercased()
        // Commands are a few short words: a long text is never one, and is not split into words at all.
        let words =
            lower.utf8.count > Self.maximumCommandBytes
            ? []
            : lower.asciiTokens { $0 != 0x20 && $0 != 0x09 }
                ?? lower.split(whereSeparator: { $0 == " " || $0 == "\t" })

        let turn = Turn(text: text, lower: lower, words: words)
        if words.count <= 3, let command = words.first, let language = Self.commandLanguages[String(command)] {
            session.follow(language: language, confidence: 1)
        }
        for handler in Self.handlers {
            let answered = Localizer.$current.withValue(localizer(for: session)) { handler.answer(self, turn, session) }
            if let (after, reply) = answered { return (after, stamped(reply, after)) }
        }
        let understanding = MessageAnalysis.analyze(text, knowledge: knowledge)
        session.follow(language: understanding.language, confidence: understanding.languageConfidence)
        session.remember(understanding.mentions, fromBounce: understanding.bounce != nil)
        let move = move(of: understanding, in: session)
        let action = DialogPolicy.action(
            for: move, in: session.state, walkingGuide: session.isWalkingGuide, lastCheck: session.lastCheck)
        if Self.tracing {
            FileHandle.standardError.write(
                Data(
                    "dialog: \(session.state) + \(move) [\(understanding.intent), \(session.replyLanguage.code)] → \(action)\n"
                        .utf8))
        }
        let (after, reply) = await Localizer.$current.withValue(localizer(for: session)) {
            await perform(action, move: move, understanding: understanding, session: session, progress: progress)
        }
        return (after, stamped(reply, after))
    }

    /// The localizer for a session's reply language.
    func localizer(for session: Session) -> Localizer {
        Localizer(language: session.replyLanguage, table: knowledge.base.strings)
    }

    /// A reply marked with the language it is written in.
    private func stamped(_ reply: Reply, _ session: Session) -> Reply {
        var reply = reply
        reply.language = session.replyLanguage
        return reply
    }

    /// `help` in each language, with the language it belongs to.
    static let helpWords: [String: Language] = [
        "help": .english, "aide": .french, "hilfe": .german, "ayuda": .spanish, "aiuto": .italian,
        "ajuda": .portuguese,
    ]
    /// `topics` in each language, with the language it belongs to.
    static let topicWords: [String: Language] = [
        "topics": .english, "sujets": .french, "themen": .german, "temas": .spanish, "argomenti": .italian,
        "tópicos": .portuguese, "assuntos": .portuguese,
    ]
    /// Command words that belong to one language ("aide", "hilfe"): typing one answers in it.
    static let commandLanguages = helpWords.merging(topicWords) { first, _ in first }

    /// Whether each message's state, move and action are written to standard error (`MAILDOCTOR_TRACE=1`),
    /// for a maintainer following the dialog policy.
    static let tracing = ProcessInfo.processInfo.environment["MAILDOCTOR_TRACE"] == "1"

    /// A message as the handlers before understanding see it.
    struct Turn {
        /// Trimmed text.
        var text: String
        /// Lower-cased text.
        var lower: String
        /// The words of a short message (commands are a few words); empty for a long one.
        var words: [Substring]
    }

    /// A handler that answers some messages before they are understood (commands, article ids).
    struct Handler: Sendable {
        /// What it handles, for a reader.
        var name: String
        /// Its reply, or nil to leave the message to the next handler.
        var answer: @Sendable (ConversationEngine, Turn, Session) -> (Session, Reply)?
    }

    /// The handlers tried in order before the message is understood; the dialog policy
    /// (``DialogPolicy``) answers everything else.
    static let handlers: [Handler] = [
        Handler(name: "empty message") { engine, turn, session in
            turn.text.isEmpty ? (session, engine.emptyReply()) : nil
        },
        Handler(name: "command (help, topics, show ID, more, reset)") { engine, turn, session in
            guard !turn.words.isEmpty, turn.words.count <= 3, let command = turn.words.first else { return nil }
            return engine.commandReply(String(command), words: turn.words, session: session)
        },
        Handler(name: "start over") { _, turn, session in
            turn.lower == "start over" ? (session.restarted(), ConversationEngine.startOverReply()) : nil
        },
        Handler(name: "article id") { engine, turn, session in
            engine.knowledge.base.byID[turn.lower].map { engine.show($0.id, session: session) }
        },
    ]

    static func startOverReply() -> Reply {
        Reply(intent: .command, answer: tr("Starting over. What is going wrong with your email?"))
    }

    private func commandReply(_ command: String, words: [Substring], session: Session) -> (Session, Reply)? {
        if command == "?" || Self.helpWords[command] != nil { return (session, helpReply()) }
        if command == "list" || Self.topicWords[command] != nil { return (session, topicsReply()) }
        switch command {
        case "reset", "restart": return (session.restarted(), Self.startOverReply())
        case "show", "article":
            if words.count >= 2 { return show(String(words[1]), session: session) }
        case "more":
            if let last = session.topic?.article ?? session.lastArticle { return more(last, session: session) }
            return (
                session,
                Reply(intent: .command, answer: tr("There is nothing more yet: tell me what is going wrong first."))
            )
        default: break
        }
        return nil
    }

    /// The article answer to a complaint; `ranking` is the message's own ranking when already made.
    func answer(_ text: String, session: Session, ranking: SearchResult? = nil) -> (Session, Reply) {
        var session = session
        var query = text
        var vague = false
        if case .clarifying(let clarification) = session.stage, let pending = session.pendingText {
            query = pending + "\n" + text
            // Too vague to name a cause: walk the guide's order from its first step.
            // The answer may name the cause itself ("receiving, my inbox is full"): then it is not vague.
            let own = knowledge.index.search(text, limit: 1).hits.first.map(\.id)
            let before = knowledge.index.search(pending, limit: 1).hits.first.map(\.id)
            vague =
                clarification == .direction
                && (before == nil || before.flatMap(GuideStep.step(forArticle:)) != nil)
                && (own == nil || own.flatMap(GuideStep.step(forArticle:)) != nil)
        }
        let result =
            query == text ? ranking ?? knowledge.index.search(query, limit: 5) : knowledge.index.search(query, limit: 5)
        // A complaint that says only which way mail fails ("I can't receive mail since Monday"): its best
        // matches are the guide's own steps and none stands out, so the guide's order is the answer.
        if !vague, !isClarifying(session), result.clarification == .errorText, Self.onlySaysDirection(result) {
            vague = true
        }
        // A cause stated only on evidence ("full", "quota", a 552): "nothing arrives since yesterday" alone
        // does not say the mailbox is full, so the usual causes are walked in order instead.
        if !vague, let best = result.hits.first, result.mentionsMail || best.score >= Self.minimumOffTopicScore,
            !hasEvidence(for: best.id, in: query, codes: result.codes, session)
        {
            // On a topic the ranking still places close by, the message is about that topic.
            if let topic = session.topic?.article, !isClarifying(session),
                result.hits.prefix(3).contains(where: { $0.id == topic })
            {
                return continueTopic(session: session)
            }
            vague = true
        }
        if vague, let step = session.firstOpenGuideStep, let first = knowledge.article(step.article) {
            if result.direction != .unknown || session.direction == .unknown { session.direction = result.direction }
            if let failing = Self.failingDirection(in: query) { session.direction = failing }
            var (updated, reply) = articleWithNextStep(first, session: session)
            updated.guideStep = step
            let lead =
                step == .serviceActive
                ? tr("Let's go through the usual causes in order, starting with the simplest. ")
                : tr("Then let's look at the next usual cause.") + " "
            reply.answer = lead + reply.answer
            offerMXCheck(in: &reply, session: &updated)
            updated.pendingText = nil
            return (updated, reply)
        }
        if session.direction == .unknown || result.direction != .unknown { session.direction = result.direction }
        // "Outlook can't send, receiving works": the direction that fails, not both.
        if let failing = Self.failingDirection(in: text) { session.direction = failing }
        let offTopic = !result.mentionsMail && (result.hits.first?.score ?? 0) < Self.minimumOffTopicScore
        guard let best = result.hits.first, let article = knowledge.article(best.id), !offTopic else {
            if result.mentionsMail, !isClarifying(session) {
                session.stage = .clarifying(.direction)
                session.pendingText = text
                return (
                    session,
                    Reply(
                        intent: .question, answer: tr("Let's find out what is wrong."),
                        question: question(for: .direction), suggestions: suggestions(for: .direction))
                )
            }
            // Nothing recognised, but a topic is open: the message is read as a follow-up on it.
            if session.topic != nil, !isClarifying(session) { return continueTopic(session: session) }
            return (session, unknownReply(text))
        }
        let references = result.hits.prefix(3).map {
            ArticleReference(id: $0.id, title: knowledge.article($0.id)?.title ?? $0.title, score: $0.score)
        }
        if let clarification = result.clarification, !isClarifying(session), !sameFamily(result) {
            session.stage = .clarifying(clarification)
            session.pendingText = text
            let reply = Reply(
                intent: .question, direction: session.direction,
                answer: tr("I want to be sure I point you to the right fix."),
                question: question(for: clarification), articles: Array(references),
                suggestions: suggestions(for: clarification))
            return (session, reply)
        }
        session.stage = .answered
        session.pendingText = nil
        session.give(article.id)
        var reply = articleReply(article, intent: .question, direction: session.direction)
        reply.articles =
            [ArticleReference(id: article.id, title: article.title, score: best.score)]
            + references.dropFirst()
        addNextStep(after: article, to: &reply, session: &session)
        // A step of the guide for mail that does not arrive: the MX check of a known domain is suggested too.
        if GuideStep.step(forArticle: article.id) != nil, session.direction == .receiving {
            offerMXCheck(in: &reply, session: &session)
        }
        return (session, reply)
    }

    /// Whether a ranking without a clear winner (and no webmail-or-app question) has nothing but the direction to go on: no code, a known
    /// direction, and at least two of its three best matches are steps of the guide (service, webmail, app,
    /// incident, DNS, error code).
    static func onlySaysDirection(_ result: SearchResult) -> Bool {
        guard result.codes.isEmpty, result.direction == .sending || result.direction == .receiving else {
            return false
        }
        // A mail app or webmail among the two best is something said ("from Outlook"), not vagueness.
        guard !result.hits.prefix(2).contains(where: { appArticles.contains($0.id) }) else { return false }
        return result.hits.prefix(3).filter { GuideStep.step(forArticle: $0.id) != nil }.count >= 2
    }

    /// Whether the two best matches of a close ranking name each other as related (SPF and DMARC, the
    /// sending limits and 421): either answers, and the other is listed with it, so no question is asked.
    /// Between the app and webmail articles the question is kept: its answer decides between them.
    func sameFamily(_ result: SearchResult) -> Bool {
        guard result.clarification == .errorText, result.hits.count > 1,
            let first = knowledge.article(result.hits[0].id), let second = knowledge.article(result.hits[1].id)
        else { return false }
        guard !Self.appArticles.contains(first.id), !Self.appArticles.contains(second.id) else { return false }
        return first.related.contains(second.id) && second.related.contains(first.id)
    }

    /// The articles about a mail app or webmail: between them, the webmail-or-app question decides.
    static let appArticles: Set<String> = ["email-client", "webmail-test", "webmail-login"]

    func isClarifying(_ session: Session) -> Bool {
        if case .clarifying = session.stage { return true }
        return false
    }

    /// A reply built from an article: summary, steps, reference, related topics.
    func articleReply(_ article: Article, intent: Intent, direction: Direction) -> Reply {
        let steps = knowledge.steps(article.id)
        var suggestions = ["more"]
        suggestions += article.related.prefix(3).map { "show \($0)" }
        return Reply(
            intent: intent, direction: direction, answer: article.summary, steps: steps,
            articles: [ArticleReference(id: article.id, title: article.title, score: 1)], suggestions: suggestions)
    }

    func show(_ id: String, session: Session) -> (Session, Reply) {
        guard let article = knowledge.article(id) else {
            let close = articleIDs.filter { $0.hasPrefix(id) || id.hasPrefix($0) }.prefix(5)
            let hint =
                close.isEmpty
                ? tr("Type `topics` to see them all.") : tr("Did you mean: \(close.joined(separator: ", "))?")
            return (session, Reply(intent: .command, answer: tr("There is no article called “\(id)”. \(hint)")))
        }
        var session = session
        session.stage = .answered
        session.give(article.id)
        return (session, articleReply(article, intent: .command, direction: session.direction))
    }

    func more(_ id: String, session: Session) -> (Session, Reply) {
        guard let article = knowledge.article(id) else { return show(id, session: session) }
        let sections = knowledge.otherSections(article.id).map {
            ReplySection(title: tr(LocalizedText(key: $0.title)), text: $0.text)
        }
        var reply = Reply(
            intent: .command, direction: session.direction, answer: tr("More about “\(article.title)”:"),
            sections: sections,
            articles: [ArticleReference(id: article.id, title: article.title, score: 1)],
            suggestions: article.related.prefix(3).map { "show \($0)" })
        reply.steps = []
        return (session, reply)
    }

    func helpReply() -> Reply {
        Reply(
            intent: .command,
            answer:
                tr(
                    "Tell me in your own words what goes wrong with your email, or paste the error message or bounce you got. I find the cause and tell you what to do."
                ),
            sections: [
                ReplySection(
                    title: tr("Commands"),
                    text: [
                        tr("- `topics`: list every topic I know"),
                        tr("- `show ID`: read one topic, e.g. `show smtp-550`"),
                        tr(
                            "- `check example.com`: live DNS checks (MX, SPF, DMARC, DKIM…); `check mx example.com` for one"
                        ),
                        tr(
                            "- `check smtp example.com`: talk to the mail servers (STARTTLS, certificate); also `submission`, `imap`, `pop3`, or `host:port`"
                        ),
                        tr("- `is 203.0.113.5 blacklisted?`: blocklists and reverse DNS of an IP"),
                        tr("- `more`: the rest of the last topic"),
                        tr("- `reset`: start over"),
                        tr("- `quit`: leave (or Ctrl-D)"),
                    ].joined(separator: "\n"))
            ],
            suggestions: [tr("I can't receive emails since Monday"), "550 5.7.26 unauthenticated email", tr("topics")])
    }

    private func topicsReply() -> Reply {
        let lines = knowledge.base.articles.map { article in
            "- `\(article.id)`: \(knowledge.article(article.id)?.title ?? article.title)"
        }
        return Reply(
            intent: .command, answer: tr("I know \(lines.count) topics. Type `show ID` to read one."),
            sections: [ReplySection(title: tr("Topics"), text: lines.joined(separator: "\n"))],
            suggestions: ["show mx-records", "show smtp-reply-codes"])
    }

    func emptyReply() -> Reply {
        Reply(
            intent: .unknown, answer: tr("I did not get any text. What is going wrong with your email?"),
            suggestions: [tr("help")])
    }

    func unknownReply(_ text: String) -> Reply {
        Reply(
            intent: .unknown,
            answer:
                tr(
                    "I can't help with that yet: I did not recognise an email problem in your message. Describe what fails (sending or receiving, in webmail or in an app) or paste the exact error message."
                ),
            suggestions: [tr("help"), tr("topics")])
    }

    private func question(for clarification: Clarification) -> String {
        switch clarification {
        case .direction: tr("Is the problem with sending mail, receiving mail, or both?")
        case .errorText:
            tr("What exactly do you see? Paste the error message or the bounce you received, if you have one.")
        case .webmailOrApp:
            tr("Does the same happen in webmail, or only in your mail app (Outlook, Thunderbird, phone)?")
        }
    }

    private func suggestions(for clarification: Clarification) -> [String] {
        switch clarification {
        case .direction: [tr("sending"), tr("receiving"), tr("both")]
        case .errorText: [tr("topics"), tr("help")]
        case .webmailOrApp: [tr("webmail works, only the app fails"), tr("webmail fails too")]
        }
    }

    /// The items of a Markdown list (numbered or bulleted); a paragraph becomes one item.
    static func listItems(_ text: String) -> [String] {
        var items: [String] = []
        for line in text.split(separator: "\n") {
            let trimmed = String(line.trimmed)
            guard !trimmed.isEmpty else { continue }
            if let marker = trimmed.firstIndex(where: { !$0.isNumber }), marker != trimmed.startIndex,
                trimmed[marker] == "." || trimmed[marker] == ")"
            {
                items.append(String(trimmed[trimmed.index(after: marker)...].trimmed))
            } else if trimmed.hasPrefix("- ") || trimmed.hasPrefix("* ") {
                items.append(String(trimmed.dropFirst(2)))
            } else if line.hasPrefix(" ") || line.hasPrefix("\t"), !items.isEmpty {
                items[items.count - 1] += " " + trimmed
            } else {
                items.append(trimmed)
            }
        }
        return items
    }
}
