import Checks
import Knowledge
import Localization
import MailModel

/// What the move readers look at: the message's understanding, the conversation, and what every reader
/// needs (the target it names, the checks it names, its length).
struct MoveContext {
    var understanding: Understanding
    var session: Session
    /// The domain, IP or host the message names for a check (the person's own first).
    var target: String?
    /// The checks the message names in its own words.
    var named: [CheckID]
    /// Its number of words.
    var terms: Int

    /// Its number of words outside the names it gives ("é o 192.0.2.2 acho" → 3, not 7).
    var termsBesideNames: Int {
        let nameWords = Set(
            understanding.mentions.filter { [.domain, .ip, .host, .address].contains($0.kind) }
                .flatMap { $0.value.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init) })
        return understanding.words.filter { !nameWords.contains($0) }.count
    }
}

/// One step of reading a message's move: a named rule that recognises some messages and leaves the
/// others to the next reader.
struct MoveReader: Sendable {
    /// What it recognises, for a reader of the code and `MAILDOCTOR_TRACE`.
    var name: String
    /// The move, or nil to leave the message to the next reader.
    var read: @Sendable (ConversationEngine, MoveContext) -> Move?
}

extension ConversationEngine {
    /// The move a message makes: the first reader of ``moveReaders`` that recognises it.
    func move(of understanding: Understanding, in session: Session) -> Move {
        let context = MoveContext(
            understanding: understanding, session: session, target: Self.target(in: understanding),
            named: Self.namedCheckIDs(in: understanding.words), terms: understanding.words.count)
        for reader in Self.moveReaders {
            if let move = reader.read(self, context) { return move }
        }
        return .complaint
    }

