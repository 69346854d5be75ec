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
        guard !codes.isEmpty || looksLikeMessage(text) else { return nil }
        let report = BounceParser.parse(Array(text.utf8.prefix(maximumMessageBytes)))
        switch report.kind {
        case .dsn, .vendor, .feedback, .autoReply: return report
        case .fragment:
            // A fragment without any code is a complaint that mentions a failure, not a bounce.
            return codes.isEmpty ? nil : report
        case .notBounce, .unreadable: return nil
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
        let mine = Self.personIsRecipient(of: report, text: text, session: session)
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
        "to reach us",  // data
        "nous ecrire", "nous ecrivent", "nous ecrit", "nous joindre",  // data
        "uns schreiben", "uns schreibt", "uns mailen", "uns erreichen",  // data
        "nos escriben", "nos escribe", "escribirnos", "contactarnos",  // data
        "ci scrivono", "ci scrive", "scriverci", "contattarci",  // data
        "nos escrevem", "nos escreve", "escrever-nos", "nos contactar",  // data
    ]

    /// Whether the failed address of a bounce is the person's own: their words around the paste say that
    /// someone writing to them got it, or it is on the domain the conversation knows as theirs (and the
    /// bounce's sender is not on that domain too, as a colleague's would be).
    static func personIsRecipient(of report: BounceReport, text: String, session: Session) -> Bool {
        guard let address = report.mostImportantRecipient()?.address, let at = address.lastIndex(of: "@") else {
            return false
        }
        let domain = address[address.index(after: at)...].lowercased()
        let senderDomain = report.sender.flatMap { $0.split(separator: "@").last }.map { $0.lowercased() }
        if let own = session.ownDomain, own == domain, senderDomain != domain { return true }
        let words = personsWords(in: text)
        return writingToMeCues.contains { words.contains($0) }
    }

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
}
