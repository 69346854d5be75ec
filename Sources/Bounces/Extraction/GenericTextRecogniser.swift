import ByteText

/// Last-resort reader for bounce-looking messages in no known format: finds recipient lines and
/// the error text that follows them, or falls back to X-Failed-Recipients.
struct GenericTextRecogniser: Recogniser {
    let name = "GenericText"

    private static let bounceSubjects = [
        "undeliver", "undelivered", "delivery fail", "delivery status", "returned mail", "failure notice",
        "mail delivery", "delivery problem", "could not be delivered", "non remis", "unzustellbar", "nicht zustellbar",
        "non recapitabile", "no se puede entregar", "delivery notification", "mail system error",
        "message not delivered",
    ]
    private static let senderHints = [
        "mailer-daemon", "postmaster", "mail delivery", "mail administrator", "mail-daemon",
    ]
    static let originalMarkers = [
        "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers",
        "--- Below this line is a copy of the message",
        "------ This is a copy of the message", "----- Original message", "-----Original Message-----",
        "   ----- Original message follows -----", "   ----- Message header follows -----",
        "--- Original message follows",
        "Original message header:", "The original message was:", "Message headers follow",
    ]

    /// True when headers look like an automated delivery failure notice.
    static func looksLikeBounce(_ document: BounceDocument) -> Bool {
        if document.headers.has("x-failed-recipients") { return true }
        let subject = document.subject.lowercased()
        let sender = document.from
        let bySubject = bounceSubjects.contains { subject.containsBytes($0) }
        let bySender = senderHints.contains { sender.containsBytes($0) } || document.header("return-path") == "<>"
        return bySubject || (bySender && !subject.hasPrefix("re:"))
    }

    func extract(_ document: BounceDocument) -> Extraction? {
        guard Self.looksLikeBounce(document) else { return nil }
        let (head, tail) = ReportText.split(document.report, at: Self.originalMarkers)
        let lines = Array(head)
        var facts = Self.blocks(lines)
        if facts.isEmpty, let failed = document.headers.text("x-failed-recipients") {
            let text = TextTools.sweep(
                lines.filter { !ReplyCode.find(ReportText.string($0)).isEmpty }.map(ReportText.string).joined(
                    separator: " "))
            for part in failed.split(separator: ",") {
                var fact = DeliveryFacts()
                fact.recipient = AddressText.clean(String(part))
                fact.diagnosis = text
                facts.append(fact)
            }
        }
        if facts.isEmpty, let fact = Self.sentenceFact(lines, document) { facts = [fact] }
        facts = facts.filter {
            AddressText.isEmailAddress($0.recipient) && !$0.diagnosis.isEmpty
                || document.headers.has("x-failed-recipients")
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            facts[index].command = SMTPCommand.find(facts[index].diagnosis)
        }
        return Extraction(
            facts: facts, kind: .vendor, recogniser: name,
            original: document.original ?? ReportText.originalHeaders(tail))
    }

    /// One recipient named in a sentence ("Your message to bob@example.org has been blocked") with the
    /// SMTP reply lines quoted elsewhere in the notice; the notice's own From/To addresses are skipped.
    static func sentenceFact(_ lines: [[UInt8]], _ document: BounceDocument) -> DeliveryFacts? {
        guard let reply = FragmentParser.replyText(lines), !ReplyCode.find(reply).isEmpty else { return nil }
        let own = Set(
            ["from", "to", "return-path", "reply-to"].compactMap { document.headers.text($0) }.map {
                AddressText.clean($0).lowercased()
            })
        for line in lines where line.contains(ASCII.at) {
            let text = ReportText.string(line)
            guard let address = AddressText.first(in: text), !own.contains(address.lowercased()) else { continue }
            var fact = DeliveryFacts()
            fact.recipient = address
            fact.diagnosis = reply
            return fact
        }
        return nil
    }

    /// Recipient blocks in free text: a recipient line and the error lines that follow it.
    static func blocks(_ lines: [[UInt8]]) -> [DeliveryFacts] {
        var facts = [DeliveryFacts]()
        var index = 0
        while index < lines.count {
            guard let address = recipient(on: lines[index]) else {
                index += 1
                continue
            }
            var fact = DeliveryFacts()
            fact.recipient = address.0
            var text = address.1
            var look = index + 1
            var taken = 0
            while look < lines.count, taken < 8, !startsBlock(lines[look], after: address.0) {
                if lines[look].isBlankLine {
                    if taken > 0 || !text.isEmpty { break }
                    look += 1
                    continue
                }
                text += " " + ReportText.string(lines[look])
                taken += 1
                look += 1
            }
            fact.diagnosis = TextTools.sweep(text)
            if !facts.contains(where: { $0.recipient == fact.recipient }) { facts.append(fact) }
            index = look
        }
        return facts
    }

    /// True when `line` starts a new recipient block: a recipient line, unless it is an indented
    /// continuation that repeats the current address (Postfix wraps "said: 450 4.2.2\n    <addr>: …").
    private static func startsBlock(_ line: [UInt8], after current: String) -> Bool {
        guard let found = recipient(on: line) else { return false }
        let indented = line.first == ASCII.space || line.first == ASCII.tab
        return !(indented && found.0.lowercased() == current.lowercased())
    }

    /// A recipient line: the address alone (optionally in <>), or "<address>: error text" / "address: error text".
    static func recipient(on line: [UInt8]) -> (String, String)? {
        guard line.contains(ASCII.at), line.count < 400 else { return nil }
        let text = ReportText.string(line).trimmingCharactersBlank()
        if text.hasPrefix("<"), let close = text.utf8.firstIndex(of: UInt8(ascii: ">")) {
            let address = AddressText.clean(String(text[...close]))
            guard AddressText.isEmailAddress(address) else { return nil }
            let rest = text[text.index(after: close)...].trimming(": ")
            if rest.hasPrefix("(") && !rest.containsBytes(":") { return nil }
            return (address, rest)
        }
        let token = text.split(separator: " ").first.map(String.init) ?? text
        let address = token.trimming(":,;")
        guard AddressText.isEmailAddress(address), !address.containsBytes("<") else { return nil }
        let rest = text.dropFirst(token.count).trimming(": ")
        if text.count > token.count && !token.hasSuffix(":") { return nil }
        return (address, rest)
    }
}
