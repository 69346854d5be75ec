import Bounces
import ByteText
import Foundation
import Knowledge
import Localization

/// Everything MailDoctor reads from one message, built once (``MessageAnalysis``) and read by every later
/// stage instead of scanning the text again.
public struct Understanding: Sendable {
    /// The message, trimmed (at most ``ConversationEngine/maximumMessageBytes``).
    public var text: String
    /// The start of the message (4 KB), lower-cased.
    public var lower: String
    /// The words as the matcher sees them (folded: no case, no accents), in order.
    public var words: [String]
    /// The language the person's words point to; nil when no word tells (a code, "ok", a name).
    public var language: Language?
    /// How sure `language` is, from 0 to 1.
    public var languageConfidence: Double
    /// The conversational intents, best first, with their coverage of the message.
    public var intents: [IntentScore]
    /// The intent decided for this message (`complaint` when nothing else fits).
    public var intent: String
    /// The entities, each with whose it is.
    public var mentions: [Mention]
    /// The same entities in the session's form (one value per kind).
    public var entities: Entities
    /// SMTP reply and enhanced status codes in the text.
    public var codes: [FoundCode]
    /// The delivery report, when the message is (or contains) one.
    public var bounce: BounceReport?
    /// The articles ranked for the message.
    public var ranking: SearchResult
    /// Whether the words describe mail failing ("can't receive", "bounces", "lands in spam"), as a new
    /// complaint does and a follow-up question usually does not.
    public var describesFailure = false
    /// Whether the message has a cue of a check request ("check", "schau", "verifica"…), found once here.
    public var hasCheckCue = false

    /// The best intent's score, if it is `id`.
    public func score(of id: String) -> IntentScore? { intents.first { $0.id == id } }

    /// Whether the decided intent is a fact question (`fact-…`).
    public var isFactQuestion: Bool { intent.hasPrefix("fact-") }
}

/// The understanding stage: one pass over a message that builds its ``Understanding``.
public enum MessageAnalysis {
    /// Most words a dialog move ("yes", "why?", "tried that", "thanks!") has; a longer text is a complaint,
    /// a question or a request.
    static let dialogMoveTerms = 8
    /// Least share of a message's terms an intent must explain to be taken over the complaint default.
    static let minimumCoverage = 0.5
    /// Least coverage of a check request or a fact question, whose messages also carry a domain, an IP or
    /// topic words of their own.
    static let minimumRequestCoverage = 0.5
    /// How much better than the complaint reading another intent must score.
    static let complaintMargin = 1.2

    /// Lexicon concepts that describe mail failing (not a question about a value).
    static let failureConcepts: Set<String> = ["~cant-receive", "~cant-send", "~bounce"]
    /// Lexicon concepts of a new problem described (besides ``failureConcepts``): a follow-up question on a
    /// topic rarely names one.
    static let problemConcepts: Set<String> = [
        "~spam-folder", "~spam-block", "~mailbox-full", "~recipient-full", "~down", "~blocklist",
    ]

    /// How much of a message's start is read for commands and check requests.
    static let commandBytes = 4096

    /// Fewest terms of a message that can be declined as off topic; a shorter unknown one is read in the
    /// conversation's context instead.
    static let minimumStatementTerms = 3