    /// The readers, in order: what a message is, before what its words are about.
    static let moveReaders: [MoveReader] = [
        MoveReader(name: "a pasted bounce or log line") { _, context in
            context.understanding.bounce != nil ? .bounce : nil
        },
        MoveReader(name: "a name given on its own (\"example.org\", \"it's for shop.example actually\")") { _, c in
            // Asked for a name, the words around it do not count and are no other move ("é o 192.0.2.2
            // acho", "it's 185.12.34.56 i think").
            var asked = false
            if case .askingTarget = c.session.state { asked = true }
            // A short statement around the name is no fact question, whatever its words suggest ("il sito è
            // example.it" is not about the webmail "site").
            let statesName =
                c.understanding.isFactQuestion && c.termsBesideNames <= namingTerms
                && !c.understanding.lower.contains("?")
            guard let target = c.target, (asked ? c.termsBesideNames : c.terms) <= targetMessageTerms,
                asked || statesName || ["complaint", "off-topic"].contains(c.understanding.intent),
                c.session.state != .idle || c.session.lastCheck != nil
            else { return nil }
            return .target(target)
        },
        MoveReader(name: "a problem with a check's subject on one's own domain (\"do I even have SPF? example.org\")") {
            _, c in
            guard let own = ownTarget(in: c.understanding), !c.named.isEmpty, c.session.lastCheck?.probeTarget != own,
                !["yes", "no", "thanks", "start-over", "check-request"].contains(c.understanding.intent)
            else { return nil }
            return .complaintAskingCheck
        },
        MoveReader(
            name: "a DKIM selector, after DKIM came up (\"y el selector weak?\", \"the new one is called default\")"
        ) {
            _, c in
            guard isAboutDKIM(c.session), c.terms <= closingTerms,
                !["thanks", "why", "how", "already-tried", "start-over"].contains(c.understanding.intent),
                c.understanding.mentions.contains(where: { $0.kind == .selector })
                    || selectorWord(in: c.understanding) != nil
            else { return nil }
            return .checkAgain(ids: [.dkim], target: c.target)
        },
        MoveReader(name: "a follow-up to a check (\"and imap?\", \"und 192.0.2.2?\", \"selector default?\")") { _, c in
            checkFollowUp(c)
        },
        MoveReader(name: "after a bounce, whether to resend or whether the mail is lost (\"faut que je le renvoie ?\")")
        {
            _, c in
            guard c.session.lastBounce != nil, c.understanding.bounce == nil, c.terms <= followUpTerms else {
                return nil
            }
            let words = c.understanding.words
            let resend =
                words.contains(where: resendWords.contains)
                || zip(words, words.dropFirst()).contains { againWords.contains($1) && sendWords.contains($0) }
            return resend ? .resendQuestion : nil
        },
        MoveReader(name: "after a blocklist, what to do if listed or how to get off it (\"y si está, que hago?\")") {
            _, c in
            guard isOnBlocklist(c.session), c.understanding.bounce == nil, c.target == nil, c.terms <= remarkTerms,
                asksHowToDelist(c.understanding)
            else { return nil }
            return .whoseSide
        },
        MoveReader(name: "after a bounce about one's own address, a word about it (\"but I log into it every day\")") {
            _, c in
            guard ownAddressBounce(of: c.session) != nil, c.understanding.bounce == nil, c.target == nil,
                c.terms <= remarkTerms,
                !["yes", "no", "thanks", "start-over", "check-request", "greeting"].contains(c.understanding.intent),
                speaksOfAnAddress(c.understanding)
            else { return nil }
            return .ownAddress
        },
        MoveReader(name: "a closing remark (\"ok so it's our firewall. thanks\")") { _, c in
            // A first message that ends politely ("I can't receive emails since Wednesday. Thanks") closes nothing.
            c.understanding.words.suffix(2).contains(where: thanksWords.contains) && c.terms <= closingTerms
                && !c.understanding.lower.contains("?")
                && !(c.session.state == .idle && c.understanding.describesFailure) ? .thanks : nil
        },
        MoveReader(name: "a why-question (\"warum? ist doch nur ein Eintrag\", \"but why…\")") { _, c in
            let opening = c.understanding.words.prefix(3)
            let asksWhy =
                opening.contains(where: whyWords.contains)
                || zip(opening, opening.dropFirst()).contains(where: { $0 == "por" && $1 == "que" })
            return c.terms <= followUpTerms && asksWhy ? .why : nil
        },
        MoveReader(name: "the password works in webmail, or was changed there (\"webmail takes the same password\")") {
            _, c in
            appPasswordMove(c)
        },
        MoveReader(name: "webmail works (\"webmail is fine\")") { _, c in
            saysWebmailWorks(c.understanding) && c.session.state != .guide(.webmail) ? .webmailWorks : nil
        },
        MoveReader(name: "webmail fails too (\"le webmail aussi est vide\", \"webmail won't load either\")") { _, c in
            saysWebmailFails(c.understanding, opening: c.session.state == .idle) ? .webmailFails : nil
        },
        MoveReader(name: "no incident, at the incident step or in the guide's walk (\"status page shows nothing\")") {
            _, c in
            let atIncidents =
                c.session.state == .guide(.incidents) || c.session.topic?.article == GuideStep.incidents.article
            return (atIncidents || c.session.guideStep != nil) && saysNoIncident(c.understanding) ? .noIncident : nil
        },
        MoveReader(name: "a request to check without a target (\"is that ip mine? can you check it\")") { engine, c in
            // "Is that IP mine? can you check it": the checks it names ("ip") run on the name remembered,
            // in a short follow-up; an opening that names them is a complaint ("K9 can't connect to my smtp
            // server … how can this be?", "Failed to check the outgoing server settings").
            guard c.target == nil, !c.understanding.intent.hasPrefix("fact-"),
                c.named.isEmpty || (c.session.state != .idle && c.terms <= followUpTerms),
                c.understanding.intent != "check-request",
                asksPolitelyToCheck(c.understanding, knowledge: engine.knowledge)
            else { return nil }
            return .checkRequest(names: !c.named.isEmpty)
        },
        MoveReader(name: "a short question about a fact of the topic (\"how long until it works?\")") { engine, c in
            engine.factOfTopic(c)
        },
        MoveReader(name: "who fixes it, on a topic (\"who do I ask to fix it?\", \"quem resolve isso?\")") {
            engine, c in
            guard c.session.topic != nil || c.session.lastBounce != nil, c.terms <= followUpTerms,
                c.understanding.bounce == nil
            else { return nil }
            guard c.understanding.words.prefix(2).contains(where: whoWords.contains) else { return nil }
            // A step of the topic that says who does it ("ask the owner of the IP to set the PTR") answers best.
            if c.understanding.mentions.isEmpty, let (_, reply) = engine.stepReply(c.understanding, session: c.session),
                !reply.steps.isEmpty
            {
                return .how
            }
            return .whoseSide
        },
        MoveReader(name: "the intent the understanding decided") { engine, c in
            engine.intentMove(c)
        },
        MoveReader(name: "another aspect (\"what about DKIM?\")") { _, c in
            followUpTopic(c.understanding.lower).map(Move.aspect)
        },
        MoveReader(name: "a short message nothing explains, during a conversation") { _, c in
            let ranking = c.understanding.ranking
            let recognised = ranking.mentionsMail || (ranking.hits.first?.score ?? 0) >= minimumOffTopicScore
            return !recognised && c.terms <= targetMessageTerms && c.session.state != .idle ? .unclear : nil
        },
        MoveReader(name: "a question a step of the topic answers (\"could my antivirus be blocking it?\")") {
            engine, c in
            // Asked on a topic, a short question that one of its steps answers stays on it, whatever other
            // article its words would find on their own.
            guard c.session.topic != nil, c.terms <= followUpTerms, c.understanding.mentions.isEmpty,
                asksAboutAStep(c.understanding),
                let (_, reply) = engine.stepReply(c.understanding, session: c.session), !reply.steps.isEmpty
            else { return nil }
            return .how
        },
        MoveReader(name: "a complaint that asks for a look, or a complaint") { engine, c in
            engine.asksToCheck(c.understanding) ? .complaintAskingCheck : .complaint
        },
    ]

