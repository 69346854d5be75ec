import ByteText
import Foundation

/// Reads pasted fragments: an SMTP reply (with `550-5.7.26` continuation lines), a few lines of an
/// NDR, a mail client's error dialog text, or an MTA log line.
enum FragmentParser {
    /// Words that show a text is about a failed delivery even without a code (lower case).
    static let failureCues = [
        "undeliverable", "could not be delivered", "couldn't be delivered", "delivery failed", "delivery incomplete",
        "delivery has failed", "failed permanently", "temporary problem delivering", "returned to sender",
        "mailer-daemon", "non remis", "unzustellbar", "not delivered", "delivery status notification",
        "mail delivery failed", "message not delivered", "rejected your message", "rejected by the server",
    ].map { Array($0.utf8) }

    /// The delivery report of the mail server log entries in a text, or nil when it has none (for text
    /// that looks like a message: `Get-MessageTrackingLog` output reads as a header block).
    static func logReport(_ bytes: [UInt8]) -> BounceReport? {
        let text = Charset.toUTF8(
            Lines.normaliseBreaks(Array(bytes.prefix(BounceDocument.maxReportBytes))), charset: nil)
        let lines = Lines.split(text).map(clean)
        let logged = LogLine.all(in: lines)
        guard !logged.isEmpty else { return nil }
        let recipients = logRecipients(logged, sender: LogLine.sender(in: lines), joined: "")
        return recipients.isEmpty ? nil : report(recipients, lines: lines)
    }

    /// A report for text that has no message headers.
    static func parse(_ bytes: [UInt8]) -> BounceReport {
        let text = Charset.toUTF8(
            Lines.normaliseBreaks(Array(bytes.prefix(BounceDocument.maxReportBytes))), charset: nil)
        let lines = Lines.split(text).map(clean)
        let joined = TextTools.sweep(lines.map(ReportText.string).joined(separator: " "))
        guard !joined.isEmpty else { return .unreadable("there is no text in it.") }

        // Mail server log lines, alone or among the person's own words: each is a delivery report.
        var logged = LogLine.all(in: lines)
        // A single log line wrapped over several lines by a mail program reads as one.
        if logged.isEmpty, joined.utf8.count < 4_096, LogLine.shape(joined).candidate,
            let wrapped = LogLine.parse(joined)
        {
            logged = [wrapped]
        }
        if !logged.isEmpty {
            let recipients = logRecipients(logged, sender: LogLine.sender(in: lines), joined: joined)
            if !recipients.isEmpty { return report(recipients, lines: lines) }
        }

        // What the whole paste says once, for every recipient: the host it introduces itself as and a
        // server reply it quotes.
        // (Both sit near the start of a notice: the first 32 KB are read, so a long paste costs no more.)
        let head = joined.utf8.count > 32_768 ? String(decoding: joined.utf8.prefix(32_768), as: UTF8.self) : joined
        let context = Context(
            reportingHost: Roles.reportingHost(in: head), quoted: Roles.serverText(in: head, quotedOnly: true))

        // A pasted DSN keeps its fields: read it the way a full message is read.
        let document = BounceDocument(
            headers: HeaderBlock(), subject: "", from: "", report: lines, hasDeliveryStatusPart: false,
            hasFeedbackPart: false, original: nil, attachedMessage: nil, isSinglePart: true, truncated: false)
        if let extraction = DSNRecogniser().extract(document) {
            let recipients = extraction.facts.compactMap { finalise($0, joined: joined, context: context) }
            if !recipients.isEmpty { return report(recipients, lines: lines) }
        }
        let blocks = GenericTextRecogniser.blocks(lines).filter { !$0.diagnosis.isEmpty && hasEvidence($0.diagnosis) }
        if !blocks.isEmpty {
            var recipients = [BounceRecipient]()
            for var fact in blocks {
                fact.command = SMTPCommand.find(fact.diagnosis)
                if let recipient = finalise(fact, joined: joined, context: context) { recipients.append(recipient) }
            }
            if !recipients.isEmpty { return report(recipients, lines: lines) }
        }
        guard hasEvidence(joined) else { return BounceReport(isBounce: false, kind: .notBounce) }

        var fact = DeliveryFacts()
        let reply = replyText(lines)
        fact.diagnosis = reply ?? joined
        fact.recipient = recipient(in: reportPart(lines, joined: joined)) ?? ""
        fact.command = SMTPCommand.find(joined)
        guard var recipient = finalise(fact, joined: joined, context: context) else {
            return BounceReport(isBounce: false, kind: .notBounce)
        }
        if reply == nil {
            // The whole paste stood in for the diagnostic: the server's words are only the line that
            // carries the code, from the code on, never the person's own sentences around it.
            recipient.serverText = codeLine(lines)
        }
        return report([recipient], lines: lines)
    }

