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

    /// Reads, explains and encodes one small built-in bounce, so that the tables, caches and runtime
    /// type data the first real message needs are ready; meant for an otherwise idle thread at start-up.
    public static func warmUp() {
        let report = parse(Array(warmUpBounce.utf8))
        var json: [UInt8] = []
        report.appendJSONLine(to: &json, extraFields: [("articles", "[]")])
        _ = report.articleIDs()
    }

    /// A Postfix delivery-status notification with a human-readable part, a DSN part and returned headers
    /// (the Subject in ISO-2022-JP, whose converter takes the longest to set up).
    static let warmUpBounce = """
        From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
        To: sender@example.org
        Subject: Undelivered Mail Returned to Sender
        Message-ID: <20261129101500.0001@mx.example.net>
        Received: from mx.example.net (mx.example.net [192.0.2.25]) by mail.example.org; Sun, 29 Nov 2026 10:15:00 +0000
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="WARMUP"

        --WARMUP
        Content-Type: text/plain; charset=us-ascii
        Content-Transfer-Encoding: 7bit

        This is the mail system at host mx.example.net.

        <nobody@example.com>: host mx.example.com[198.51.100.7] said: 550 5.1.1
            <nobody@example.com>: Recipient address rejected: User unknown (in reply to
            RCPT TO command)

        --WARMUP
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.net
        Arrival-Date: Sun, 29 Nov 2026 10:14:58 +0000

        Final-Recipient: rfc822; nobody@example.com
        Action: failed
        Status: 5.1.1
        Remote-MTA: dns; mx.example.com
        Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown

        --WARMUP
        Content-Type: text/rfc822-headers

        From: sender@example.org
        To: nobody@example.com
        Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=
        Message-ID: <original.0001@example.org>

        --WARMUP--
        """

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
        // Mail server log output with "Key : value" lines reads as a header block; its entries are reports.
        if let logged = FragmentParser.logReport(bytes) { return logged }
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
