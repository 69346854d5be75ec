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

    func extract(_ document: BounceDocument) -> Extraction? {
        var lines = document.report
        // A plain-text DSN: the original starts at a "Return-Path:" after a blank line.
        if !lines.contains(where: { line in Self.boundaryBytes.contains { line.hasPrefixBytes($0) } }),
            let index = lines.indices.first(where: {
                $0 > 0 && lines[$0 - 1].isEmpty && lines[$0].hasPrefixBytes(Self.returnPath)
            })
        {
            lines.insert(BounceDocument.originalMarker, at: index)
        }
        // Text before the delivery-status part may quote the original's headers (Content-Disposition,
        // Content-Type lines): only a boundary after the status part ends the report.
        let statusStart = lines.firstIndex { $0.hasPrefixBytes(BounceDocument.deliveryStatusMarker) } ?? 0
        let (head, tail): (ArraySlice<[UInt8]>, ArraySlice<[UInt8]>)
        if statusStart > 0 {
            let (statusHead, statusTail) = ReportText.split(Array(lines[statusStart...]), at: Self.boundaries)
            head = lines[..<statusStart] + statusHead
            tail = statusTail
        } else {
            (head, tail) = ReportText.split(lines, at: Self.boundaries)
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

        var facts = [DeliveryFacts()]
        var buffers = [""]
        var perMessage = [(DSNField.Name, String)]()
        var leadIn = ""
        var inStatus = false
        var continuing = false
        var recipients = 0

        for line in body {
            if !inStatus {
                if line.hasPrefixBytes(BounceDocument.deliveryStatusMarker) {
                    inStatus = true
                    continue
                }
                if line.isBlankLine || Self.skippedLeadIns.contains(where: { line.hasPrefixBytes($0) }) { continue }
                let text = ReportText.string(line)
                if text.contains("--- The follow") || text.contains("--- Transcript") { continue }
                leadIn += text + " "
                continue
            }
            if line.isBlankLine {
                continuing = false
                continue
            }
            if let field = DSNField.parse(line) {
                continuing = false
                if field.name == .finalRecipient {
                    guard AddressText.isEmailAddress(field.value) else { continue }
                    if let last = facts.last, last.recipient == field.value { continue }
                    if !(facts.last?.recipient.isEmpty ?? true) {
                        facts.append(DeliveryFacts())
                        buffers.append("")
                    }
                    facts[facts.count - 1].recipient = field.value
                    recipients += 1
                } else if field.name.isAddress {
                    facts[facts.count - 1].alias = field.value
                } else if field.name == .diagnosticCode {
                    facts[facts.count - 1].spec = field.type
                    buffers[buffers.count - 1] += field.value + " "
                    continuing = true
                } else {
                    if !field.comment.isEmpty { buffers[buffers.count - 1] += " " + field.comment + " " }
                    facts[facts.count - 1].set(field: field.name, field.value)
                    if field.name.isPerMessage { perMessage.append((field.name, field.value)) }
                }
                continue
            }
            if continuing && ASCII.isBlank(line[0]) {
                buffers[buffers.count - 1] += " " + TextTools.sweep(ReportText.string(line))
                continue
            }
            continuing = false
            if line.hasPrefixBytes(Self.xPrefix) && ByteSearch.contains(line, Self.colonSpace) {
                ThirdPartyFields.apply(line, to: &facts[facts.count - 1])
                continue
            }
            if line.hasPrefixBytes(Self.contentPrefix) || line.hasPrefixBytes(Self.hyphens) { continue }
            leadIn += ReportText.string(line) + " "
        }

        if recipients == 0 {
            guard AddressText.isEmailAddress(facts[0].alias) else { return nil }
            facts[0].recipient = facts[0].alias
            recipients = 1
        }
        let before = TextTools.sweep(leadIn)
        let alternateCommand = SMTPCommand.find(before)
        let alternateReply = ReplyCode.find(before, classHint: facts[0].status)
        let alternateStatus = StatusCode.find(before, classHint: alternateReply)

        for index in facts.indices {
            for (field, value) in perMessage where facts[index].value(of: field).isEmpty {
                facts[index].set(field: field, value)
            }
            var diagnosis = TextTools.sweep(buffers[index])
            if recipients == 1 && !before.isEmpty {
                if before.asciiLowercased.contains(diagnosis.asciiLowercased) {
                    diagnosis = before
                } else {
                    diagnosis = TextTools.sweep(before + " " + diagnosis)
                }
            }
            facts[index].diagnosis = diagnosis
            facts[index].command = SMTPCommand.find(diagnosis)
            if facts[index].command.isEmpty { facts[index].command = alternateCommand }
            facts[index].replyCode = ReplyCode.find(diagnosis, classHint: facts[index].status)
            if facts[index].replyCode.isEmpty { facts[index].replyCode = alternateReply }
            if facts[index].status.isEmpty {
                facts[index].status = StatusCode.find(diagnosis, classHint: facts[index].replyCode)
            }
            if facts[index].status.isEmpty { facts[index].status = alternateStatus }
        }
        facts.removeAll { $0.recipient.isEmpty }
        guard !facts.isEmpty else { return nil }
        return Extraction(facts: facts, kind: .dsn, recogniser: name, original: ReportText.originalHeaders(tail))
    }
}
