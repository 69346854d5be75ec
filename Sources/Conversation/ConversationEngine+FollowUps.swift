import Knowledge
import Localization
import MailModel

/// Short follow-ups that ask or say one thing: the password works in webmail (so the mail app is at
/// fault), and a short question about a fact of the topic at hand.
extension ConversationEngine {
    /// "Webmail takes the same password", "I changed the password in webmail yesterday": said about a
    /// mail app that fails (anything but a webmail login problem, or the message names an app); nil
    /// otherwise.
    static func appPasswordMove(_ c: MoveContext) -> Move? {
        let list = c.understanding.words
        let words = Set(list)
        let tried =
            c.understanding.intents.prefix(2).contains { $0.id == "already-tried" }
            || !words.isDisjoint(with: triedWords)
        if tried, c.session.topic?.shown.contains(.appPassword) == true, c.understanding.bounce == nil,
            c.terms <= closingTerms
        {
            // "Tried that, still pops up": typing the password again in the app did not help.
            return .appPassword(changed: false, tried: true)
        }
        // "no" negates ("no puedo entrar al webmail"), except as the Portuguese "in the" ("no webmail funciona").
        let saysNo = zip(list, list.dropFirst() + [""]).contains { $0 == "no" && $1 != "webmail" }
        // While a mail app is the topic, "I log in to webmail" says the password works, even unnamed ("ma è
        // giusta! dal webmail entro"); "webmail works" alone does not (the app's server or port may be wrong).
        let aboutPassword =
            !words.isDisjoint(with: passwordWords)
            || (c.session.topic?.article == "email-client" && !words.isDisjoint(with: loginWords))
        guard c.terms <= closingTerms, words.contains("webmail"), aboutPassword,
            words.isDisjoint(with: negations), words.isDisjoint(with: failingWords), !saysNo
        else { return nil }
        let changed = !words.isDisjoint(with: changedWords)
        guard changed || !words.isDisjoint(with: fineWords) || !words.isDisjoint(with: loggedInWords) else {
            return nil
        }
        // Said about a webmail login problem, it is an answer to that topic, unless an app is named.
        let aboutWebmailLogin = c.session.topic?.article == "webmail-login"
        // "Tried that already, the password works in webmail": typing it again in the app did not help.
        return !aboutWebmailLogin || !words.isDisjoint(with: appWords)
            ? .appPassword(changed: changed, tried: tried) : nil
    }

    /// Words that say something was tried already, folded, in the six languages.
    static let triedWords: Set<String> = [  // data
        "tried", "probiert", "versucht", "essaye", "essayé", "provato", "probado", "probé", "probe", "intentado",
        "tentei", "tentado", "experimentei",
    ]

    /// The password is right, so the mail app holds an old one or a wrong user name: the mail-app
    /// article's password step, said as the answer.
    func appPasswordReply(changed: Bool, tried: Bool = false, session: Session) -> (Session, Reply) {
        var session = session
        session.offer = nil
        session.pendingQuestion = nil
        session.stage = .answered
        session.give("email-client", withSteps: true)
        session.topic?.shown.insert(.appPassword)
        let lead =
            tried && !changed
            ? tr("Then the password itself is right, and the app is set up wrong or holds an old copy of it.")
            : changed
                ? tr("That explains it: your mail app still uses the old password.")
                : tr("Then the password itself is right: your mail app holds an old password or a wrong user name.")
        let fix =
            tried
            ? knowledge.provider.render(
                tr(
                    "Since typing it again did not help, remove the account from the app and add it again by hand: incoming {{provider.imap_host}}, port {{provider.imap_port}} with SSL/TLS (with POP: {{provider.pop_host}}, port {{provider.pop_port}}), outgoing {{provider.smtp_host}}, port {{provider.smtp_port}} with SSL/TLS and authentication switched on, and your full email address as the user name. If an antivirus scans your mail, switch that off while you test."
                ))
            : tr(
                "In the app's account settings, type the password again for both the incoming and the outgoing server, and make sure the user name is your full email address. If it keeps asking, remove the account from the app and add it again."
            )
        let article = knowledge.article("email-client")
        let reply = Reply(
            intent: .question, direction: session.direction, answer: lead + " " + fix,
            articles: article.map { [ArticleReference(id: $0.id, title: $0.title, score: 1)] } ?? [],
            suggestions: [tr("I already tried that"), "show email-client"])
        return (session, reply)
    }

