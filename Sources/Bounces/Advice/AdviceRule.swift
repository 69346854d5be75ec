import Localization

/// The explanation of one bounce reason, as data.
struct AdviceRule: Sendable {
    /// What to check live to confirm the explanation.
    enum Check: Sendable {
        /// SPF, DKIM and DMARC of the sending domain.
        case authentication
        /// The sending domain exists and publishes MX records (a refused sender address), or SPF, DKIM and
        /// DMARC when the server's words point at authentication.
        case senderDomain
        /// The quoted (or sending) IP against DNS blocklists.
        case blocklist
        /// MX of the recipient's domain.
        case recipientMX
        /// The recipient's domain exists, then its MX.
        case recipientDomain
        /// Reverse DNS (PTR) of the sending IP.
        case reverseDNS
        /// Nothing to check: the problem cannot be seen from outside.
        case none
    }

    let reason: String
    /// One sentence; `{address}`, `{domain}` and `{code}` are filled in (in the steps too).
    let summary: LocalizedText
    let side: BounceSide
    let whatToDo: [LocalizedText]
    let articles: [String]
    let check: Check
}
