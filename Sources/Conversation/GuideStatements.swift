import Foundation
import Knowledge
import Localization

/// Statements that answer a step of the guide's order without being asked ("webmail is empty too", "the
/// status page shows nothing"), read so that the walk moves on instead of asking the step again.
extension ConversationEngine {
    /// Whether a message says that webmail fails as well: the part of it that names webmail has a
    /// negation or a word for empty or failing ("le webmail aussi est vide", "el webmail tampoco tiene nada
    /// nuevo", "webmail won't load either"). An opening message must also say "too" or "either" (webmail
    /// fails as well as the app) and be about a step of the guide, not a password.
    static func saysWebmailFails(_ understanding: Understanding, opening: Bool) -> Bool {
        guard understanding.words.count <= closingTerms, understanding.words.contains("webmail") else { return false }
        guard let clause = clauses(of: understanding.lower).first(where: { $0.contains("webmail") }) else {
            return false
        }
        var words = clause[...]
        if let first = words.first, leadingAnswers.contains(first) { words = words.dropFirst() }
        let set = Set(words)
        guard !set.isDisjoint(with: webmailFailureWords) || !set.isDisjoint(with: negations) else { return false }
        guard opening else { return true }
        let aboutGuide = understanding.ranking.hits.first.map { GuideStep.step(forArticle: $0.id) != nil } ?? false
        return aboutGuide && !Set(understanding.words).isDisjoint(with: tooWords)
    }

    /// Whether a message says that no incident is listed: it names the status page or an incident, and
    /// says there is nothing ("status page shows nothing", "rien sur la page", "alles grün"). A question is
    /// not such a statement.
    static func saysNoIncident(_ understanding: Understanding) -> Bool {
        guard understanding.words.count <= closingTerms, !understanding.lower.contains("?") else { return false }
        let words = understanding.words
        guard words.contains(where: statusWords.contains) else { return false }
        if words.contains(where: nothingWords.contains) { return true }
        // "no incident", "pas d'incident", "not any outage": a negation right before the status word.
        return words.indices.contains { index in
            statusWords.contains(words[index])
                && words[max(0, index - 2)..<index].contains(where: negationsBeforeNoun.contains)
        }
    }

    /// The clauses of a lower-cased text, each as folded words: cut at punctuation and at "but"; "n't"
    /// becomes "not" and apostrophes separate words ("n'arrive" → "n", "arrive").
    static func clauses(of lower: String) -> [[String]] {
        let text = lower.replacingOccurrences(of: "n't", with: " not").replacingOccurrences(of: "n’t", with: " not")
            .folding(options: [.diacriticInsensitive], locale: nil)
        var result: [[String]] = []
        for part in text.split(whereSeparator: { ",.;!?:\n".contains($0) }) {
            var clause: [String] = []
            for word in part.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) {
                if butWords.contains(word) {
                    if !clause.isEmpty { result.append(clause) }
                    clause = []
                } else {
                    clause.append(word)
                }
            }
            if !clause.isEmpty { result.append(clause) }
        }
        return result
    }

    /// "But", folded, in the six languages: a clause after it says something else.
    static let butWords: Set<String> = ["but", "mais", "aber", "pero", "ma", "mas", "however", "sondern"]

    /// Words that say webmail fails or is empty, folded, in the six languages (with `negations`).
    static let webmailFailureWords: Set<String> = [
        "empty", "nothing", "either", "neither", "wont", "fails", "failing", "failed", "down", "error", "blank",
        "vide", "rien", "plus", "ne", "n", "erreur", "leer", "nichts", "nix", "fehler", "vacio", "nada",
        "tampoco", "ningun", "ninguno", "vuoto", "niente", "nulla", "neanche", "nemmeno", "errore", "vazio",
        "nenhum", "nenhuma", "erro",
    ]

    /// "Too", "either", folded, in the six languages: webmail fails as well as the app.
    static let tooWords: Set<String> = [
        "too", "either", "also", "neither", "aussi", "plus", "auch", "ebenfalls", "tampoco", "tambien", "anche",
        "neanche", "nemmeno", "tambem",
    ]

    /// Words that name the status page or an incident, folded, in the six languages.
    static let statusWords: Set<String> = [
        "status", "statuspage", "incident", "incidents", "outage", "outages", "maintenance", "statut", "etat",
        "panne", "pannes", "statusseite", "storung", "storungen", "stoerung", "wartung", "estado", "incidencia",
        "incidencias", "incidente", "incidentes", "caida", "averia", "mantenimiento", "stato", "incidenti",
        "guasto", "disservizio", "manutenzione", "interruzione", "falha", "manutencao", "interrupcao",
    ]

    /// Words that say there is nothing there, folded, in the six languages.
    static let nothingWords: Set<String> = [
        "nothing", "none", "green", "operational", "rien", "aucun", "aucune", "vert", "verte", "nichts", "keine",
        "kein", "grun", "nix", "nada", "ninguna", "ninguno", "ningun", "verde", "niente", "nulla", "nessun", "nessuna",
        "nessuno", "nenhum", "nenhuma",
    ]

    /// Negations that stand before a noun ("no incident", "pas d'incident", "not any outage").
    static let negationsBeforeNoun: Set<String> = ["no", "not", "pas", "sin", "senza", "sem", "non"]
}

