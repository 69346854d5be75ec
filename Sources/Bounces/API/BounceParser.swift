/// Reads bounces: full messages, vendor formats, ARF reports, auto-replies and pasted fragments.
public enum BounceParser {
    /// Largest input read (bytes); larger input is reported as unreadable.
    public static let maxInputBytes = 64 * 1024 * 1024

    /// Parses raw bytes into a report. Never throws; time and memory are linear in the input size.
    public static func parse(_ bytes: [UInt8]) -> BounceReport {
        if bytes.isEmpty { return .unreadable("the input is empty.") }
        if bytes.count > maxInputBytes {
            return .unreadable(
                "the input is \(bytes.count / 1_048_576) MB, more than the \(maxInputBytes / 1_048_576) MB I read.")
        }
        if BinaryCheck.looksBinary(bytes) {
            return .unreadable("it looks like binary data, not an email message or error text.")
        }
        let messages = MboxSplitter.split(bytes)
        if messages.count > 1 { return merge(messages.map { parseOne(Array(bytes[$0])) }) }
        return parseOne(bytes)
    }

    /// Parses text (a pasted message or fragment).
    public static func parse(text: String) -> BounceReport { parse(Array(text.utf8)) }

    private static func parseOne(_ bytes: [UInt8]) -> BounceReport {
        guard let document = DocumentBuilder.build(bytes) else {
            return FragmentParser.parse(bytes)
        }
        if let report = MessageAnalyser.analyse(document) { return report }
        // A bounce forwarded as an attachment: read the attached message once.
        if let attached = document.attachedMessage, attached.count >= 128,
            let inner = DocumentBuilder.build(attached), let report = MessageAnalyser.analyse(inner)
        {
            return report
        }
        var report = BounceReport(isBounce: false, kind: .notBounce)
        report.originalSubject = nil
        if document.truncated {
            report.problem = "I can't read this fully: the report text is too long, I read its start only."
        }
        return report
    }

    /// One report for an mbox of several messages: recipients of all, the first message's context.
    private static func merge(_ reports: [BounceReport]) -> BounceReport {
        let useful = reports.filter { !$0.recipients.isEmpty }
        guard var merged = useful.first(where: \.isBounce) ?? useful.first else {
            return reports.first { $0.kind != .unreadable } ?? reports[0]
        }
        merged.recipients = useful.flatMap(\.recipients)
        merged.isBounce = useful.contains { $0.isBounce }
        return merged
    }
}