    /// Builds the understanding of one message.
    public static func analyze(_ message: String, knowledge: KnowledgeService) -> Understanding {
        // A long paste is read once by the bounce reader; the other readers look at its start only, so no
        // full-length copy (trimmed, lower-cased) of a 10 MB message is made here.
        let trimmed = message.trimmed
        let text = trimmed.utf8.count == message.utf8.count ? message : String(trimmed)
        let lower = ConversationEngine.head(of: text, bytes: commandBytes).lowercased()
        let ranking = knowledge.index.search(text, limit: 5)
        let analysis = knowledge.index.textAnalyzer.analyze(ConversationEngine.head(of: text, bytes: 4096))
        let bounce = ConversationEngine.bounce(in: text)
        var entities = EntityExtractor.extract(from: text, providers: knowledge.providerWords)
        var mentions = MentionFinder.mentions(in: text, entities: entities)
        if let bounce {
            let fromBounce = EntityExtractor.extract(from: bounce)
            entities = entities.merged(with: fromBounce)
            mentions = MentionFinder.merge(mentions, with: MentionFinder.mentions(of: bounce))
        }
        // Names (domains, addresses, IPs) are no words of an intent: "oops, it's example.org" is all correction.
        let intents = knowledge.intents.classify(withoutNames(text))
        let failure = !Set(analysis.terms.keys).isDisjoint(with: failureConcepts)
        var intent = decide(
            intents: intents, termCount: analysis.terms.count, isBounce: bounce != nil, lower: lower,
            entities: entities, knowledge: knowledge, failure: failure, mentionsMail: analysis.mentionsMail)
        if bounce == nil, let answer = knowledge.intents.leadingAnswer(text),
            intent == "complaint" || intent == "yes" || intent == "no" || intent.hasSuffix("-with-content")
        {
            // "yes" / "no" alone, or followed by what the person adds ("no, they match and webmail works").
            intent = answer.following >= 2 ? answer.id + "-with-content" : answer.id
        }
        // "Is my domain ok? it's example.org" opens a question: no yes, whatever "ok" says.
        if ["yes", "no", "yes-with-content", "no-with-content"].contains(intent),
            let first = WordSplitter.words(in: String(lower.prefix(40))).first,
            ConversationEngine.questionOpeners.contains(first)
        {
            intent = "complaint"
        }
        // A fact question that also names a problem the ranking clearly places in another article is that
        // problem ("my mailbox is full, quota exceeded??" asks for no sending limit).
        if let fact = knowledge.intents.definition(intent), fact.kind == .fact,
            !Set(analysis.terms.keys).isDisjoint(with: problemConcepts), ranking.confidence == .confident,
            let top = ranking.hits.first?.id, top != fact.article
        {
            intent = "complaint"
        }
        // Nothing about email and no article near it: not MailDoctor's subject.
        if intent == "complaint", bounce == nil, !ranking.mentionsMail, analysis.terms.count >= minimumStatementTerms,
            (ranking.hits.first?.score ?? 0) < ConversationEngine.minimumOffTopicScore
        {
            // Unless a conversational intent explains a good part of it ("hold on, wrong address").
            // A question on how to do something takes no fact without its cue ("como faço para liberar
            // espaço?" asks no bigger mailbox); other short questions may ("which settings do I put in?").
            let howTo = opensHowTo(lower)
            let move = intents.first {
                $0.id != "complaint" && $0.coverage >= minimumRequestCoverage
                    && !(howTo && knowledge.intents.definition($0.id)?.kind == .fact
                        && !knowledge.intents.hasCue($0.id, in: lower))
            }
            intent = move?.id ?? "off-topic"
        }
        var language = withLetters(
            writtenLanguage(analysis, text: text), of: text, guesser: knowledge.intents.languages)
        if bounce != nil { language = pasteLanguage(text, whole: language, knowledge: knowledge) }
        return Understanding(
            text: text, lower: lower, words: analysis.words, language: language.0,
            languageConfidence: language.1, intents: intents, intent: intent, mentions: mentions,
            entities: entities, codes: ranking.codes, bounce: bounce, ranking: ranking,
            describesFailure: failure || !Set(analysis.terms.keys).isDisjoint(with: problemConcepts),
            hasCheckCue: knowledge.intents.hasCue("check-request", in: lower))
    }

    /// The language the person writes in. English error texts are often quoted inside a message in
    /// another language ("sul display c'è scritto: SMTP error 503 This mail server requires…"): three or
    /// more words of another language, a third of all cue words, make it that language.
    static func writtenLanguage(_ analysis: Analysis, text: String) -> (Language?, Double) {
        let detected = (analysis.detectedLanguage, analysis.languageConfidence)
        guard detected.0 != nil else { return languageSign(text).map { ($0, languageSignConfidence) } ?? detected }
        guard detected.0 == .english else { return detected }
        let total = analysis.languageCues.values.reduce(0, +)
        guard
            let (other, count) = analysis.languageCues.filter({ $0.key != .english }).max(by: { $0.value < $1.value }),
            count >= 3, count * 3 >= total
        else { return detected }
        return (other, Double(count) / Double(total))
    }

