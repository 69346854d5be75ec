import ByteText

/// Data: diagnostic words specific enough to decide what a bounce's advice explains, over a reason that
/// the status code's class alone gave. A `421 4.7.0 too many messages` reads as a security error by its
/// class (4.7.x), but its words say a sending limit; a `451 4.7.1 Please try again later` reads as a block,
/// but names no list and only asks to retry. The reason the reader reports (Sisimai's vocabulary) stays
/// as it is; only the explanation follows the words.
enum AdviceWords {
    /// Reasons a code's class or a generic phrase may give: specific words below override them.
    static let overridable: Set<String> = [
        "securityerror", "blocked", "policyviolation", "rejected", "systemerror", "onhold", "undefined",
        "expired", "networkerror",
    ]

    /// Words of a sending limit: too much mail, too fast, from this account or server.
    static let sendingLimit = [
        "too many messages", "too many mails", "too many emails", "too many e-mails", "rate limit",  // data
        "ratelimit", "rate-limit", "sending limit", "sending rate", "sent too many", "message limit",  // data
        "hourly limit", "daily limit", "sending quota",  // data
    ]

    /// Words of a limit for reputation: the receiver slows or refuses an IP whose mail looks unwanted
    /// (Gmail's "unusual rate of unsolicited mail … temporarily rate limited"), not one over a quota.
    static let reputation = [
        "unsolicited mail", "ip reputation", "poor reputation", "low reputation", "bad reputation",  // data
        "sender reputation", "reputation of your ip",  // data
    ]

    /// Words of a refused relay: the server does not pass mail on for this sender or domain.
    static let relaying = [
        "relay access denied", "relaying denied", "relay denied", "relay not permitted",  // data
        "not permitted to relay", "unable to relay", "relaying not allowed", "relay not allowed",  // data
        "relaying not permitted", "we do not relay",  // data
    ]

    /// Words of a temporary refusal that only asks the sender to come back.
    static let deferral = [
        "try again later", "try later", "retry later", "please retry", "temporarily deferred",  // data
        "temporarily rejected", "temporarily refused", "temporary failure", "come back later",  // data
    ]

    /// Words of a message refused for its content: the receiver's spam filter scored it, whatever the
    /// code's class (`554 5.7.1 Message rejected: spam content detected`).
    static let spamContent = [
        "spam content", "content rejected", "rejected as spam", "rejected because it looks like spam",  // data
        "detected as spam", "classified as spam", "identified as spam", "considered spam",  // data
        "considered as spam", "spam detected", "spam score", "looks like spam", "high spam",  // data
    ]

    /// Words that name greylisting.
    static let greylisting = ["greylist", "graylist", "grey-list", "gray-list"]

    /// Words that name a blocklist: a refusal that names one is a listing, whatever else it says.
    static let blocklist = [
        "spamhaus", "blocklist", "blacklist", "block list", "black list", "rbl", "dnsbl", "spamcop",
        "barracudacentral", "sorbs", "uceprotect",
    ]

    /// What the advice explains for a recipient: the reader's reason, or the one its words name when they
    /// are specific ("greylisted" and "deferred" are advice-only reasons, never reported); `byWords` tells
    /// that specific words decided it (even when the reader had come to the same reason).
    static func reading(of recipient: BounceRecipient, delayed: Bool) -> (reason: String, byWords: Bool) {
        let reason = recipient.reason.isEmpty ? "undefined" : recipient.reason
        let words = (recipient.serverText + " " + recipient.diagnostic).asciiLowercased
        func says(_ phrases: [String]) -> Bool { phrases.contains { words.containsBytes($0) } }
        if says(greylisting) { return ("greylisted", true) }
        if reason == "norelaying" { return (reason, says(relaying)) }
        guard overridable.contains(reason) else { return (reason, false) }
        if says(relaying) { return ("norelaying", true) }
        let namesList = says(blocklist)
        if says(reputation), !namesList { return ("badreputation", true) }
        if says(spamContent), !namesList { return ("spamdetected", true) }
        if says(sendingLimit), !namesList { return ("speeding", true) }
        if delayed, says(deferral), !namesList { return ("deferred", true) }
        return (reason, false)
    }
}