    /// "Password" (and the words of "mot de passe", "palavra-passe"), folded, in the six languages.
    static let passwordWords: Set<String> = [
        "password", "passwort", "kennwort", "pw", "mdp", "passe", "contrasena", "contraseña", "clave", "senha",
        "palavra-passe", "pass", "login", "anmeldung", "identifiants",
    ]
    /// Words that say a password was changed ("changed", "geändert", "cambiato"…), folded.
    static let changedWords: Set<String> = [
        "changed", "reset", "new", "geandert", "geändert", "neues", "neue", "change", "changé", "modifie", "modifié",
        "nouveau", "cambie", "cambié", "cambiado", "cambiada", "nueva", "cambiato", "cambiata", "nuova", "mudei",
        "alterei", "troquei", "mudada", "alterada", "trocada", "nova",
    ]
    /// Words that say the login works ("I get in", "the same password"), folded.
    static let loggedInWords: Set<String> = [
        "rein", "gleichen", "gleiche", "selben", "selbe", "dasselbe", "same", "logged", "meme", "même",
        "connecte", "misma", "mismo", "entro", "stessa", "stesso", "accedo", "mesma", "mesmo", "entrar", "melde",
        "anmelden", "angemeldet", "einloggen", "eingeloggt", "normal", "normalement", "normalmente", "problemlos",
        "connecter", "accedere", "consigo",
    ]
    /// Verbs of logging in ("I get in", "je me connecte"), folded: a subset of ``loggedInWords``.
    static let loginWords: Set<String> = [  // data
        "logged", "login", "connecte", "entro", "accedo", "melde", "anmelden", "angemeldet", "einloggen", "eingeloggt",
        "entrar", "accedere", "connecter", "entra",
    ]
    /// Words that say the login fails, whatever else is said ("webmail says wrong password").
    static let failingWords: Set<String> = [
        "wrong", "incorrect", "incorrecta", "incorrecto", "falsch", "errata", "errato", "errada", "errado",
        "refuses", "rejected", "refuse", "rechaza", "rifiuta", "recusa", "forgot", "oublie", "oublié", "vergessen",
        "olvide", "olvidé", "dimenticato", "esqueci",
    ]
    /// Words that name a mail app or device.
    static let appWords: Set<String> = [
        "outlook", "thunderbird", "app", "apps", "iphone", "android", "phone", "handy", "telephone", "téléphone",
        "telefono", "teléfono", "telemovel", "celular", "programm", "logiciel", "programa", "programma", "client",
        "mac", "laptop", "pc",
    ]

    /// A short question about a fact of the topic at hand that the intent decision missed ("how long until it
    /// works?" about MX records, "how big is it even?" about a full mailbox): one of the two best intents is
    /// a fact of the topic (or of an article related to it), and the message has its cue.
    func factOfTopic(_ c: MoveContext) -> Move? {
        let understanding = c.understanding
        guard let topic = c.session.topic.flatMap({ knowledge.article($0.article) }), c.terms <= Self.followUpTerms,
            understanding.bounce == nil, !understanding.hasCheckCue, Self.isQuestion(understanding),
            Self.followUpTopic(understanding.lower) == nil, !Self.asksHowTo(understanding),
            unexplained(understanding)
        else { return nil }
        let intents = knowledge.intents
        let fact = understanding.intents.prefix(2).first { score in
            guard let definition = intents.definition(score.id), definition.kind == .fact,
                let article = definition.article
            else { return false }
            return (article == topic.id || topic.related.contains(article))
                && intents.hasCue(score.id, in: understanding.lower)
        }
        return fact.map { .fact($0.id) }
    }

    /// Whether no intent explains a message: a complaint, off topic, or read like an answer that does
    /// not start with one ("how big is it even" is no "yes, …").
    func unexplained(_ understanding: Understanding) -> Bool {
        let intent = understanding.intent
        if intent == "complaint" || intent == "off-topic" { return true }
        return intent.hasSuffix("-with-content") && knowledge.intents.leadingAnswer(understanding.text) == nil
    }
}

/// "Is DMARC mandatory?", "do we have DKIM?": a yes or no first, then what the record is, then what
/// the last check found about it (or the offer to check).
extension ConversationEngine {
    /// Whether a message asks whether something is needed or there ("is it mandatory?", "do we have it?"),
    /// not only what it is ("what about DKIM?").
    static func asksNeed(_ understanding: Understanding) -> Bool {
        understanding.words.contains { word in needWords.contains { word.hasPrefix($0) } }
    }

    /// Starts of words that ask whether something is needed or there, folded, in the six languages.
    static let needWords: [String] = [
        "need", "mandatory", "required", "compulsory", "obligat", "must", "optional", "have", "got", "besoin",
        "faut", "facultati", "avons", "pflicht", "brauch", "muss", "notwendig", "notig", "nötig", "haben", "hab",
        "necesit", "hace", "opcional", "tenemos", "tengo", "serve", "servono", "abbiamo", "necessari", "obbligat",
        "precis", "temos", "tenho", "obrigat", "necessári", "required",
    ]

