import ByteText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds a `BounceDocument` from raw message bytes in linear time.
enum DocumentBuilder {
    private static let mboxFrom = Array("From ".utf8)

    /// Reads a message: mbox "From " line, headers, MIME leaves, decoded report text, returned original.
    ///
    /// Returns nil when the input does not start with a header block (it is then a fragment).
    static func build(_ raw: [UInt8]) -> BounceDocument? {
        let buffer = Lines.normaliseBreaks(raw)
        let lines = Lines.ranges(buffer)
        var first = 0
        while first < lines.count, lines[first].isEmpty { first += 1 }
        if first < lines.count, buffer[lines[first]].starts(with: Self.mboxFrom) { first += 1 }
        guard first < lines.count else { return nil }
        guard HeaderBlock.fieldNameEnd(buffer[lines[first]]) != nil else { return nil }

        let reader = MIMEReader(buffer: buffer, lines: lines)
        let (headers, bodyStart) = reader.headers(from: first)
        // A real message has a few recognisable fields; a pasted "Error: foo" line is not one.
        guard looksLikeMessage(headers) else { return nil }

        var subject = headers.text("subject") ?? ""
        let from = (headers.text("from") ?? "").asciiLowercased
        let leaves = reader.leaves(topHeaders: headers, bodyStart: bodyStart)
        var document = BounceDocument(
            headers: headers, subject: subject, from: from, report: [], hasDeliveryStatusPart: false,
            hasFeedbackPart: false, original: nil, attachedMessage: nil,
            isSinglePart: leaves.count == 1 && leaves[0].depth == 0, truncated: false)

        document.fromHeader = headers.text("from") ?? ""
        document.messageID = headers.text("message-id") ?? ""
        document.mailer = headers.text("x-mailer") ?? ""
        document.received = headers.all("received").map { String(decoding: $0, as: UTF8.self) }
        let hasPlain = leaves.contains { $0.contentType.mediaType == "text/plain" }
        var reportBytes = 0
        for leaf in leaves {
            if reportBytes > BounceDocument.maxReportBytes {
                document.truncated = true
                break
            }
            let type = leaf.contentType.mediaType
            switch type {
            case "message/delivery-status", "message/global-delivery-status", "message/x-delivery-status",
                "text/delivery-status", "message/delivery-status-report":
                document.hasDeliveryStatusPart = true
                document.report.append(BounceDocument.deliveryStatusMarker)
                appendText(decoded(leaf, buffer), to: &document.report, counting: &reportBytes)
            case "message/feedback-report":
                document.hasFeedbackPart = true
                document.report.append(BounceDocument.feedbackMarker)
                appendText(decoded(leaf, buffer), to: &document.report, counting: &reportBytes)
            case "message/rfc822", "message/global", "text/rfc822-headers", "message/partial",
                "message/global-headers", "text/rfc822-header", "message/rfc822-headers":
                if document.original == nil {
                    let content = decodedRaw(leaf, buffer)
                    document.original = HeaderBlock.parse(bytes: headerRegion(content))
                    if type == "message/rfc822" || type == "message/global" { document.attachedMessage = content }
                }
                document.report.append(BounceDocument.originalMarker)
            case "text/html":
                if leaf.parentSubtype == "alternative" && hasPlain { continue }
                let html = decoded(leaf, buffer)
                appendText(HTMLText.plainText(html), to: &document.report, counting: &reportBytes)
            case "", "text/plain", "text/enriched", "text/x-plain", "text":
                appendText(decoded(leaf, buffer), to: &document.report, counting: &reportBytes)
            default:
                // Multiparts beyond the depth limit and unknown text types are still read as text;
                // images, applications and audio are skipped.
                if type.hasPrefix("text/") || type.hasPrefix("multipart/") {
                    appendText(decoded(leaf, buffer), to: &document.report, counting: &reportBytes)
                }
            }
        }

        // Forwarded bounces ("Fwd: …") quote the report with "> ".
        let loweredSubject = subject.lowercased()
        if loweredSubject.hasPrefix("fwd:") || loweredSubject.hasPrefix("fw:") {
            subject = String(
                subject[subject.index(after: subject.utf8.firstIndex(of: UInt8(ascii: ":")) ?? subject.startIndex)...]
            )
            .trimmingCharactersBlank()
            document.subject = subject
            document.report = document.report.map(unquote)
        }
        return document
    }

    private static let knownFields = HeaderNames([
        "from", "to", "subject", "date", "received", "return-path", "message-id", "content-type",
        "mime-version", "x-failed-recipients", "delivered-to", "x-original-to", "auto-submitted",
    ])

    /// Delivery-status fields (RFC 3464): a block made only of these is a pasted report, not a message.
    private static let deliveryStatusFields = HeaderNames([
        "final-recipient", "original-recipient", "action", "status", "diagnostic-code", "remote-mta",
        "reporting-mta", "received-from-mta", "arrival-date", "last-attempt-date", "will-retry-until",
        "original-envelope-id", "dsn-gateway", "x-actual-recipient",
    ])

    private static func looksLikeMessage(_ headers: HeaderBlock) -> Bool {
        if headers.allNamed(deliveryStatusFields) { return false }
        if headers.count >= 4 { return true }
        return headers.count(named: knownFields) >= 2
    }

    /// Transfer-decodes a leaf body (base64, quoted-printable, else as is).
    static func decodedRaw(_ leaf: MIMELeaf, _ buffer: [UInt8]) -> [UInt8] {
        let body = buffer[leaf.body]
        switch leaf.transferEncoding {
        case "base64": return Lines.normaliseBreaks(Base64.decode(body))
        case "quoted-printable": return Lines.normaliseBreaks(QuotedPrintable.decode(body))
        default: return Array(body)
        }
    }

    /// Transfer-decodes then charset-converts a leaf to UTF-8.
    static func decoded(_ leaf: MIMELeaf, _ buffer: [UInt8]) -> [UInt8] {
        Charset.toUTF8(decodedRaw(leaf, buffer), charset: leaf.contentType.charset)
    }

    /// The bytes before the first blank line (the header part of an embedded message).
    static func headerRegion(_ content: [UInt8]) -> [UInt8] {
        var start = 0
        while start < content.count, content[start] == ASCII.lf { start += 1 }
        if let split = ByteSearch.find([ASCII.lf, ASCII.lf], in: content, from: start) {
            return Array(content[start..<split])
        }
        return Array(content[start...].prefix(HeaderBlock.maxValueBytes * 4))
    }

    private static func appendText(_ text: [UInt8], to report: inout [[UInt8]], counting bytes: inout Int) {
        bytes += text.count
        let ranges = Lines.ranges(text)
        report.reserveCapacity(report.count + ranges.count + 1)
        Lines.appendDetabbed(text, ranges: ranges, to: &report)
        report.append([])
    }

    private static func unquote(_ line: [UInt8]) -> [UInt8] {
        var index = 0
        while index < line.count, line[index] == ASCII.greaterThan {
            index += 1
            if index < line.count, line[index] == ASCII.space { index += 1 }
        }
        return index == 0 ? line : Array(line[index...])
    }
}