    /// Recipients of the log entries in a paste, one per logged address.
    private static func logRecipients(_ entries: [LogLine], sender: String, joined: String) -> [BounceRecipient] {
        var recipients: [BounceRecipient] = []
        for entry in entries {
            for address in entry.recipients {
                var fact = DeliveryFacts()
                fact.recipient = address
                fact.status = entry.dsn
                fact.diagnosis = entry.diagnosis
                fact.remoteMTA = entry.relay
                fact.reportingMTA = entry.reportingHost
                fact.command = SMTPCommand.find(entry.diagnosis)
                switch entry.status {
                case "bounced": fact.action = "failed"
                case "deferred": fact.action = "delayed"
                case "sent": fact.action = "delivered"
                default: break
                }
                guard var recipient = FactBuilder.finalise(fact, received: nil) else { continue }
                if recipient.remoteServer.isEmpty || recipient.remoteServer == entry.relay {
                    recipient.remoteServer = entry.relay
                    if !entry.relayIP.isEmpty { recipient.remoteIP = entry.relayIP }
                }
                if recipient.remoteServer.isEmpty, recipient.remoteIP.isEmpty { recipient.remoteIP = entry.relayIP }
                if recipient.reportingServer.isEmpty { recipient.reportingServer = entry.reportingHost }
                if recipient.sendingDomain.isEmpty, !sender.isEmpty {
                    recipient.sendingDomain = AddressText.domain(of: sender).asciiLowercased
                }
                if fact.action == "delivered" {
                    recipient.action = "delivered"
                    recipient.hardBounce = false
                }
                recipients.append(recipient)
            }
        }
        return recipients
    }

    /// Header names of a quoted original message: their addresses are the original's, not the failed recipient.
    private static let quotedHeaders = ["from:", "to:", "cc:", "bcc:", "reply-to:", "sender:", "return-path:", "date:"]

    /// The report's own text: the lines before a quoted original message, without header lines.
    private static func reportPart(_ lines: [[UInt8]], joined: String) -> String {
        let (head, tail) = ReportText.split(lines, at: GenericTextRecogniser.originalMarkers)
        let headers = head.indices.filter { isQuotedHeader(head[$0]) }
        if tail.isEmpty && headers.isEmpty { return joined }
        let kept = head.indices.filter { !headers.contains($0) }.map { ReportText.string(head[$0]) }
        return TextTools.sweep(kept.joined(separator: " "))
    }

    /// True for a line that starts with one of ``quotedHeaders`` (leading blanks skipped, any case).
    private static func isQuotedHeader(_ line: [UInt8]) -> Bool {
        var start = 0
        while start < line.count, line[start] == ASCII.space { start += 1 }
        guard start < line.count, ASCII.isAlpha(line[start]) else { return false }
        let prefix = line[start..<min(line.count, start + 13)].map { ASCII.isAlpha($0) ? $0 | 0x20 : $0 }
        return quotedHeaders.contains { prefix.starts(with: $0.utf8) }
    }