extension ConversationEngine {
    /// Articles whose cause is stated only when the message gives evidence of it, with the folded words
    /// that are evidence in the six languages (storage, quota, the trash folder): a full mailbox is not the
    /// answer to "nothing arrives".
    static let evidenceWords: [String: Set<String>] = [
        "mailbox-full": [
            "full", "quota", "overquota", "storage", "space", "552", "pleine", "plein", "stockage", "espace",
            "voll", "speicher", "speicherplatz", "kontingent", "platz", "lleno", "llena", "cuota", "espacio",
            "almacenamiento", "pieno", "piena", "spazio", "archiviazione", "cheia", "cheio", "cota", "espaco",
            "armazenamento", "mailboxfull", "insufficient", "exceeded", "trash", "corbeille", "papierkorb", "papelera",
            "cestino", "lixo", "lixeira", "gb", "mb",
        ]
    ]

    /// Whether a text may be answered with `article`: always, unless the article needs evidence
    /// (``evidenceWords``) and neither the text, its codes, the last bounce nor the conversation (the
    /// article given before) gives any.
    func hasEvidence(for article: String, in text: String, codes: [FoundCode], _ session: Session) -> Bool {
        guard let evidence = Self.evidenceWords[article] else { return true }
        if session.articlesGiven.contains(article) || session.lastBounce?.reason == "mailboxfull" { return true }
        if codes.contains(where: { ["552", "452"].contains($0.reply) || $0.enhanced?.hasSuffix(".2.2") == true }) {
            return true
        }
        // A long paste is read from its start only: the evidence is in the person's words, not in pages of it.
        let text = text.utf8.count > Self.statementBytes ? String(text.prefix(Self.statementBytes)) : text
        // "storage at 100%", "the bar says 40%": a usage figure.
        if text.contains("%") { return true }
        let words = text.lowercased().folding(options: [.diacriticInsensitive], locale: nil)
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        return words.contains { evidence.contains(String($0)) }
    }

    /// On a receiving problem with a domain known, says once that its MX records can be checked now and
    /// suggests the check: where mail for the domain goes is one of the usual causes.
    func offerMXCheck(in reply: inout Reply, session: inout Session) {
        // Not when a check is already offered (the MX step offers its own).
        guard liveChecksWiring != nil, session.direction != .sending, !session.mxCheckSuggested, session.offer == nil,
            session.lastCheck == nil, let domain = session.rememberedTarget(needsIP: false), !domain.isEmpty
        else { return }
        session.mxCheckSuggested = true
        let command = "check mx \(domain)"
        reply.answer +=
            " "
            + tr(
                "I can also check where mail for \(domain) is delivered (its MX records) right away: type “\(command)”."
            )
        reply.suggestions = Array(reply.suggestions.prefix(2)) + [command] + reply.suggestions.dropFirst(2).prefix(1)
    }
}

extension ConversationEngine {
    /// The direction that fails when a message says the other one works ("empfangen geht", "j'envoie
    /// sans problème", "receiving is fine"): sending when receiving works, receiving when sending works;
    /// nil when it says neither.
    static func failingDirection(in text: String) -> Direction? {
        guard text.utf8.count <= statementBytes else { return nil }
        for clause in clauses(of: text.lowercased()) {
            let set = Set(clause)
            let works =
                (!set.isDisjoint(with: worksWords) && set.isDisjoint(with: negations))
                || zip(clause, clause.dropFirst()).contains { withoutWords.contains($0) && problemWords.contains($1) }
            guard works else { continue }
            let receives = !set.isDisjoint(with: receiveWords)
            let sends = !set.isDisjoint(with: sendWordsFolded)
            if receives != sends { return receives ? .sending : .receiving }
        }
        return nil
    }

    /// Words that say something works, folded, in the six languages ("recibo bien", "Empfang klappt").
    static let worksWords: Set<String> = fineWords.union([
        "bien", "gut", "klappt", "bene", "bem", "normal", "normally", "normalement", "normalmente", "normale",
    ])
    /// The most of a message read for a statement about the steps or for evidence (a few sentences).
    static let statementBytes = 2048
    /// "Without", "no", folded, in the six languages ("sans problème", "no problem", "ohne Probleme").
    static let withoutWords: Set<String> = [
        "without", "no", "sans", "aucun", "ohne", "keine", "sin", "ningun", "senza", "nessun", "sem", "nenhum",
    ]
    /// "Problem", folded, in the six languages.
    static let problemWords: Set<String> = [
        "problem", "problems", "issue", "issues", "probleme", "problemes", "souci", "soucis", "problemen", "problema",
        "problemas", "problemi",
    ]
    /// Words for receiving mail, folded, in the six languages.
    static let receiveWords: Set<String> = [
        "receive", "receiving", "received", "incoming", "inbound", "recois", "recoit", "recevoir", "reception",
        "recu", "recus", "empfangen", "empfang", "empfange", "eingang", "posteingang", "recibir", "recibo",
        "recepcion", "recibe", "entrada", "ricevere", "ricevo", "ricezione", "riceve", "arrivo", "receber", "recebo",
        "recepcao", "recebe",
    ]
    /// Words for sending mail, folded, in the six languages.
    static let sendWordsFolded: Set<String> = [
        "send", "sending", "sent", "outgoing", "outbound", "envoie", "envoyer", "envoi", "envoye", "senden",
        "sende", "versand", "verschicken", "postausgang", "enviar", "envio", "envia", "salida", "inviare", "invio",
        "invia", "uscita", "enviou", "saida",
    ]
}
