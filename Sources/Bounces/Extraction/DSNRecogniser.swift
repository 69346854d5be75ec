import ByteText

/// Reads RFC 3464 delivery status notifications from any MTA (the generic machine-readable path).
///
/// Per-recipient fields come from the delivery-status part; the human-readable text before it is
/// kept too, because it often carries the real SMTP reply that the `Diagnostic-Code:` shortens.
struct DSNRecogniser: Recogniser {
    let name = "RFC3464"

    private static let boundaries = [
        "Content-Type: message/rfc822", "Content-Type: text/rfc822-headers", "Content-Type: message/partial",
        "Content-Disposition: inline",
    ]
    private static let boundaryBytes = boundaries.map { Array($0.utf8) }
    private static let returnPath = Array("Return-Path:".utf8)
    private static let xPrefix = Array("X-".utf8)
    private static let colonSpace = Array(": ".utf8)
    private static let contentPrefix = Array("Content-".utf8)
    private static let hyphens = Array("--".utf8)
    private static let skippedLeadIns = [
        "Content-", "This is a MIME", "This is a multi", "This is an auto", "This multi-part", "###", "***", "--",
    ].map { Array($0.utf8) }

    /// Finds the delivery-status fields, reads them per recipient, then settles each recipient's
    /// diagnostic and codes with the human-readable text before the fields.
    func extract(_ document: BounceDocument) -> Extraction? {
        let (body, tail) = Self.statusBody(document.report)
        var reading = Self.readFields(body)
        guard Self.settleCodes(&reading) else { return nil }
        let facts = reading.facts.filter { !$0.recipient.isEmpty }
        guard !facts.isEmpty else { return nil }
        return Extraction(facts: facts, kind: .dsn, recogniser: name, original: ReportText.originalHeaders(tail))
    }

    /// The report lines up to the original message (with a status-part marker where a plain-text DSN
    /// had none), and the lines of the original message after them.
    private static func statusBody(_ report: [[UInt8]]) -> (body: [[UInt8]], tail: ArraySlice<[UInt8]>) {
        var lines = report
        // A plain-text DSN: the original starts at a "Return-Path:" after a blank line.
        if !lines.contains(where: { line in boundaryBytes.contains { line.hasPrefixBytes($0) } }),
            let index = lines.indices.first(where: {
                $0 > 0 && lines[$0 - 1].isEmpty && lines[$0].hasPrefixBytes(returnPath)
            })
        {
            lines.insert(BounceDocument.originalMarker, at: index)
        }
        // Text before the delivery-status part may quote the original's headers (Content-Disposition,
        // Content-Type lines): only a boundary after the status part ends the report.
        let statusStart = lines.firstIndex { $0.hasPrefixBytes(BounceDocument.deliveryStatusMarker) } ?? 0
        let (head, tail): (ArraySlice<[UInt8]>, ArraySlice<[UInt8]>)
        if statusStart > 0 {
            let (statusHead, statusTail) = ReportText.split(Array(lines[statusStart...]), at: boundaries)
            head = lines[..<statusStart] + statusHead
            tail = statusTail
        } else {
            (head, tail) = ReportText.split(lines, at: boundaries)
        }
        var body = Array(head)
        // A plain-text DSN without a part marker: the fields start at "Reporting-MTA:", or right at the
        // start when only a recipient's fields were pasted.
        if !body.contains(where: { $0.hasPrefixBytes(BounceDocument.deliveryStatusMarker) }),
            let index = body.indices.first(where: {
                ($0 == 0 || body[$0 - 1].isBlankLine) && DSNField.name(of: body[$0]) == .reportingMTA
            })
                ?? body.firstIndex(where: { !$0.isBlankLine }).flatMap({
                    [.finalRecipient, .originalRecipient].contains(DSNField.name(of: body[$0])) ? $0 : nil
                })
        {
            body.insert(BounceDocument.deliveryStatusMarker, at: index)
        }
        return (body, tail)
    }

    /// What the fields say: one fact and one diagnostic buffer per recipient, the per-message fields,
    /// and the human-readable text around the fields.
    private struct Reading {
        var facts = [DeliveryFacts()]
        var buffers = [""]
        var perMessage = [(DSNField.Name, String)]()
        var leadIn = ""
        var recipients = 0
    }