    /// Words after a code that show a person describing the reply ("a 432 error saying …").
    private static let describingWords: Set<String> = [
        "error", "errors", "error:", "code", "reply", "response", "message", "bounce", "bounces", "fehler",
        "erreur",
    ]

    /// The first line with a reply or status code, from the code on ("" when none). A pasted report's
    /// `Diagnostic-Code:` field comes first, and a line with a code and nothing after it (`Status: 5.7.26`)
    /// counts only when no line says more.
    private static func codeLine(_ lines: [[UInt8]]) -> String {
        if let diagnostic = diagnosticField(lines) { return diagnostic }
        var bare = ""
        for bytes in lines {
            let line = ReportText.string(bytes)
            let quoted = Roles.serverText(in: line, quotedOnly: true)
            if !quoted.isEmpty { return quoted }
            // The earlier of the reply code and the status code ("fails with 504 5.5.2 …" → "504 5.5.2 …").
            let starts = [ReplyCode.find(line), StatusCode.find(line)].filter { !$0.isEmpty }.compactMap {
                line.rangeOfBytes($0)?.lowerBound
            }
            guard let start = starts.min() else { continue }
            let words = Roles.withoutPersonsWords(TextTools.sweep(String(line[start...]))).trimming("'\"")
            // "a 432 error saying …" is the person telling about the reply, not the reply itself.
            let next = words.split(separator: " ").dropFirst().first.map { $0.lowercased() } ?? ""
            if describingWords.contains(next) { return "" }
            if words.contains(" ") { return words }
            if bare.isEmpty { bare = words }
        }
        return bare
    }

    /// The value of a pasted `Diagnostic-Code:` field without its type (`smtp; 550 5.7.26 …` → `550 5.7.26 …`),
    /// with its folded continuation lines; nil when the paste has no such field with words in it.
    private static func diagnosticField(_ lines: [[UInt8]]) -> String? {
        let name = Array("diagnostic-code:".utf8)
        for (index, bytes) in lines.enumerated() {
            let line = Array(ReportText.string(bytes).utf8)
            // ASCII lower-casing keeps every byte in place.
            guard let at = ByteSearch.find(name, in: line.map { ASCII.isAlpha($0) ? $0 | 0x20 : $0 }) else {
                continue
            }
            var value = String(decoding: line[(at + name.count)...], as: UTF8.self)
            for next in lines[(index + 1)...].prefix(8) {
                guard let first = next.first, first == ASCII.space || first == UInt8(ascii: "\t") else { break }
                value += " " + ReportText.string(next)
            }
            if let semicolon = value.firstIndex(of: ";") { value = String(value[value.index(after: semicolon)...]) }
            let words = Roles.serverText(in: TextTools.sweep(value))
            return words.contains(" ") ? words : nil
        }
        return nil
    }

    private static func report(_ recipients: [BounceRecipient], lines: [[UInt8]]) -> BounceReport {
        let bounce = recipients.contains { $0.action != "delivered" && !$0.status.hasPrefix("2.") }
        var report = BounceReport(isBounce: bounce, kind: .fragment, recipients: recipients)
        if let sender = quotedSender(lines) {
            // The quoted original's `From:` is the person who sent it: the domain whose SPF, DKIM and DMARC
            // an authentication failure is about, when the server's words name none.
            report.sender = sender
            let domain = AddressText.domain(of: sender).asciiLowercased
            for index in report.recipients.indices
            where report.recipients[index].sendingDomain.isEmpty && HostText.isHostName(domain) {
                report.recipients[index].sendingDomain = domain
            }
        }
        return report
    }

    /// `From:` in the languages of mail programs' quoted headers (Outlook writes `Von:`, `De :`, `Da:`).
    private static let senderHeaders = ["from", "von", "de", "da"].map { Array($0.utf8) }

