/// The bounce reasons in plain words, for text shown to people (the reason ids stay in JSON).
extension BounceRecipient {
    /// What went wrong, in a few plain words ("the address does not exist"); "" for an unknown reason.
    public var reasonInWords: String {
        if reason == "feedback", let words = Self.feedbackWords[feedbackType.asciiLowercased] { return words }
        return Self.reasonWords[reason] ?? ""
    }

    /// Plain words for the ARF feedback types that are no spam complaint.
    static let feedbackWords: [String: String] = [
        "opt-out": "an unsubscribe request", "auth-failure": "an authentication failure report",
        "dkim": "an authentication failure report", "fraud": "a fraud report", "virus": "a virus report",
        "not-spam": "a not-spam report",
    ]

    /// Plain words for each reason id of the vocabulary.
    static let reasonWords: [String: String] = [
        "userunknown": "the address does not exist",
        "hostunknown": "the recipient's domain does not exist or takes no mail",
        "mailboxfull": "the mailbox is full",
        "suspend": "the mailbox is disabled",
        "hasmoved": "the address has moved",
        "filtered": "refused by the recipient's filter",
        "authfailure": "the message failed SPF, DKIM or DMARC",
        "requireptr": "the sending server has no valid reverse DNS",
        "blocked": "the sending server is blocked",
        "badreputation": "the sending server's reputation is too low",
        "spamdetected": "the message was taken for spam",
        "virusdetected": "a virus was found in the message",
        "policyviolation": "the message breaks the receiver's policy",
        "rejected": "the sender address was refused",
        "norelaying": "the server does not relay for you",
        "securityerror": "a security or login problem",
        "failedstarttls": "the encrypted connection (STARTTLS) failed",
        "speeding": "too many messages too fast",
        "toomanyconn": "too many connections at once",
        "mesgtoobig": "the message is too large",
        "exceedlimit": "the message exceeds a limit",
        "contenterror": "the message content was refused",
        "notcompliantrfc": "the message is not well-formed",
        "syntaxerror": "a protocol error between the servers",
        "expired": "delivery kept failing until it timed out",
        "networkerror": "a network or DNS problem on the way",
        "notaccept": "the domain accepts no mail",
        "systemerror": "an error on the receiving server",
        "systemfull": "the receiving server is out of space",
        "mailererror": "the mail program on the receiving side failed",
        "suppressed": "the address is on a suppression list",
        "feedback": "a complaint report",
        "vacation": "an automatic reply",
        "delivered": "delivered",
        "onhold": "the report does not say clearly",
        "undefined": "the report does not say",
    ]
}