    /// Most words of a remark on what was just said ("but we use that address every day, I can log into it
    /// fine", "is that our fault or our host's? how do we get removed"): longer than a short follow-up,
    /// shorter than a new description.
    static let remarkTerms = 20

    /// Words that ask whether to send again or whether a message is lost, folded, in the six languages.
    static let resendWords: Set<String> = [
        "resend", "resent", "resending", "lost", "renvoyer", "renvoie", "renvoyes", "perdu", "perdus", "perdue",
        "erneut", "verloren", "reenviar", "reenvio", "reenvio", "perdido", "perdidos", "rinviare", "reinviare",
        "rimandare", "rimando", "persi", "perdida", "perdidas", "rimandarlo", "rimandarla", "rimandarli",
        "rinviarlo", "rinviarli", "reinviarlo", "reinviarli", "reenviarlo", "reenviarla", "reenviarlos",
        "reenvie", "renvoyer",
    ]
    /// "send … again": a sending word followed by an again word ("send it again" is caught by "again").
    static let sendWords: Set<String> = [
        "send", "it", "envoyer", "senden", "schicken", "enviar", "mandar", "inviare", "mandare",
    ]
    static let againWords: Set<String> = [
        "again", "nochmal", "novo", "nuevo", "nouveau", "ancora", "erneut", "novamente", "vez",  // data
    ]
    /// Data: verbs that ask to check once more, folded, in the six languages ("recheck", "revérifier",
    /// "ricontrolla").
    static let recheckWords: Set<String> = [
        "recheck", "rechecking", "retest", "rerun", "reverifier", "reverifie", "reverifiez", "reverifies",  // data
        "retester", "reteste", "retestez", "recontroler", "ricontrolla", "ricontrollare", "ricontrolli",  // data
        "riverifica", "riverificare", "reverificar", "reverifica", "recomprobar", "recomprueba",  // data
        "nachprufen", "nachpruefen",  // data
    ]

