import ByteText
import Localization

/// The bounce reasons in plain words, for text shown to people (the reason ids stay in JSON).
extension BounceRecipient {
    /// What went wrong, in a few plain words ("the address does not exist"); "" for an unknown reason.
    public var reasonInWords: String { reasonInWordsText?.english ?? "" }

    /// What went wrong, to be shown in the reader's language; nil for an unknown reason.
    public var reasonInWordsText: LocalizedText? {
        if reason == "feedback", let words = Self.feedbackWords[feedbackType.asciiLowercased] { return words }
        return Self.reasonWords[reason]
    }

    /// Plain words for the ARF feedback types that are no spam complaint.
    static let feedbackWords: [String: LocalizedText] = [
        "opt-out": L("an unsubscribe request"), "auth-failure": L("an authentication failure report"),
        "dkim": L("an authentication failure report"), "fraud": L("a fraud report"), "virus": L("a virus report"),
        "not-spam": L("a not-spam report"),
    ]

    /// Plain words for each reason id of the vocabulary.
    static let reasonWords: [String: LocalizedText] = [
        "userunknown": L("the address does not exist"),
        "hostunknown": L("the recipient's domain does not exist or takes no mail"),
        "mailboxfull": L("the mailbox is full"),
        "suspend": L("the mailbox is disabled"),
        "hasmoved": L("the address has moved"),
        "filtered": L("refused by the recipient's filter"),
        "authfailure": L("the message failed SPF, DKIM or DMARC"),
        "requireptr": L("the sending server has no valid reverse DNS"),
        "blocked": L("the sending server is blocked"),
        "badreputation": L("the sending server's reputation is too low"),
        "spamdetected": L("the message was taken for spam"),
        "virusdetected": L("a virus was found in the message"),
        "policyviolation": L("the message breaks the receiver's policy"),
        "rejected": L("the sender address was refused"),
        "norelaying": L("the server does not relay for you"),
        "securityerror": L("a security or login problem"),
        "failedstarttls": L("the encrypted connection (STARTTLS) failed"),
        "speeding": L("too many messages too fast"),
        "toomanyconn": L("too many connections at once"),
        "mesgtoobig": L("the message is too large"),
        "exceedlimit": L("the message exceeds a limit"),
        "contenterror": L("the message content was refused"),
        "notcompliantrfc": L("the message is not well-formed"),
        "syntaxerror": L("a protocol error between the servers"),
        "expired": L("delivery kept failing until it timed out"),
        "networkerror": L("a network or DNS problem on the way"),
        "notaccept": L("the domain accepts no mail"),
        "systemerror": L("an error on the receiving server"),
        "systemfull": L("the receiving server is out of space"),
        "mailererror": L("the mail program on the receiving side failed"),
        "suppressed": L("the address is on a suppression list"),
        "feedback": L("a complaint report"),
        "vacation": L("an automatic reply"),
        "delivered": L("delivered"),
        "onhold": L("the report does not say clearly"),
        "undefined": L("the report does not say"),
    ]
}