    /// The language from cue words (`cues`), weighed against what the letters of the words say
    /// (``LanguageGuesser``): many short messages carry no cue word of their own language ("le mie mail
    /// finiscono nello spam" has the French "le"; "configurar email no iphone" reads as English). The
    /// letters count only when the model is sure (0.9), and fully only from five words on.
    /// A non-English message the letters read as English keeps its cue words' language: it quotes an
    /// English error text.
    static func withLetters(_ cues: (Language?, Double), of text: String, guesser: LanguageGuesser) -> (
        Language?, Double
    ) {
        // Cue words that clearly name a language decide it (the letters of pasted names and English
        // headers, "me rebota esto: Reporting-MTA: dns…", can spell something else); the model is not run.
        if cues.0 != nil, cues.1 >= Session.languageSwitchConfidence { return cues }
        guard let guess = guesser.guess(text), guess.probability >= minimumLetterProbability,
            guess.letters >= minimumLetters
        else { return cues }
        // Under five words the letters may set a new conversation's language ("Statusseite?", "configurar
        // email no iphone"), never switch it: "por que pasa esto?" spells Portuguese too.
        let weight = guess.words >= minimumSwitchingWords ? 1 : guess.words == 1 ? 0.2 : 0.5
        var confidence = guess.probability * weight
        guard confidence > 0 else { return cues }
        // Spanish and Portuguese spell much alike ("preciso configurar smtp no plugin?"): their letters alone,
        // with no cue word of the language, never make it sure enough to switch between the two.
        if cues.0 != guess.language, guess.language == .spanish || guess.language == .portuguese {
            confidence = min(confidence, Session.closeLanguageSwitchConfidence - 0.05)
        }
        if cues.0 == guess.language { return (guess.language, max(cues.1, confidence)) }
        if let cue = cues.0, cue != .english, guess.language == .english { return cues }
        return confidence > cues.1 ? (guess.language, confidence) : cues
    }

    /// How probable the letters' language must be, against the other five, to count.
    static let minimumLetterProbability = 0.9
    /// Fewest letters read for the letters to count at all ("ok" tells nothing).
    static let minimumLetters = 5
    /// Fewest words (of two letters or more) whose letters alone may switch a conversation's language.
    static let minimumSwitchingWords = 5

    /// A message without any cue word may still tell its language by a lone accented verb: "é" is the
    /// Portuguese "is" ("qual é a porta smtp?"), "è" the Italian one ("qual è la porta?"); neither stands
    /// alone in French or Spanish. An opening "¿" or "¡" is written only in Spanish ("¿puerto smtp?").
    /// Only the person's message is read this way (the index's example texts keep their stemming), and
    /// only its first 512 bytes.
    static func languageSign(_ text: String) -> Language? {
        if text.unicodeScalars.prefix(512).contains(where: { $0 == "¿" || $0 == "¡" }) { return .spanish }
        // Words are split at every ASCII byte that is no letter or digit.
        for word in text.utf8.prefix(512).split(whereSeparator: { $0 < 0x80 && !ASCII.isAlnum($0) }) {
            guard word.count == 2, word.first == 0xC3 else { continue }
            if word.last == 0xA9 { return .portuguese }  // é
            if word.last == 0xA8 { return .italian }  // è
        }
        return nil
    }

    /// How sure a language sign (``languageSign(_:)``) makes the language: enough to set a conversation's
    /// language, never to switch it (see `Session.languageSwitchConfidence`).
    static let languageSignConfidence = 0.3

    /// The language of a message that pastes a bounce or a log: the person's own words around the paste
    /// tell it ("j'ai ça en retour :"); without any, the paste's own language is only a weak hint (it may
    /// set the conversation's language, never switch it: a French user pastes English bounces).
    static func pasteLanguage(
        _ text: String, whole: (Language?, Double), knowledge: KnowledgeService
    ) -> (Language?, Double) {
        let lines = ConversationEngine.head(of: text, bytes: 4096).split(separator: "\n").map(String.init)
        guard let first = lines.firstIndex(where: isPasted), let last = lines.lastIndex(where: isPasted) else {
            return whole
        }
        // The opening line, when the person wrote it ("recebi esse aviso:"), then everything outside the paste.
        var candidates = [(lines[..<first] + lines[(last + 1)...]).joined(separator: "\n")]
        if first > 0 { candidates.insert(ownPart(of: lines[0]), at: 0) }
        for own in candidates {
            let analysis = knowledge.index.textAnalyzer.analyze(own)
            let language = withLetters(
                (analysis.detectedLanguage, analysis.languageConfidence), of: own, guesser: knowledge.intents.languages)
            if let found = language.0 { return (found, language.1) }
        }
        // Nothing but the paste: a paste in another language than English is the person's own (a French
        // bounce, or words and code on one line); an English one is only a weak hint.
        if let language = whole.0, language != .english { return whole }
        return (whole.0, min(whole.1, Session.languageSwitchConfidence - 0.1))
    }