    /// Whether the conversation is about DKIM: its topic, or the last checks included DKIM.
    static func isAboutDKIM(_ session: Session) -> Bool {
        session.topic?.article == "dkim" || session.lastCheck?.ids?.contains(.dkim) == true
    }

    /// Data: common selector names that are also everyday words of a message about mail, never read as a
    /// selector on their own.
    static let everydaySelectorNames: Set<String> = ["mail", "email", "smtp", "mx", "dkim", "pm"]  // data

    /// A common DKIM selector name (`default`, `selector1`, `google`…) among a message's words, for a
    /// message about DKIM that names one without the word "selector" ("il nuovo è default").
    static func selectorWord(in understanding: Understanding) -> String? {
        let common = Set(CheckOptions.commonDKIMSelectors).subtracting(everydaySelectorNames)
        return understanding.words.first(where: common.contains)
    }

    /// Whether a message asks to run the checks once more: a verb of checking again, or a check word
    /// with an again word ("check again?", "prüf nochmal", "controlla di nuovo").
    static func asksToCheckAgain(_ understanding: Understanding) -> Bool {
        let words = understanding.words
        if words.contains(where: recheckWords.contains) { return true }
        return understanding.hasCheckCue && words.contains(where: againWords.contains)
    }

    /// The move of a message whose intent is a dialog move or a question; nil for a complaint.
    func intentMove(_ c: MoveContext) -> Move? {
        let understanding = c.understanding
        switch understanding.intent {
        case let id where id.hasSuffix("-with-content") && knowledge.intents.leadingAnswer(understanding.text) == nil:
            // Read like an answer, but it does not start with one: a statement of its own.
            return nil
        case let id where (id == "yes" || id == "yes-with-content") && understanding.hasCheckCue:
            // "yes go ahead, check it": an agreement that asks for the check.
            return .checkRequest(names: !c.named.isEmpty || c.target != nil)
        case "yes", "no", "yes-with-content", "no-with-content":
            let yes = understanding.intent.hasPrefix("yes")
            let content =
                understanding.intent.hasSuffix("-with-content") ? Self.afterFirstWord(understanding.text) : nil
            return .answer(yes: yes, content: content, target: c.target)
        case "correction" where c.target == nil && Self.isQuestion(understanding):
            // "is that per address or for the whole domain?", "c'est de ma faute ?": a question, not a
            // correction that asks for the target again.
            return nil
        case "correction": return .correction(c.target)
        case "check-request": return .checkRequest(names: !c.named.isEmpty || c.target != nil)
        case "already-tried": return .alreadyTried
        case "why": return .why
        case "whose-side": return .whoseSide
        case "need-it": return Self.asksNeed(understanding) ? .needIt : nil
        case "what-to-enter": return Self.asksWhatToEnter(understanding) ? .whatToEnter : nil
        case "how": return .how
        case "thanks": return .thanks
        case "greeting": return .greeting
        case "help": return .help
        case "start-over": return .startOver
        case "off-topic":
            // On a topic, a short unclear remark is read in its context; a request that the off-topic examples
            // explain well and that names nothing about mail ("can you recommend a good antivirus?") is
            // declined all the same.
            if c.session.state == .idle { return .offTopic }
            let explained =
                understanding.intents.first?.id == "off-topic"
                && (understanding.intents.first?.coverage ?? 0) >= Self.offTopicCoverage
            return explained && !understanding.ranking.mentionsMail ? .offTopic : .unclear
        case let id
        where knowledge.intents.definition(id)?.measure == true && Self.asksHowTo(understanding)
            && understanding.words.allSatisfy({ !Self.quantityWords.contains($0) }):
            // "How do I free up space?" names the size's words but asks how to do something: the topic's
            // steps answer it, not the size.
            return nil
        case let id where knowledge.intents.definition(id)?.kind == .fact: return .fact(factOnTopic(id, c))
        default: return nil
        }
    }