    /// The address of the first line that is a quoted original's sender header (`From: Name <a@b.example>`,
    /// `Von: a@b.example`, `De : …`), nil when no line is one.
    static func quotedSender(_ lines: [[UInt8]]) -> String? {
        for bytes in lines.prefix(400) {
            var start = 0
            while start < bytes.count, bytes[start] == ASCII.space || bytes[start] == UInt8(ascii: "\t") {
                start += 1
            }
            guard let colon = bytes[start...].prefix(6).firstIndex(of: ASCII.colon) else { continue }
            // The name is the line's first word, alone: "De :" keeps French spacing.
            let name = bytes[start..<colon].filter { $0 != ASCII.space }.map { ASCII.isAlpha($0) ? $0 | 0x20 : $0 }
            guard senderHeaders.contains(name) else { continue }
            let value = String(decoding: bytes[(colon + 1)...], as: UTF8.self)
            let address = AddressText.clean(value.trimmingCharacters(in: .whitespaces))
            if AddressText.isEmailAddress(address) { return address }
        }
        return nil
    }

    /// Finalises a fragment fact; a fragment may have no recipient address at all.
    /// Roles read from the whole paste rather than from one recipient's lines.
    private struct Context {
        var reportingHost: String
        var quoted: String
    }

    private static func finalise(_ given: DeliveryFacts, joined: String, context: Context) -> BounceRecipient? {
        var input = given
        if !context.quoted.isEmpty, !hasCode(input.diagnosis), hasCode(context.quoted) {
            // The lines read as this recipient's diagnostic hold no code ("Your message couldn't be delivered."),
            // while the paste quotes the server elsewhere (Exchange's "Remote Server returned '550 5.7.1 …'"):
            // the server's words are the diagnostic.
            input.diagnosis = context.quoted
        }
        var fact = input
        let placeholder = !AddressText.isEmailAddress(AddressText.clean(fact.recipient))
        if placeholder { fact.recipient = "unknown@fragment.invalid" }
        if fact.remoteMTA.isEmpty { fact.remoteMTA = HostText.remoteHost(in: fact.diagnosis) }
        if fact.remoteMTA.isEmpty { fact.remoteMTA = anyHost(in: joined) }
        guard var recipient = FactBuilder.finalise(fact, received: nil) else { return nil }
        if placeholder { recipient.address = "" }
        // The roles come from what the text says, not from the guessed host above.
        Roles.fill(&recipient, fact: input)
        if recipient.reportingServer.isEmpty { recipient.reportingServer = context.reportingHost }
        if recipient.remoteServer == recipient.reportingServer { recipient.remoteServer = "" }
        // "The error that the other server returned was: …" may sit outside the block read as the diagnostic.
        if recipient.serverText.isEmpty { recipient.serverText = context.quoted }
        // Without the SMTP command a fragment cannot tell a content filter from an unknown user:
        // an explicit "unknown user" text wins.
        if recipient.reason == "filtered", recipient.command.isEmpty,
            StatusCode.reasonName(recipient.status) != "filtered",
            ReasonPatternTable.matches("userunknown", ASCII.lowered(recipient.diagnostic))
        {
            recipient.reason = "userunknown"
            recipient.hardBounce = true
        }
        return recipient
    }

    /// True when the text carries a reply or a status code.
    private static func hasCode(_ text: String) -> Bool {
        !ReplyCode.find(text).isEmpty || !StatusCode.find(text).isEmpty
    }

    /// True when the text carries a reply code, a status code, a known error phrase or a failure cue.
    static func hasEvidence(_ text: String) -> Bool {
        let reply = ReplyCode.find(text)
        if !reply.isEmpty && replyLooksReal(text, reply) { return true }
        if !StatusCode.find(text).isEmpty { return true }
        let lowered = ASCII.lowered(text)
        let hits = ReasonMatcher.shared.hits(lowered)
        if ReasonClassifier.firstPass.contains(where: { hits.has($0) }) { return true }
        if ReasonClassifier.fallbackPass.contains(where: { hits.has($0) }) { return true }
        return failureCues.contains { ByteSearch.contains(lowered, $0) }
    }