    /// How delivery notices begin (Postfix, Exim, Exchange, Gmail), lower case: such a line is pasted, not the
    /// person's own words ("mi torna indietro questo:" then "This is the mail system at host …").
    static let noticeOpenings: [String] = [  // data
        "this is the mail system", "i'm sorry to have to inform you", "delivery has failed",  // data
        "mail delivery failed", "your message couldn't be delivered", "delivery to the following",  // data
        "your message could not be delivered", "this message was created automatically",  // data
        "this is an automatically generated", "undeliverable:", "the following message to",  // data
        "** address not found **", "** message not delivered **",  // data
    ]

    /// Whether a line (leading blanks dropped) opens a delivery notice (``noticeOpenings``).
    static func opensNotice(_ line: Substring) -> Bool {
        let lower = line.prefix(48).lowercased()
        return noticeOpenings.contains(where: lower.hasPrefix)
    }

    /// The person's words of an opening line that runs on into the paste ("me rebota esto: Reporting-MTA:
    /// dns; …"): what comes before the first ": " that starts a pasted line.
    static func ownPart(of line: String) -> String {
        var searched = line[...]
        while let colon = searched.range(of: ": ") {
            if isPasted(String(line[colon.upperBound...])) { return String(line[..<colon.lowerBound]) }
            searched = line[colon.upperBound...]
        }
        return line
    }

    /// Whether a line reads as pasted from a bounce or a log rather than written by the person: an
    /// address in angle brackets, a header, a reply code with its enhanced code, a quote mark.
    static func isPasted(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        if trimmed.hasPrefix(">") || trimmed.hasPrefix("---") { return true }
        if opensNotice(trimmed) { return true }
        if trimmed.contains("<"), trimmed.contains("@") { return true }
        return isHeaderLine(trimmed) || hasReplyAndEnhancedCode(trimmed)
    }

    /// `Name: value`: a letter, 1 to 30 letters or hyphens, a colon, a space and a visible character.
    /// (Byte scans, not regex literals: a literal is parsed again at every call, a tenth of a message's cost.)
    static func isHeaderLine(_ line: Substring) -> Bool {
        let bytes = line.utf8
        guard let first = bytes.first, ASCII.isAlpha(first) else { return false }
        let name = bytes.dropFirst().prefix { ASCII.isAlpha($0) || $0 == UInt8(ascii: "-") }
        guard (1...30).contains(name.count) else { return false }
        let rest = bytes[name.endIndex...]
        guard rest.starts(with: [ASCII.colon, ASCII.space]) else { return false }
        return line[rest.index(rest.startIndex, offsetBy: 2)...].first.map { !$0.isWhitespace } ?? false
    }

    /// A reply code and an enhanced code as a word: `550 5.1.1`, `421-4.7.0` (first digits 2, 4 or 5).
    static func hasReplyAndEnhancedCode(_ line: Substring) -> Bool {
        let bytes = Array(line.utf8)
        func isClassDigit(_ byte: UInt8) -> Bool { byte == 0x32 || byte == 0x34 || byte == 0x35 }
        func isWordByte(_ byte: UInt8) -> Bool { ASCII.isAlnum(byte) || byte == UInt8(ascii: "_") || byte >= 0x80 }
        // Unicode word boundaries: digits joined by ".", ",", ";" or "'" are one word ("5.1.1.2").
        func isNumberJoiner(_ byte: UInt8) -> Bool {
            byte == ASCII.dot || byte == UInt8(ascii: ",") || byte == ASCII.semicolon || byte == UInt8(ascii: "'")
        }
        func isBoundaryBefore(_ index: Int) -> Bool {
            guard index > 0 else { return true }
            let previous = bytes[index - 1]
            return !isWordByte(previous) && !(isNumberJoiner(previous) && index > 1 && ASCII.isDigit(bytes[index - 2]))
        }
        func isBoundaryAt(_ index: Int) -> Bool {
            guard index < bytes.count else { return true }
            let next = bytes[index]
            return !isWordByte(next)
                && !(isNumberJoiner(next) && index + 1 < bytes.count && ASCII.isDigit(bytes[index + 1]))
        }
        var start = 0
        while start + 9 <= bytes.count {
            defer { start += 1 }
            guard isClassDigit(bytes[start]), isBoundaryBefore(start),
                ASCII.isDigit(bytes[start + 1]), ASCII.isDigit(bytes[start + 2]),
                bytes[start + 3] == ASCII.space || bytes[start + 3] == UInt8(ascii: "-"),
                let end = SMTPCodes.enhancedCodeEnd(in: bytes, at: start + 4)
            else { continue }
            if isBoundaryAt(end) { return true }
        }
        return false
    }