    /// Words that ask for a quantity anywhere in a question ("how do I see how much space I use?"), folded.
    static let quantityWords: Set<String> = measureWords.union([  // data
        "quanto", "quanta", "quantos", "quantas", "combien", "cuanto", "cuanta", "cuantos", "size", "taille",
        "grosse", "tamano", "tamanho", "dimensione",
    ])

    /// How much of a message the off-topic examples must explain for it to be declined on a topic.
    static let offTopicCoverage = 0.6

    /// Whether a message asks a question: a question mark, or a first word that opens one ("is that…",
    /// "est-ce…", "ist das…").
    static func isQuestion(_ understanding: Understanding) -> Bool {
        understanding.lower.contains("?") || understanding.words.first.map(questionOpeners.contains) == true
    }

    /// Words that open a question, folded, in the six languages (not the ambiguous "e", "and" or "is").
    static let questionOpeners: Set<String> = [
        "is", "are", "was", "were", "do", "does", "did", "can", "could", "should", "would", "will", "what", "which",
        "who", "how", "where", "when", "est-ce", "qu'est-ce", "quel", "quelle", "comment", "combien", "quand",
        "ist", "sind", "kann", "muss", "soll", "welche", "welcher", "wie", "wo", "wann", "gilt", "son", "puedo",
        "debo", "cual", "como", "donde", "cuando", "cuanto", "sono", "posso", "devo", "quale", "come", "dove",
        "quanto", "sao", "qual", "onde", "quando",
    ]

    /// After a check, a short follow-up that names other checks, another target or a DKIM selector.
    static func checkFollowUp(_ c: MoveContext) -> Move? {
        let understanding = c.understanding
        guard let last = c.session.lastCheck, c.terms <= followUpTerms,
            !["yes", "no", "thanks", "why", "how", "already-tried", "start-over"].contains(understanding.intent),
            understanding.intent != "need-it" || !asksNeed(understanding), !asksWhatToEnter(understanding)
        else { return nil }
        let ids = c.named
        // "and imap?", "pop3 too", "and is 192.0.2.25 on a blacklist": but not "how do I enable DKIM?".
        let question = understanding.intents.first { $0.id != "complaint" && $0.id != "check-request" }
        let asksOther = question.map { ["why", "how"].contains($0.id) || $0.id.hasPrefix("fact-") } ?? false
        let also = understanding.words.contains(where: alsoWords.contains)
        let probes = Set(LiveChecks.probeIDs)
        let sameFamily =
            !ids.isEmpty
            && last.ids.map { probes.isSuperset(of: ids) == probes.isSuperset(of: $0) && !$0.isEmpty }
                ?? false
        let another =
            c.terms <= shortFollowUpTerms || c.target != nil || also || understanding.hasCheckCue
            || (sameFamily && c.terms <= targetMessageTerms + 3)
        if !ids.isEmpty, another, !asksOther || c.target != nil || c.terms <= shortFollowUpTerms || also {
            return .checkAgain(ids: ids, target: c.target)
        }
        if ids.isEmpty, c.target == nil, asksToCheckAgain(understanding) {
            // "added it 2 min ago. check again?", "je l'ai corrigé, tu peux revérifier ?": the last checks.
            return .checkAgain(ids: [], target: nil)
        }
        if understanding.mentions.contains(where: { $0.kind == .selector }) {
            // "and the selector default, is that one ok?": the DKIM check with that selector.
            return .checkAgain(ids: [.dkim], target: c.target)
        }
        if ids.isEmpty, let target = c.target, !asksOther,
            understanding.intent != "complaint" || c.terms <= targetMessageTerms
        {
            return .checkAgain(ids: [], target: target)
        }
        return nil
    }
}
