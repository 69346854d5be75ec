import Bounces
import ByteText
import Foundation
import Knowledge
import Localization
import MailModel

extension ConversationEngine {
    /// Reads a message as a bounce; nil when it is not one (a plain complaint).
    /// The start of a text, at most `bytes` long, cut at a character boundary.
    static func head(of text: String, bytes: Int) -> String {
        guard text.utf8.count > bytes else { return text }
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: bytes)
        while end > text.startIndex, text.utf8[end] & 0xC0 == 0x80 { end = text.utf8.index(before: end) }
        return String(text[..<end])
    }

    static func bounce(in text: String) -> BounceReport? {
        // Cheap gate first: a bounce has a status code or message headers. Plain complaints (most
        // chat traffic) skip the parser entirely.
        let codes = CodeScanner.codes(in: text)
        // A pasted notice may carry no code at all ("This is the mail system at host …" then "connect to
        // mx.example.org[…]:25: Connection timed out").
        let notice = codes.isEmpty && pastesNotice(text)
        guard !codes.isEmpty || notice || looksLikeMessage(text) else { return nil }
        let report = BounceParser.parse(Array(text.utf8.prefix(maximumMessageBytes)))
        switch report.kind {
        case .dsn, .vendor, .feedback, .autoReply: return report
        case .fragment:
            // A fragment without any code is a complaint that mentions a failure, not a bounce, unless it
            // pastes a notice.
            return codes.isEmpty && !notice ? nil : report
        case .notBounce, .unreadable: return nil
        }
    }

    /// Whether a line of the text's start opens a delivery notice (``MessageAnalysis/noticeOpenings``).
    static func pastesNotice(_ text: String) -> Bool {
        head(of: text, bytes: 4096).split(separator: "\n").contains { (line: Substring) in
            MessageAnalysis.opensNotice(line.drop { $0 == " " || $0 == "\t" })
        }
    }

    /// Whether the text carries mail headers or bounce markers.
    static func looksLikeMessage(_ text: String) -> Bool {
        let markers = [
            "Content-Type:", "Final-Recipient:", "X-Failed-Recipients:", "Received:", "Return-Path:", "Subject:",
            "MAILER-DAEMON", "Mailer-Daemon", "postmaster@", "Diagnostic-Code:", "From ",
        ]
        let head = Substring(text.utf8.prefix(64 * 1024))
        return markers.contains { head.containsBytes($0) }
    }

    /// Merges the text ranking with the articles the bounce's reason points to: the reader's
    /// first choice gets half the best text score on top, its second a quarter. The words of the
    /// bounce still count, so a specific diagnostic can beat a generic reason.
    /// `leading` puts the hints first whatever the text says: the server's words decided the reason (a
    /// "relay access denied" under a 554 is about relaying, not the 554 article's block lists), or the
    /// failed address is the person's own.
    static func rank(search: SearchResult, hints: [String], leading: Bool = false) -> [(String, Double)] {
        let best = max(search.hits.first?.score ?? 0, 4)
        // A reply code with its own article (504, 555…) is more specific than a reason's article.
        let ownCode = search.codes.contains { code in
            code.reply.map { reply in search.hits.contains { $0.id == "smtp-\(reply)" } } ?? false
        }
        let factors = leading ? [1.5, 0.5] : ownCode ? [0.15, 0.1] : [0.5, 0.25]
        var scores: [String: Double] = [:]
        for hit in search.hits { scores[hit.id] = hit.score }
        for (position, id) in hints.prefix(2).enumerated() {
            scores[id, default: 0] += best * factors[position]
        }
        return scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
            ($0.key, ($0.value * 100).rounded() / 100)
        }
    }

    /// The facts of the bounce for one recipient, each in its role: the failed recipient, the codes and
    /// what they mean in plain words, the server that refused, the blocked IP, the server's own words.
    /// `reasonWords` is what went wrong as the advice reads it (the server's words over the code's class).
    static func bounceDetails(_ recipient: BounceRecipient, reasonWords: LocalizedText?) -> [String] {
        var details: [String] = []
        var line =
            recipient.address.isEmpty ? tr("Recipient: (not given)") : tr("Recipient: \(recipient.address)")
        let codes = [recipient.replyCode, recipient.status].filter { !$0.isEmpty }.joined(separator: " ")
        if !codes.isEmpty { line += tr(" — code \(codes)") }
        if let words = reasonWords { line += " — \(tr(words))" }
        details.append(line)
        if !recipient.remoteServer.isEmpty {
            let address = recipient.remoteIP.isEmpty ? "" : " [\(recipient.remoteIP)]"
            details.append(tr("Refused by: \(recipient.remoteServer)\(address)"))
        } else if !recipient.remoteIP.isEmpty {
            details.append(tr("Refused by: \(recipient.remoteIP)"))
        }
        if !recipient.blockedIP.isEmpty { details.append(tr("Blocked IP: \(recipient.blockedIP)")) }
        if !recipient.serverText.isEmpty { details.append(tr("Server said: “\(recipient.serverText.prefix(300))”")) }
        return details
    }

    /// True for an IPv4 or IPv6 address (a check target that is no domain).
    static func isIPAddress(_ text: String) -> Bool {
        text.contains(":") || (!text.isEmpty && text.allSatisfy { $0 == "." || ("0"..."9").contains($0) })
    }

    /// Explains a bounce (for `explain` and the conversation): what happened, whose side, what to do, the article, and an offer of the
    /// one check that would confirm it.
    public func bounceReply(_ report: BounceReport, text: String, session: Session) -> (Session, Reply) {
        var session = session
        let mine = Self.personIsRecipient(
            of: report, text: text, session: session, providerMX: knowledge.provider.mxHosts)
        let advice = report.advice(forRecipient: mine)
        let reported = report.mostImportantRecipient()
        let references = Self.rank(
            search: knowledge.index.search(text, limit: 8),
            hints: advice.articleIDs.filter { knowledge.base.byID[$0] != nil },
            leading: advice.forRecipient || advice.decidedByWords
                || (reported.map { ($0.reason.isEmpty ? "undefined" : $0.reason) != advice.reason } ?? false)
        ).prefix(3).compactMap { id, score in
            knowledge.article(id).map { ArticleReference(id: id, title: $0.title, score: score) }
        }
        let answer = tr(advice.summaryText) + Self.sideText(advice, personIsRecipient: mine)
        var details: [String] = []
        if let recipient = reported {
            details += Self.bounceDetails(recipient, reasonWords: advice.reasonInWordsText)
        }
        if report.recipients.count > 1 { details.append(tr("(\(report.recipients.count) recipients in this bounce)")) }
        var reply = Reply(
            intent: .bounce, direction: .sending, answer: answer, steps: advice.whatToDoText.map(tr),
            sections: details.isEmpty
                ? [] : [ReplySection(title: tr("What the bounce says"), text: details.joined(separator: "\n"))],
            articles: references)
        reply.bounce = report
        var suggestions: [String] = []
        if let check = advice.check, liveChecksWiring != nil {
            if check.target.isEmpty {
                reply.nextStep = tr("\(check.whyText) Which domain or IP address should I check?")
                session.pendingQuestion = .target(check.checkIDs.compactMap(CheckID.init))
            } else {
                reply.nextStep =
                    tr(
                        "\(check.whyText) Shall I run that check now (\(check.checkIDs.joined(separator: ", ")) of \(check.target))?"
                    )
                session.offer = try? CheckRequest.parse(
                    "check \(check.checkIDs.joined(separator: ",")) \(check.target)")
                suggestions += [tr("yes"), tr("no")]
                // A follow-up ("what about DKIM?", "check mx") is about what was just offered.
                if Self.isIPAddress(check.target) {
                    session.entities.ip = check.target
                } else {
                    session.entities.domain = check.target
                }
            }
        }
        suggestions += references.prefix(2).map { "show \($0.id)" }
        reply.suggestions = suggestions
        session.stage = .answered
        session.pendingText = nil
        if let first = references.first { session.give(first.id) }
        session.direction = mine ? .receiving : .sending
        if mine, let address = reported?.address, let domain = address.split(separator: "@").last.map(String.init) {
            // The failed address is the person's: its domain is theirs to check.
            session.ownDomain = domain.lowercased()
            session.othersDomains.remove(domain.lowercased())
            session.recipientDomains.remove(domain.lowercased())
            // "Is it my fault?" must not get the sender's sentences ("on the recipient's side, not yours"):
            // the topic's own "who to contact" answers it.
            session.lastBounce?.side = nil
        }
        return (session, reply)
    }

    /// Whose side the problem is on, as one sentence after the summary. When the failed address is the
    /// person's own, "the recipient" is them.
    static func sideText(_ advice: BounceAdvice, personIsRecipient: Bool) -> String {
        if advice.forRecipient {
            return tr(
                " The address is yours, so the fix is on your side (your mailbox or your domain), not the sender's.")
        }
        if personIsRecipient {
            switch advice.side {
            case .sender:
                return tr(
                    " The failed address is yours, but the fix is on the sender's side: pass these steps on to the person who wrote to you."
                )
            case .recipient, .receivingPolicy:
                return tr(" The failed address is yours: the refusal came from your own receiving server.")
            case .network, .unknown: break
            }
        }
        return sideSentence(advice.side)
    }

    /// Whose side a bounce's cause is on, as one sentence after another (a leading space); empty when
    /// the bounce does not say.
    static func sideSentence(_ side: BounceSide) -> String {
        switch side {
        case .sender: tr(" The fix is on your side (the sending side).")
        case .recipient: tr(" The problem is on the recipient's side, not yours.")
        case .receivingPolicy: tr(" The receiving server refused it by its own policy.")
        case .network: tr(" It looks temporary or network-related.")
        case .unknown: ""
        }
    }

    /// Data: what a person writes when the bounce came to someone writing to them ("a customer gets this
    /// when writing to me", "quand mes clients m'écrivent", "mi inoltra il messaggio che riceve quando mi
    /// scrive"): the failed address is then theirs. Folded (lower case, no accents); only verbs of writing
    /// or reaching "me" or "us", since "Gmail sends me this" is said by a sender too.
    static let writingToMeCues = [
        "writing to me", "writes to me", "write to me", "wrote to me", "emailing me", "to reach me",  // data
        "m'ecrivent", "m'ecrit", "m'ecrire", "m'ont ecrit", "me joindre",  // data
        "mir schreiben", "mir schreibt", "mir geschrieben", "mir mailen", "mir mailt", "mich erreichen",  // data
        "me escriben", "me escribe", "me escribio", "me escribieron", "escribirme", "contactarme",  // data
        "mi scrivono", "mi scrive", "mi ha scritto", "mi hanno scritto", "scrivermi", "contattarmi",  // data
        "me escrevem", "me escreve", "me escreveu", "me escreveram", "escrever-me", "escrever para mim",  // data
        // The same, said by a business of itself ("she can't email us at all").
        "writing to us", "writes to us", "write to us", "wrote to us", "emailing us", "email us",  // data
        "to reach us", "reach us", "contact us", "email me", "e-mail me", "mail me",  // data
        // "Cannot send me": a sending verb with "me" or "us" only when someone fails to ("Gmail sent me this" is
        // said by a sender too).
        "cant send me", "can't send me", "cannot send me", "cant send us", "can't send us", "cannot send us",  // data
        "pas m'envoyer", "pas m envoyer", "pas nous envoyer", "consegue me enviar", "conseguem me enviar",  // data
        "consegue enviar-me", "consegue nos enviar", "puede enviarme", "pueden enviarme", "puede enviarnos",  // data
        "riesce a mandarmi", "riesce a inviarmi", "riescono a mandarmi", "riesce a mandarci",  // data
        "mir nichts schicken", "uns nichts schicken", "uns nicht schreiben", "mir nicht schreiben",  // data
        "uns nicht erreichen", "mich nicht erreichen", "uns keine mail", "mir keine mail",  // data
        // Typed without the apostrophe ("m ecrivent", "mecrire").
        "m ecrivent", "m ecrit", "m ecrire", "mecrivent", "mecrire", "m ont ecrit",  // data
        "nous ecrire", "nous ecrivent", "nous ecrit", "nous joindre",  // data
        "uns schreiben", "uns schreibt", "uns mailen", "uns erreichen",  // data
        "nos escriben", "nos escribe", "escribirnos", "contactarnos",  // data
        "ci scrivono", "ci scrive", "scriverci", "contattarci",  // data
        "nos escrevem", "nos escreve", "escrever-nos", "nos contactar",  // data
        // "The mails (that) she sends me bounce": a relative clause with the person as the one written to.
        "he sends me", "she sends me", "they send me", "qu'il m'envoie", "qu'elle m'envoie",  // data
        "qu'ils m'envoient",  // data
        "die er mir schickt", "die sie mir schickt", "die sie mir schicken", "que me manda", "que me mandan",  // data
        "que me envia", "que me envian", "che mi manda", "che mi mandano", "che mi invia", "che mi inviano",  // data
        "que me mandam", "que me enviam", "que ele me manda", "que ela me manda",  // data
    ]

    /// Whether the failed address of a bounce is the person's own: their words around the paste say that
    /// someone writing to them got it; or someone forwarded it to them and one of the provider's own MX
    /// servers (`providerMX`) refused it, so the provider hosts the failed mailbox; or it is on the domain
    /// the conversation knows as theirs (and the bounce's sender is not on that domain too, as a
    /// colleague's would be).
    static func personIsRecipient(
        of report: BounceReport, text: String, session: Session, providerMX: [String] = []
    ) -> Bool {
        guard let recipient = report.mostImportantRecipient(), let at = recipient.address.lastIndex(of: "@") else {
            return false
        }
        let domain = recipient.address[recipient.address.index(after: at)...].lowercased()
        let senderDomain = report.sender.flatMap { $0.split(separator: "@").last }.map { $0.lowercased() }
        if let own = session.ownDomain, own == domain, senderDomain != domain { return true }
        let words = personsWords(in: text)
        if writingToMeCues.contains(where: { words.contains($0) }) { return true }
        let refusing = recipient.remoteMTA.lowercased()
        return !refusing.isEmpty && providerMX.contains { $0.lowercased() == refusing }
            && forwardedCues.contains { words.contains($0) }
    }

    /// Data: what a person says when someone else sent them a bounce ("my supplier sent me this", "o
    /// fornecedor mandou-me isto", "un client m'a transféré ça"), folded, in the six languages. Alone it
    /// does not tell whose address failed; with the provider's own MX as the refusing server it does.
    static let forwardedCues = [
        "sent me this", "forwarded me", "forwarded this", "sent me that", "passed me this",  // data
        "m'a envoye", "m'a transfere", "m'a fait suivre", "m a envoye", "m a transfere",  // data
        "hat mir das geschickt", "hat mir das weitergeleitet", "mir weitergeleitet", "mir geschickt",  // data
        "me mando esto", "me reenvio", "me ha enviado esto", "me envio esto", "me ha reenviado",  // data
        "mi ha inoltrato", "mi ha mandato", "mi ha girato", "mi ha inviato",  // data
        "mandou-me isto", "me mandou isso", "me encaminhou", "me enviou isso", "enviou-me isto",  // data
    ]

    /// The person's own words of a message, folded (lower case, no accents, one kind of apostrophe): the
    /// lines not pasted from a bounce or a log, and the start of a pasted line up to its first digit or
    /// angle bracket ("customers get this when writing to me: 552 5.2.2 <…>").
    static func personsWords(in text: String) -> String {
        let lines = head(of: text, bytes: 4096).split(separator: "\n").map { line in
            MessageAnalysis.isPasted(String(line)) ? line.prefix { !$0.isNumber && $0 != "<" } : line
        }
        return lines.joined(separator: " ").folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
    }

    /// Articles whose topic is an IP address on a blocklist.
    static let blocklistArticles: Set<String> = ["blacklists", "smtp-554"]
    /// Topics a blocklist check or a blocked bounce leaves the conversation on (the missing PTR found with
    /// it, the 5.7.1 refusal), or none.
    static let blocklistNeighbours: Set<String> = ["reverse-dns", "smtp-550-5.7.1"]

    /// Whether the conversation is about an IP on a blocklist: its topic, or a blocklist check or a bounce
    /// read as blocked with no other topic since.
    static func isOnBlocklist(_ session: Session) -> Bool {
        if let topic = session.topic?.article, blocklistArticles.contains(topic) { return true }
        guard session.topic.map({ blocklistNeighbours.contains($0.article) }) ?? true else { return false }
        return session.lastCheck?.ids?.contains(.dnsbl) == true || session.lastBounce?.reading == "blocked"
    }

    /// Data: what a person asks after a blocklist came up, folded: what to do if the IP is listed, how to
    /// get it off the list, in the six languages.
    static let delistingCues = [
        "get off", "delist", "removal", "remove it", "off the list", "what do i do", "what should i do",  // data
        "what can i do", "if it is listed", "if it's listed", "if listed", "if so", "if we are",  // data
        "je fais quoi", "que faire", "quoi faire", "je dois faire", "faut faire", "retirer", "retrait",  // data
        "sortir de", "si elle l'est", "si c'est le cas", "si oui",  // data
        "was tun", "was mache ich", "was machen wir", "was muss ich", "was mussen wir", "wenn ja", "runter",  // data
        "austragen", "austragung", "entfernen",  // data
        "que hago", "que hacemos", "que debo hacer", "que tengo que hacer", "si esta", "si lo esta",  // data
        "salir de", "sacar", "quitar", "eliminar de",  // data
        "cosa faccio", "che faccio", "cosa devo fare", "cosa facciamo", "se c'e", "se lo e", "togliere",  // data
        "rimozione", "uscire da", "rimuovere",  // data
        "o que faco", "que faco", "o que devo fazer", "o que fazemos", "se estiver", "saio da", "sair da",  // data
        "tirar", "remocao", "remover",  // data
        // Whose fault the listing is, and getting it removed ("is it our fault? how do we get removed").
        "removed", "fault", "faute", "schuld", "liegt das an", "liegt es an", "culpa", "colpa",  // data
        "saco", "sacamos", "quito", "quitamos", "salgo", "salimos", "tolgo", "togliamo", "esco",  // data
    ]

    /// Whether a message asks what to do about a listing or how to get off a list.
    static func asksHowToDelist(_ understanding: Understanding) -> Bool {
        let text =
            " "
            + understanding.lower.folding(options: .diacriticInsensitive, locale: nil)
            .replacingOccurrences(of: "’", with: "'") + " "
        return delistingCues.contains { text.contains(" " + $0) }
    }

    /// Whose side a blocklist is on and how to get off it: the listed IP belongs to whoever runs it (the
    /// person's own server, or the provider's outgoing servers), then the blocklist article's steps.
    func blocklistSideReply(session: Session) -> (Session, Reply) {
        var session = session
        let render = knowledge.localProvider.render
        let answer = render(
            tr(
                "A blocklist lists the IP address that sent the mail, so it is up to whoever runs that address. If it is your own server or office connection, the listing comes from mail sent from it: the fix is on your side (find the cause, then ask the list to remove it). If you send through {{provider.name}}'s outgoing servers, it is theirs: send the bounce to {{provider.name}}'s support ({{provider.support}})."
            ))
        let article = knowledge.article("blacklists")
        var reply = Reply(
            intent: .question, direction: session.direction, answer: answer, steps: knowledge.steps("blacklists"))
        if let article {
            reply.articles = [ArticleReference(id: article.id, title: article.title, score: 1)]
            reply.suggestions =
                [tr("why?"), tr("I already tried that")] + article.related.prefix(1).map { "show \($0)" }
            session.give(article.id)
        }
        session.offer = nil
        session.pendingQuestion = nil
        return (session, reply)
    }

    /// The failed address of the last bounce when it was the person's own (a correspondent got the bounce
    /// writing to them), else nil.
    static func ownAddressBounce(of session: Session) -> String? {
        guard let bounce = session.lastBounce, bounce.side == nil, let own = session.ownDomain,
            let domain = bounce.recipient.split(separator: "@").last, domain.lowercased() == own
        else { return nil }
        return bounce.recipient
    }

    /// Data: words about an address, a mailbox's name or logging in to it, folded, in the six languages.
    static let addressWords: Set<String> = [
        "address", "alias", "redirect", "forward", "login", "log", "spelling", "spelled", "typo",  // data
        "adresse", "redirection", "connecte", "connecter", "orthographe", "faute",  // data
        "weiterleitung", "anmelden", "einloggen", "schreibweise", "tippfehler",  // data
        "direccion", "correo", "redireccion", "reenvio", "entrar", "escrito",  // data
        "indirizzo", "reindirizzamento", "inoltro", "accedere", "accedo", "scritto",  // data
        "endereco", "redirecionamento", "reencaminhamento", "entrar", "escrito",  // data
        // The mailbox itself, and logging in to it ("ich melde mich da jeden Tag an").
        "mailbox", "inbox", "logged", "sign", "boite", "postfach", "melde", "anmelde", "buzon", "entro",  // data
        "casella", "caixa",  // data
    ]

    /// Whether a message speaks of an address: a local part ("booking@"), an address word, or "it" logged
    /// into.
    static func speaksOfAnAddress(_ understanding: Understanding) -> Bool {
        understanding.lower.contains("@") || understanding.words.contains(where: addressWords.contains)
    }

    /// After a bounce said the person's own address does not exist: being able to log in proves a mailbox,
    /// maybe under another spelling; the sender needs the exact address, or the failed one can be made an
    /// alias of the real mailbox.
    func ownAddressReply(session: Session) -> (Session, Reply) {
        var session = session
        let address = Self.ownAddressBounce(of: session) ?? tr("the address")
        if session.lastBounce?.ownAddressTold == true {
            // Said once: now the answer to "is that it?" and "can both work?".
            let answer = tr(
                "Then that is the cause: \(address) is not the name of your mailbox. Give people the exact address, or create \(address) in your email service's control panel as an alias (a redirect) to your real mailbox, so that both work."
            )
            return (session, Reply(intent: .question, direction: .receiving, answer: answer))
        }
        session.lastBounce?.ownAddressTold = true
        let answer = tr(
            "The bounce says that \(address) does not exist on your mail server. Being able to log in proves that your mailbox exists, but perhaps under another spelling: compare the address you log in with, letter by letter, with \(address). If they differ, that is the cause."
        )
        let steps = [
            tr("Give the person who wrote to you the exact address of your mailbox."),
            tr(
                "To make \(address) work as well, create it in your email service's control panel as an alias (a redirect) to your real mailbox, or as a mailbox of its own."
            ),
            tr("Then ask them to send it again: nothing retries a final failure by itself."),
        ]
        var reply = Reply(intent: .question, direction: .receiving, answer: answer, steps: steps)
        if let article = knowledge.article("smtp-550") {
            reply.articles = [ArticleReference(id: article.id, title: article.title, score: 1)]
        }
        reply.suggestions = [tr("why?"), tr("I already tried that")]
        session.offer = nil
        session.pendingQuestion = nil
        return (session, reply)
    }
}