    /// Tabs as spaces, quote marks ("> ") removed.
    private static func clean(_ line: [UInt8]) -> [UInt8] {
        var copy = line
        for index in copy.indices where copy[index] == ASCII.tab { copy[index] = ASCII.space }
        var start = 0
        while start < copy.count, copy[start] == ASCII.greaterThan {
            start += 1
            if start < copy.count, copy[start] == ASCII.space { start += 1 }
        }
        return start == 0 ? copy : Array(copy[start...])
    }

    /// The SMTP reply text when the fragment has reply lines (`550-…` continuation lines joined). The
    /// reply ends at an empty line, a Markdown code fence or a question: what follows is the person's own.
    static func replyText(_ lines: [[UInt8]]) -> String? {
        var parts = [String]()
        for line in lines {
            let text = ReportText.string(line).trimmingCharactersBlank()
            if !parts.isEmpty, text.isEmpty || text.hasPrefix("```") || text.hasSuffix("?") || text.hasSuffix("？") {
                break
            }
            let bytes = Array(text.utf8)
            guard bytes.count >= 4, ASCII.isDigit(bytes[0]), ASCII.isDigit(bytes[1]), ASCII.isDigit(bytes[2]),
                bytes[3] == ASCII.space || bytes[3] == ASCII.hyphen
            else {
                if !parts.isEmpty { parts.append(text) }
                continue
            }
            parts.append(text)
        }
        return parts.isEmpty ? nil : TextTools.sweep(parts.joined(separator: " "))
    }

    /// A 3-digit number counts as a reply code only at a line start or after "said:"/"error"-like words.
    private static func replyLooksReal(_ text: String, _ code: String) -> Bool {
        let lowered = text.lowercased()
        if lowered.hasPrefix(code) { return true }
        for marker in [
            "said: ", "error: ", "returned ", "response: ", "reply: ", ": ", "smtp; ", "status: ", "(", "code ", "\"",
            "`", "<<",
        ] {
            if lowered.containsBytes(marker + code) { return true }
        }
        return lowered.containsBytes(" \(code) ")
            && (lowered.containsBytes("smtp") || lowered.containsBytes("mail") || lowered.containsBytes("server"))
    }

    private static func recipient(in text: String) -> String? {
        // Prefer an address in angle brackets (RCPT TO:<…>, <user@host>: …).
        var rest = Substring(text)
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "<")),
            let close = rest[open...].utf8.firstIndex(of: UInt8(ascii: ">"))
        {
            let inner = String(rest[rest.index(after: open)..<close])
            if AddressText.isEmailAddress(inner) { return inner }
            rest = rest[rest.index(after: close)...]
        }
        return AddressText.first(in: text)
    }

    /// Name parts of blocklists and web services quoted in rejections, never the rejecting server.
    private static let notServers = [
        "spamhaus", "spamcop", "barracudacentral", "sorbs", "dnsbl", "rbl.", "uribl", "support.",
    ]

    /// The first token that looks like a mail host ("[mx.example.jp]", "mx1.example.com:") in the text.
    private static func anyHost(in text: String) -> String {
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            // Three labels or more: a token with fewer than two dots is no candidate.
            guard token.utf8.lazy.filter({ $0 == UInt8(ascii: ".") }).count >= 2 else { continue }
            let candidate = String(token).trimming("[]()<>,;:.'\"`")
            if candidate.containsBytes("@") || candidate.hasPrefix("http") || candidate.containsBytes("/") { continue }
            // Blocklist zones and web sites named in the text are not the receiving server.
            let lowered = candidate.lowercased()
            if lowered.hasPrefix("www.") || notServers.contains(where: { lowered.containsBytes($0) }) { continue }
            if HostText.isHostName(candidate), candidate.split(separator: ".").count >= 3,
                !HostText.endsInCamelCase(candidate)
            {
                return candidate.lowercased()
            }
        }
        return ""
    }
}