    /// Reads the delivery-status fields (and the lead-in text before them) line by line.
    private static func readFields(_ body: [[UInt8]]) -> Reading {
        var reading = Reading()
        var inStatus = false
        var continuing = false
        for line in body {
            if !inStatus {
                if line.hasPrefixBytes(BounceDocument.deliveryStatusMarker) {
                    inStatus = true
                    continue
                }
                if line.isBlankLine || skippedLeadIns.contains(where: { line.hasPrefixBytes($0) }) { continue }
                let text = ReportText.string(line)
                if text.containsBytes("--- The follow") || text.containsBytes("--- Transcript") { continue }
                reading.leadIn += text + " "
                continue
            }
            if line.isBlankLine {
                continuing = false
                continue
            }
            if let field = DSNField.parse(line) {
                continuing = read(field, into: &reading)
                continue
            }
            if continuing && ASCII.isBlank(line[0]) {
                reading.buffers[reading.buffers.count - 1] += " " + TextTools.sweep(ReportText.string(line))
                continue
            }
            continuing = false
            if line.hasPrefixBytes(xPrefix) && ByteSearch.contains(line, colonSpace) {
                ThirdPartyFields.apply(line, to: &reading.facts[reading.facts.count - 1])
                continue
            }
            if line.hasPrefixBytes(contentPrefix) || line.hasPrefixBytes(hyphens) { continue }
            reading.leadIn += ReportText.string(line) + " "
        }
        return reading
    }

    /// Files one field under the current recipient (a new `Final-Recipient` starts the next one);
    /// true when the field's value may continue on folded lines (`Diagnostic-Code`).
    private static func read(_ field: DSNField, into reading: inout Reading) -> Bool {
        let last = reading.facts.count - 1
        if field.name == .finalRecipient {
            guard AddressText.isEmailAddress(field.value) else { return false }
            if reading.facts[last].recipient == field.value { return false }
            if !reading.facts[last].recipient.isEmpty {
                reading.facts.append(DeliveryFacts())
                reading.buffers.append("")
            }
            reading.facts[reading.facts.count - 1].recipient = field.value
            reading.recipients += 1
        } else if field.name.isAddress {
            reading.facts[last].alias = field.value
        } else if field.name == .diagnosticCode {
            reading.facts[last].spec = field.type
            reading.buffers[last] += field.value + " "
            return true
        } else {
            if !field.comment.isEmpty { reading.buffers[last] += " " + field.comment + " " }
            reading.facts[last].set(field: field.name, field.value)
            if field.name.isPerMessage { reading.perMessage.append((field.name, field.value)) }
        }
        return false
    }

    /// Gives every recipient the per-message fields, its diagnostic (with the lead-in text when there is
    /// one recipient) and the command, reply and status codes found there or in the lead-in. False when
    /// no recipient address was found at all.
    private static func settleCodes(_ reading: inout Reading) -> Bool {
        if reading.recipients == 0 {
            guard AddressText.isEmailAddress(reading.facts[0].alias) else { return false }
            reading.facts[0].recipient = reading.facts[0].alias
            reading.recipients = 1
        }
        let before = TextTools.sweep(reading.leadIn)
        let alternateCommand = SMTPCommand.find(before)
        let alternateReply = ReplyCode.find(before, classHint: reading.facts[0].status)
        let alternateStatus = StatusCode.find(before, classHint: alternateReply)

        for index in reading.facts.indices {
            var fact = reading.facts[index]
            for (field, value) in reading.perMessage where fact.value(of: field).isEmpty {
                fact.set(field: field, value)
            }
            var diagnosis = TextTools.sweep(reading.buffers[index])
            if reading.recipients == 1 && !before.isEmpty {
                if before.asciiLowercased.containsBytes(diagnosis.asciiLowercased) {
                    diagnosis = before
                } else {
                    diagnosis = TextTools.sweep(before + " " + diagnosis)
                }
            }
            fact.diagnosis = diagnosis
            fact.command = SMTPCommand.find(diagnosis)
            if fact.command.isEmpty { fact.command = alternateCommand }
            fact.replyCode = ReplyCode.find(diagnosis, classHint: fact.status)
            if fact.replyCode.isEmpty { fact.replyCode = alternateReply }
            if fact.status.isEmpty { fact.status = StatusCode.find(diagnosis, classHint: fact.replyCode) }
            if fact.status.isEmpty { fact.status = alternateStatus }
            reading.facts[index] = fact
        }
        return true
    }
}