    /// The records a need-it question is about.
    static let authRecords: [CheckID] = [.spf, .dkim, .dmarc]

    /// Whether the record the message names (or the topic's) is needed, what it is, and whether the
    /// last check found it; a message about no such record is answered as a complaint.
    func needItReply(_ understanding: Understanding, session: Session) -> (Session, Reply) {
        let named = Self.namedCheckIDs(in: understanding.words).first(where: Self.authRecords.contains)
        let topical = session.topic.flatMap { CheckID(rawValue: $0.article) }.flatMap {
            Self.authRecords.contains($0) ? $0 : nil
        }
        guard let id = named ?? topical, let article = knowledge.article(LiveChecks.article(for: id)) else {
            return answer(understanding.text, session: session, ranking: understanding.ranking)
        }
        var session = session
        session.offer = nil
        session.pendingQuestion = nil
        session.stage = .answered
        session.give(article.id, withSteps: false)
        var parts = [Self.needSentence(id)]
        if let definition = Self.sentences(of: article.summary).first { parts.append(definition) }
        var reply = Reply(
            intent: .question, direction: session.direction, answer: "",
            articles: [ArticleReference(id: article.id, title: article.title, score: 1)],
            suggestions: [tr("how do I fix it?"), tr("why?")])
        if let outcome = session.lastCheckOutcomes.first(where: { $0.id == id }) {
            parts.append(Self.foundSentence(outcome))
        } else if liveChecksWiring != nil {
            let name = Self.describe([id])
            if let target = session.rememberedTarget(needsIP: false),
                let request = DialogPolicy.request([id], on: target)
            {
                reply.nextStep = tr("Shall I check \(name) of \(target) now?")
                session.offer = request
                reply.suggestions = [tr("yes"), tr("no")]
            } else {
                reply.nextStep = tr("Which domain is your email address on? I can check \(name) for you.")
                session.pendingQuestion = .target([id])
            }
        }
        reply.answer = parts.joined(separator: " ")
        return (session, reply)
    }

    /// Whether a record is needed, in one sentence that starts with the yes or no.
    static func needSentence(_ id: CheckID) -> String {
        switch id {
        case .dmarc:
            tr(
                "Not by law, but you should have one: big providers (Gmail, Yahoo, Microsoft) may reject or junk bulk mail from a domain without DMARC, and a strict policy also blocks others who send in your domain's name."
            )
        case .dkim:
            tr(
                "It is not compulsory, but you should have it: without a DKIM signature your mail is trusted less and may fail DMARC. If your email offer has the DKIM option, switch it on."
            )
        default:
            tr("Yes: without an SPF record, receivers may put your mail in spam or reject it.")
        }
    }

    /// What the last check found about a record, in one sentence.
    static func foundSentence(_ outcome: CheckOutcome) -> String {
        let target = outcome.target
        let summary = outcome.summary
        return switch outcome.status {
        case .pass: tr("Your domain has it: the check of \(target) passed (\(summary)).")
        case .info, .warn: tr("The check of \(target) found: \(summary).")
        case .fail: tr("Your domain does not have it working: the check of \(target) found \(summary).")
        case .error: tr("The check of \(target) could not tell: \(summary).")
        }
    }
}

/// "What exactly do I enter?": the values of what is being discussed.
extension ConversationEngine {
    /// Whether a message asks what to enter ("what exactly do I put in?"), not about another aspect
    /// ("what about DMARC?").
    static func asksWhatToEnter(_ understanding: Understanding) -> Bool {
        understanding.intent == "what-to-enter" && followUpTopic(understanding.lower) == nil
    }

    /// The fact that gives the values to enter, per article.
    static let valueFacts: [String: String] = [
        "mx-records": "fact-mx-hosts", "spf": "fact-spf-include", "email-client": "fact-client-setup",
    ]

    /// The topic's values fact, or the step that says what to enter, or the topic's steps; before any
    /// topic, the message read as a complaint.
    func whatToEnterReply(_ understanding: Understanding, session: Session) -> (Session, Reply) {
        guard let topic = session.topic, let article = knowledge.article(topic.article) else {
            return answer(understanding.text, session: session, ranking: understanding.ranking)
        }
        if let id = Self.valueFacts[article.id], let fact = knowledge.intents.definition(id) {
            return factReply(fact, session: session)
        }
        if !topic.shown.contains(.steps) { return topicPartReply(.steps, session: session) }
        return stepsAgainReply(article, session: session)
    }
}