    /// Punctuation around a token that may be a name ("(example.org)", "bob@example.org,").
    private static let nameTrimming = CharacterSet(charactersIn: "?!.,;:\"'()[]<>«»")

    /// The text without the tokens that are names (`example.org`, `bob@example.org`, `192.0.2.1`,
    /// `[2001:db8::1]`); a long text is returned as it is (intents are not matched on it anyway).
    static func withoutNames(_ text: String) -> String {
        guard text.utf8.count <= commandBytes, text.utf8.contains(where: { $0 == 0x2E || $0 == 0x40 || $0 == 0x3A })
        else { return text }
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        let kept = tokens.filter { token in
            let core = token.trimmingCharacters(in: nameTrimming)
            let dotted = core.contains(".") && core.split(separator: ".").count >= 2
            return !(dotted || core.contains("@") || core.filter { $0 == ":" }.count >= 2)
        }
        return kept.count == tokens.count ? text : kept.joined(separator: " ")
    }

    /// Whether a text opens by asking how to do something ("how do I…", "come faccio…"), not how much.
    static func opensHowTo(_ lower: String) -> Bool {
        ConversationEngine.opensHowTo(
            WordSplitter.words(in: String(lower.prefix(80))).prefix(3).map {
                $0.folding(options: .diacriticInsensitive, locale: nil)
            })
    }

    /// The best intent, except that a fact question without its cue gives way to a dialog move that follows
    /// it ("where do I see that" names no status page: it asks how).
    static func topIntent(_ intents: [IntentScore], lower: String, knowledge: KnowledgeService) -> IntentScore? {
        let uncuedFact = { (score: IntentScore) in
            knowledge.intents.definition(score.id)?.kind == .fact && !knowledge.intents.hasCue(score.id, in: lower)
        }
        guard let first = intents.first, uncuedFact(first),
            let next = intents.first(where: { !uncuedFact($0) }),
            knowledge.intents.definition(next.id)?.kind == .dialog, next.id != "complaint", next.id != "check-request"
        else { return intents.first }
        return next
    }

    /// The intent of a message from its intent scores: a dialog move must explain most of a short message;
    /// a check request or a fact question a good part of it; anything else is a complaint.
    static func decide(
        intents: [IntentScore], termCount: Int, isBounce: Bool, lower: String, entities: Entities,
        knowledge: KnowledgeService, failure: Bool = false, mentionsMail: Bool = false
    ) -> String {
        if isBounce { return "complaint" }
        if (try? CheckRequest.parse(lower)) != nil || CheckRequest.namedChecks(lower) != nil { return "check-request" }
        guard let top = topIntent(intents, lower: lower, knowledge: knowledge), top.id != "complaint" else {
            return "complaint"
        }
        // Something about email that "does not work" is no chat about something else.
        if top.id == "off-topic", mentionsMail || failure { return "complaint" }
        let kind = knowledge.intents.definition(top.id)?.kind ?? .dialog
        // A message that describes a failure ("I can't receive mail…, are my MX records right?") is a
        // complaint, even when it ends in a question about a fact.
        if kind == .fact, failure { return "complaint" }
        if kind == .fact || top.id == "check-request" {
            // A question or request that reads about as much like a complaint is one; a request must ask.
            let complaint = intents.first { $0.id == "complaint" }?.score ?? 0
            guard top.score >= complaint * complaintMargin, knowledge.intents.hasCue(top.id, in: lower) else {
                return "complaint"
            }
        }
        switch (kind, top.id) {
        case (.fact, _), (_, "check-request"):
            return top.coverage >= minimumRequestCoverage ? top.id : "complaint"
        case (_, "correction"):
            return top.coverage >= minimumRequestCoverage ? top.id : "complaint"
        default:
            return termCount <= dialogMoveTerms && top.coverage >= minimumCoverage ? top.id : "complaint"
        }
    }
}
