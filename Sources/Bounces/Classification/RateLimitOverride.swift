import ByteText

/// Data and rule: phrases proving a sender-side rate limit override a recipient-side reason.
///
/// A generic status code can mislead ("550 5.1.1 … rate limited", "5.4.5 Daily user sending quota
/// exceeded" reads as a full mailbox to a phrase matcher). When the text says the *sender* went too
/// fast or sent too much, the reason is `speeding` whatever the status suggested.
enum RateLimitOverride {
    /// Lower-case phrases naming a sender's sending rate or quota.
    static let phrases = [
        "sending quota exceeded", "sending limit exceeded", "daily user sending", "daily sending quota",
        "rate limited", "rate limit exceeded", "rate-limited", "sending rate exceeded", "exceeded the rate limit",
        "message rate limit", "too many messages sent", "sending too fast", "sending limits exceeded",
    ]
    /// Phrases that point to another sender-side cause with its own reason (reputation, authentication, PTR).
    static let vetoes = ["reputation", "unauthenticated", "authenticat", "ptr record", "spf", "dkim", "dmarc"]
    /// Reasons a rate-limit phrase may replace.
    static let replaceable: Set<String> = [
        "userunknown", "mailboxfull", "filtered", "suspend", "onhold", "undefined", "hostunknown", "systemerror",
        "securityerror", "exceedlimit", "rejected",
    ]

    private static let compiledPhrases = phrases.map { Array($0.utf8) }
    private static let compiledVetoes = vetoes.map { Array($0.utf8) }

    /// The reason after applying the override to lower-cased `text`.
    static func apply(_ reason: String, text: [UInt8]) -> String {
        guard replaceable.contains(reason) else { return reason }
        guard compiledPhrases.contains(where: { ByteSearch.contains(text, $0) }) else { return reason }
        if compiledVetoes.contains(where: { ByteSearch.contains(text, $0) }) { return reason }
        return "speeding"
    }
}
