/// Test messages built from their parts, so that a test writes only what it is about (a recipient's
/// status fields, a hostile diagnostic, a wrong boundary) and the MIME frame is written once.
package enum SampleMessages {
    /// One body part of a multipart message: its `Content-Type` and its text up to the line break that
    /// precedes the next boundary (end `body` with "\n" for a blank line before it).
    package struct Part: Sendable {
        /// The part's media type, as written after `Content-Type: `.
        package var type: String
        /// The part's text, without the line break that belongs to the next boundary.
        package var body: String

        /// A part of media type `type` holding `body`.
        package init(_ type: String, _ body: String) {
            self.type = type
            self.body = body
        }
    }

    /// A `multipart/report` message of report type `reportType`: `headers` (one line each), the
    /// `Content-Type` header naming `declaredBoundary` (default `boundary`), each part under `boundary`, the
    /// closing delimiter and then `trailer`.
    package static func report(
        _ reportType: String = "delivery-status", headers: [String], boundary: String,
        declaredBoundary: String? = nil, parts: [Part], trailer: String = ""
    ) -> String {
        var text = headers.map { $0 + "\n" }.joined()
        text +=
            "Content-Type: multipart/report; report-type=\(reportType); boundary=\"\(declaredBoundary ?? boundary)\"\n\n"
        for part in parts {
            text += "--\(boundary)\nContent-Type: \(part.type)\n\n\(part.body)\n"
        }
        return text + "--\(boundary)--" + trailer
    }

    /// The headers of a bounce that `host`'s mail system sends to `recipient`.
    package static func bounceHeaders(from host: String, to recipient: String) -> [String] {
        [
            "From: Mail Delivery System <MAILER-DAEMON@\(host)>", "To: \(recipient)",
            "Subject: Undelivered Mail Returned to Sender", "MIME-Version: 1.0",
        ]
    }

    /// The per-recipient fields of a DSN for a failed delivery to `address` (no line break at the end).
    package static func failedRecipient(
        _ address: String, status: String = "5.1.1", remoteMTA: String? = nil, diagnostic: String
    ) -> String {
        let remote = remoteMTA.map { "Remote-MTA: dns; \($0)\n" } ?? ""
        return "Final-Recipient: rfc822; \(address)\nAction: failed\nStatus: \(status)\n\(remote)"
            + "Diagnostic-Code: smtp; \(diagnostic)"
    }

    /// A bounce from mx.example.net to sender@example.com with one status block per address in
    /// `addresses`, each failed with 550 5.1.1 user unknown; `notice` is its human-readable part.
    package static func userUnknownBounce(
        _ addresses: [String], notice: String? = "Your message could not be delivered.\n"
    ) -> String {
        let blocks = addresses.map { failedRecipient($0, diagnostic: "550 5.1.1 user unknown") + "\n" }
        let status = Part(
            "message/delivery-status", "Reporting-MTA: dns; mx.example.net\n\n" + blocks.joined(separator: "\n"))
        let parts = (notice.map { [Part("text/plain", $0)] } ?? []) + [status]
        return report(
            headers: bounceHeaders(from: "mx.example.net", to: "sender@example.com"), boundary: "B", parts: parts,
            trailer: "\n")
    }

    /// A short DSN from mx.example.net to alice@example.com: delivery to bob@example.org failed with
    /// `diagnostic` (the fields that tests of what the output shows fill with hostile text).
    package static func bobUnknownBounce(
        subject: String = "Undelivered Mail Returned to Sender", remoteMTA: String? = nil, diagnostic: String
    ) -> String {
        let recipient = failedRecipient("bob@example.org", remoteMTA: remoteMTA, diagnostic: diagnostic)
        return report(
            headers: ["From: MAILER-DAEMON@mx.example.net", "To: alice@example.com", "Subject: \(subject)"],
            boundary: "b",
            parts: [
                Part("text/plain", "Your message could not be delivered.\n"),
                Part("message/delivery-status", "Reporting-MTA: dns; mx.example.net\n\n\(recipient)\n"),
            ])
    }

    /// A Postfix bounce from mail.mydomain.example to alice@mydomain.example: mx.client-corp.example
    /// [203.0.113.9] answered `code` `status` `text` to `command` for bob@client-corp.example; `moreParts` follow
    /// the delivery status.
    package static func postfixBounce(
        code: String, status: String, text: String, command: String, moreParts: [Part] = []
    ) -> String {
        let notice = """
            This is the mail system at host mail.mydomain.example.

            <bob@client-corp.example>: host mx.client-corp.example[203.0.113.9] said: \(code) \(status)
                \(text) (in reply to \(command) command)

            """
        let recipient = failedRecipient(
            "bob@client-corp.example", status: status, remoteMTA: "mx.client-corp.example",
            diagnostic: "\(code) \(status) \(text)")
        let parts = [
            Part("text/plain", notice),
            Part("message/delivery-status", "Reporting-MTA: dns; mail.mydomain.example\n\n\(recipient)\n"),
        ]
        return report(
            headers: bounceHeaders(from: "mail.mydomain.example", to: "alice@mydomain.example"), boundary: "B",
            parts: parts + moreParts)
    }

    /// The fields of an ARF abuse report (RFC 5965) as SomeGenerator/1.0 writes them, then `fields` (one line
    /// each) and a blank line.
    package static func abuseReportFields(_ fields: [String]) -> String {
        (["Feedback-Type: abuse", "User-Agent: SomeGenerator/1.0", "Version: 1"] + fields).map { $0 + "\n" }.joined()
    }

    /// Gmail's multi-line refusal of a message that passed neither SPF nor DKIM for `domain`.
    package static func gmailUnauthenticated(domain: String) -> String {
        """
        550-5.7.26 This mail is unauthenticated, which poses a security risk to the
        550-5.7.26 sender and Gmail users, and has been blocked. The sender must
        550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,
        550-5.7.26 DKIM checks did not pass and SPF check for [\(domain)] did not
        550-5.7.26 pass with ip: [192.0.2.10]. To best protect our users from spam, the
        550 5.7.26 message has been blocked. https://support.google.com/mail/answer/81126 - gsmtp
        """
    }
}
