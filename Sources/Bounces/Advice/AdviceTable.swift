import ByteText
import Localization

/// Data: plain-language explanations for every reason of the vocabulary.
enum AdviceTable {
    static let rules: [AdviceRule] = [
        AdviceRule(
            reason: "userunknown", summary: L("The receiving server says that {address} does not exist{code}."),
            side: .recipient,
            whatToDo: [
                L("Check the address for typos (letters swapped, wrong domain ending)."),
                L("Ask the recipient for their current address by another channel."),
                L("Remove the address from mailing lists so you stop sending to it."),
            ],
            articles: ["smtp-550"], check: .recipientMX),
        AdviceRule(
            reason: "hostunknown", summary: L("The domain of {address} does not exist or cannot receive mail{code}."),
            side: .recipient,
            whatToDo: [
                L("Check the part after @ for typos ({domain})."),
                L("If the domain is right, its owner must publish MX records for it."),
            ],
            articles: ["mx-records", "smtp-550"], check: .recipientDomain),
        AdviceRule(
            reason: "mailboxfull", summary: L("The mailbox of {address} is full and cannot take new mail{code}."),
            side: .recipient,
            whatToDo: [
                L("Wait and send again later: the recipient has to free space."),
                L("Tell the recipient by another channel that their mailbox is full."),
            ],
            articles: ["mailbox-full", "smtp-552"], check: .none),
        AdviceRule(
            reason: "suspend", summary: L("The mailbox of {address} is disabled or suspended{code}."),
            side: .recipient,
            whatToDo: [L("Contact the recipient by another channel; the account may be closed for good.")],
            articles: ["smtp-550"], check: .recipientMX),
        AdviceRule(
            reason: "hasmoved", summary: L("{address} has moved and no longer receives mail there{code}."),
            side: .recipient, whatToDo: [L("Ask the recipient for their new address.")],
            articles: ["smtp-551"], check: .none),
        AdviceRule(
            reason: "filtered",
            summary: L("The recipient's mailbox refused this message by its own filter or setting{code}."),
            side: .recipient,
            whatToDo: [
                L("Ask the recipient to accept mail from your address (allow-list it)."),
                L("Check that the address is still in use."),
            ],
            articles: ["smtp-550"], check: .recipientMX),
        AdviceRule(
            reason: "authfailure",
            summary:
                L(
                    "The receiving server rejected the message because your domain's SPF, DKIM or DMARC check failed{code}."
                ),
            side: .sender,
            whatToDo: [
                L("Make sure your SPF record lists the server or service that sends your mail."),
                L("Sign outgoing mail with DKIM and publish the key in DNS."),
                L("Align your DMARC policy with SPF/DKIM before tightening it."),
            ],
            articles: ["smtp-550-5.7.26", "spf", "dkim", "dmarc"], check: .authentication),
        AdviceRule(
            reason: "requireptr",
            summary: L("The receiving server refuses mail from servers without valid reverse DNS (PTR){code}."),
            side: .sender,
            whatToDo: [
                L("Ask whoever runs your sending IP to set a PTR record that matches the server's name."),
                L("Make sure that name resolves back to the same IP."),
            ],
            articles: ["reverse-dns"], check: .reverseDNS),
        AdviceRule(
            reason: "blocked",
            summary: L(
                "The receiving server blocked your sending server, often because its IP is on a blocklist{code}."),
            side: .receivingPolicy,
            whatToDo: [
                L("Look the sending IP up on the blocklist named in the message and request delisting."),
                L("Find and stop what caused the listing (compromised account, open relay, spam)."),
                L("Meanwhile send through your provider's normal outgoing server."),
            ],
            articles: ["blacklists", "smtp-554", "smtp-550-5.7.1"], check: .blocklist),
        AdviceRule(
            reason: "badreputation",
            summary: L("The receiving server limits your mail because your IP or domain has a poor reputation{code}."),
            side: .sender,
            whatToDo: [
                L("Make sure SPF, DKIM and DMARC pass for the domain you send as."),
                L("Check that the sending IP has a reverse DNS (PTR) name that matches the server's HELO name."),
                L("Check the sending IP on blocklists and the provider's postmaster tools."),
                L("Send less, to engaged recipients only: the limit eases as the reputation recovers."),
            ],
            articles: ["smtp-421", "blacklists", "reverse-dns"], check: .blocklist),
        AdviceRule(
            reason: "spamdetected", summary: L("The receiving server's spam filter rejected the message{code}."),
            side: .receivingPolicy,
            whatToDo: [
                L("Remove spam-like content: link shorteners, all-caps subjects, large images without text."),
                L("Check that your sending IP is not on a blocklist."),
                L("If your account sent spam without you, change its password."),
            ],
            articles: ["account-blocked-spam", "blacklists", "smtp-554"], check: .blocklist),
        AdviceRule(
            reason: "virusdetected",
            summary: L("The receiving server found a virus or a dangerous attachment in the message{code}."),
            side: .sender,
            whatToDo: [L("Scan the attachment; send it through a file-sharing link instead.")],
            articles: ["smtp-554", "smtp-550-5.7.1"], check: .none),
        AdviceRule(
            reason: "policyviolation", summary: L("The receiving server's policy refused this message{code}."),
            side: .receivingPolicy,
            whatToDo: [
                L("Read the server's text for the rule that was hit (attachment type, list membership, size)."),
                L("Ask the recipient's administrator if the rule should apply to you."),
            ],
            articles: ["smtp-550-5.7.1", "smtp-554"], check: .none),
        AdviceRule(
            reason: "rejected", summary: L("The receiving server refused your sender address or domain{code}."),
            side: .sender,
            whatToDo: [
                L("Make sure your sender domain exists and has MX (or A) records."),
                L("Check that your sender address is not on the recipient's block list."),
            ],
            articles: ["smtp-550", "smtp-553"], check: .senderDomain),
        AdviceRule(
            reason: "norelaying",
            summary:
                L(
                    "The server refused to pass the message on (relay denied){code}. There are two possible causes: your mail program did not log in to your outgoing server, or the recipient's server does not consider itself responsible for the recipient's domain."
                ),
            side: .unknown,
            whatToDo: [
                L("Turn on SMTP authentication in your mail client (\"my outgoing server requires authentication\")."),
                L("Use your provider's submission server and port 587 with your login."),
                L(
                    "If your settings are right and mail to {domain} used to work, the recipient's server no longer takes mail for it: check its MX records and tell the recipient by another channel."
                ),
            ],
            articles: ["smtp-551", "email-client"], check: .recipientMX),
        AdviceRule(
            reason: "greylisted",
            summary:
                L(
                    "The receiving server uses greylisting{code}: it turns away the first attempt from a sender it does not know yet, on purpose. The sending server tries again and the message then goes through; nothing needs fixing."
                ),
            side: .network,
            whatToDo: [
                L("Wait: the retry usually gets through within minutes to an hour."),
                L(
                    "Only if it is still deferred after several hours, ask the recipient's administrator to allow your sending server."
                ),
            ],
            articles: ["smtp-450", "smtp-451"], check: .none),
        AdviceRule(
            reason: "deferred",
            summary:
                L(
                    "The receiving server turned the message away for now{code}: a temporary refusal, not a block, and it names no blocklist. The sending server tries again by itself."
                ),
            side: .network,
            whatToDo: [
                L("Wait: the sending server retries on its own, so do not send the message again by hand."),
                L(
                    "Only if a final failure notice arrives, or it is still deferred after several hours, ask the recipient's administrator why your server is turned away."
                ),
            ],
            articles: ["smtp-451", "smtp-450"], check: .none),
        AdviceRule(
            reason: "securityerror",
            summary:
                L(
                    "The server refused the message for a security reason, often missing or failed authentication{code}."
                ),
            side: .sender,
            whatToDo: [
                L("Check your mail client's outgoing server settings: username, password, port and encryption."),
                L("If you use two-factor login, create an app password for the mail client."),
            ],
            articles: ["smtp-535", "email-client", "smtp-530"], check: .none),
        AdviceRule(
            reason: "failedstarttls",
            summary: L("The connection could not be encrypted (STARTTLS failed or was required){code}."),
            side: .network,
            whatToDo: [L("Enable TLS in your client or server and check the certificate of the receiving server.")],
            articles: ["smtp-530", "email-client"], check: .none),
        AdviceRule(
            reason: "speeding", summary: L("You sent too much or too fast, and the server is limiting you{code}."),
            side: .sender,
            whatToDo: [
                L("Wait and send again later; spread large mailings over time."),
                L("Check your provider's sending limits per hour and per day."),
            ],
            articles: ["sending-limits", "smtp-452", "smtp-421"], check: .none),
        AdviceRule(
            reason: "toomanyconn",
            summary: L("The receiving server refused because of too many connections or recipients at once{code}."),
            side: .network,
            whatToDo: [L("Send again later and with fewer recipients per message.")],
            articles: ["sending-limits", "smtp-452", "smtp-421"], check: .none),
        AdviceRule(
            reason: "mesgtoobig", summary: L("The message is larger than the receiving server accepts{code}."),
            side: .sender,
            whatToDo: [L("Send smaller attachments or share a download link instead.")],
            articles: ["smtp-552"], check: .none),
        AdviceRule(
            reason: "exceedlimit",
            summary: L("The message exceeds a size limit set for the recipient's mailbox{code}."),
            side: .sender,
            whatToDo: [L("Send smaller attachments or share a download link instead.")],
            articles: ["smtp-552"], check: .none),
        AdviceRule(
            reason: "contenterror",
            summary: L("The receiving server could not accept the message's format or headers{code}."),
            side: .sender,
            whatToDo: [L("Send the message again from a standard mail client; avoid unusual encodings.")],
            articles: ["smtp-554"], check: .none),
        AdviceRule(
            reason: "notcompliantrfc",
            summary: L("The message does not follow the mail format standard (RFC 5322){code}."),
            side: .sender,
            whatToDo: [
                L("Check that the message has one From, one Date and a valid Message-ID; fix the sending software.")
            ],
            articles: ["smtp-550-5.7.1", "smtp-554"], check: .none),
        AdviceRule(
            reason: "syntaxerror",
            summary: L("The receiving server did not understand a command from the sending server{code}."),
            side: .sender, whatToDo: [L("Update or reconfigure the sending software; this is a protocol error.")],
            articles: ["smtp-500", "smtp-501", "smtp-503"], check: .none),
        AdviceRule(
            reason: "expired",
            summary: L("The message could not be delivered in time and the sending server gave up{code}."),
            side: .network,
            whatToDo: [
                L("Check that the recipient's domain has working MX records."),
                L("Send again later: the receiving server may have been down."),
            ],
            articles: ["mx-records", "smtp-421", "smtp-451"], check: .recipientMX),
        AdviceRule(
            reason: "networkerror",
            summary: L("The sending server could not reach the recipient's server (DNS or network problem){code}."),
            side: .network,
            whatToDo: [L("Check the recipient domain's MX records and send again later.")],
            articles: ["mx-records", "smtp-421"], check: .recipientMX),
        AdviceRule(
            reason: "notaccept", summary: L("The recipient's domain does not accept mail at all{code}."),
            side: .recipient, whatToDo: [L("Check the address; the domain publishes no way to receive mail.")],
            articles: ["mx-records", "smtp-550"], check: .recipientMX),
        AdviceRule(
            reason: "systemerror", summary: L("The receiving server had an internal problem{code}."),
            side: .network, whatToDo: [L("Send again later; if it persists, contact the recipient's administrator.")],
            articles: ["smtp-451", "smtp-421"], check: .none),
        AdviceRule(
            reason: "systemfull", summary: L("The receiving server is out of storage{code}."),
            side: .network, whatToDo: [L("Send again later.")],
            articles: ["smtp-452"], check: .none),
        AdviceRule(
            reason: "mailererror",
            summary: L("A program on the receiving server failed while delivering the message{code}."),
            side: .recipient, whatToDo: [L("Tell the recipient's administrator; their delivery program failed.")],
            articles: ["smtp-554"], check: .none),
        AdviceRule(
            reason: "suppressed",
            summary: L("Your sending service did not try: the address is on its suppression list{code}."),
            side: .sender,
            whatToDo: [L("Remove the address from the suppression list only if you are sure it works again.")],
            articles: ["smtp-550"], check: .none),
        AdviceRule(
            reason: "feedback", summary: L("This is a complaint report: a recipient marked your message as spam."),
            side: .sender,
            whatToDo: [
                L("Stop mailing the recipient who complained."),
                L("Make unsubscribing easy and send only to people who asked."),
            ],
            articles: ["account-blocked-spam"], check: .none),
        AdviceRule(
            reason: "vacation", summary: L("This is an automatic reply (out of office), not a delivery failure."),
            side: .recipient, whatToDo: [L("Nothing to fix: the message was delivered.")],
            articles: [], check: .none),
        AdviceRule(
            reason: "delivered", summary: L("The message was delivered."), side: .unknown,
            whatToDo: [L("Nothing to fix.")], articles: [], check: .none),
        AdviceRule(
            reason: "onhold",
            summary: L("The message could not be delivered, but the report does not say clearly why{code}."),
            side: .unknown,
            whatToDo: [L("Read the server's own error text below; send again later if it was temporary.")],
            articles: ["smtp-reply-codes"], check: .none),
        AdviceRule(
            reason: "undefined", summary: L("The message could not be delivered and the report gives no reason{code}."),
            side: .unknown, whatToDo: [L("Read the server's own error text; ask its administrator if it persists.")],
            articles: ["smtp-reply-codes"], check: .none),
    ]

    /// Advice-only reasons (never reported) that tell by themselves that the message waits: no "this is a
    /// delay" lead before them.
    static let saysWhetherItWaits: Set<String> = ["greylisted", "deferred"]

    /// Reasons whose reply code's own article comes before the rule's (a deferral under 421, 450 or 451).
    static let codeArticleFirst: Set<String> = ["greylisted", "deferred"]

    /// Plain words for the advice-only reasons.
    static let adviceOnlyWords: [String: LocalizedText] = [
        "greylisted": L("a temporary refusal on purpose (greylisting)"),
        "deferred": L("a temporary refusal; the sending server retries"),
    ]

    /// The advice for the person the failed mail was sent to, by reason: the failed address is theirs.
    /// Only reasons on the receiving mailbox's side have one; the others keep their rule.
    static let inboundRules: [String: AdviceRule] = [
        "userunknown": AdviceRule(
            reason: "userunknown",
            summary: L(
                "This bounce is about mail sent to you: your own receiving server says that {address} does not exist{code}."
            ),
            side: .recipient,
            whatToDo: [
                L("Compare {address} letter by letter with your real address: the sender may have a wrong or old one."),
                L(
                    "If people should reach you at this address, create the account, or an alias that forwards to your mailbox, on your email service."
                ),
                L("Check that the MX records of {domain} point to the service that hosts your mailboxes."),
            ],
            articles: ["smtp-550", "mx-records"], check: .recipientMX),
        "mailboxfull": AdviceRule(
            reason: "mailboxfull",
            summary: L("Your own mailbox {address} is full, so mail sent to you is refused{code}."),
            side: .recipient,
            whatToDo: [
                L(
                    "Free space: empty the Trash and Spam folders in webmail and delete messages with large attachments."
                ),
                L("Then ask the sender to send the message again."),
            ],
            articles: ["mailbox-full", "smtp-552"], check: .none),
        "hostunknown": AdviceRule(
            reason: "hostunknown",
            summary: L(
                "Mail sent to you cannot be delivered: your domain {domain} does not exist or publishes no MX records{code}."
            ),
            side: .recipient,
            whatToDo: [
                L("Check that {domain} is still registered and renewed."),
                L("Check that the MX records of {domain} point to the service that hosts your mailboxes."),
            ],
            articles: ["mx-records", "service-active"], check: .recipientDomain),
        "suspend": AdviceRule(
            reason: "suspend",
            summary: L("Your own mailbox {address} is disabled or suspended, so mail sent to you is refused{code}."),
            side: .recipient,
            whatToDo: [
                L("Check in your provider's control panel that the account and the email service are active and paid.")
            ],
            articles: ["service-active", "account-blocked-spam"], check: .none),
    ]

    /// The advice for the person the failed mail was sent to, when the reason has one.
    static func inbound(_ reason: String) -> AdviceRule? { inboundRules[reason] }

    /// What a feedback report is, by its ARF feedback type (RFC 5965, RFC 6591); an abuse report, or one
    /// of a type not listed, takes the "feedback" rule.
    static let feedbackRules: [String: AdviceRule] = [
        "opt-out": AdviceRule(
            reason: "feedback",
            summary: L("This is an unsubscribe request: the recipient asked to stop receiving your messages."),
            side: .sender,
            whatToDo: [
                L("Remove the recipient from your mailing list."),
                L("Keep a working unsubscribe link in every bulk message and act on it at once."),
            ],
            articles: ["account-blocked-spam"], check: .none),
        "auth-failure": AdviceRule(
            reason: "feedback",
            summary:
                L(
                    "This is an authentication failure report: a receiving server saw a message in your domain's name fail SPF, DKIM or DMARC."
                ),
            side: .sender,
            whatToDo: [
                L("If you sent that message, make your SPF record list the server that sent it and sign it with DKIM."),
                L(
                    "If you did not, someone uses your domain: keep a DMARC policy that tells receivers to refuse such mail."
                ),
            ],
            articles: ["dmarc", "spf", "dkim"], check: .authentication),
        "fraud": AdviceRule(
            reason: "feedback",
            summary: L("This is a fraud report: a recipient reported a message in your name as phishing or fraud."),
            side: .sender,
            whatToDo: [
                L(
                    "If you did not send it, someone forges your domain: publish SPF, DKIM and a DMARC policy that refuses forgeries."
                ),
                L("If you did, change it so that it cannot be taken for phishing."),
            ],
            articles: ["dmarc", "account-blocked-spam"], check: .authentication),
        "virus": AdviceRule(
            reason: "feedback",
            summary: L("This is a virus report: a recipient's system found a virus in your message."),
            side: .sender,
            whatToDo: [
                L("Scan the computer that sent the message and change the mail account's password."),
                L("Send attachments through a file-sharing link instead."),
            ],
            articles: ["account-blocked-spam"], check: .none),
        "not-spam": AdviceRule(
            reason: "feedback", summary: L("This is a not-spam report: a recipient marked your message as wanted."),
            side: .unknown, whatToDo: [L("Nothing to fix.")], articles: [], check: .none),
    ]

    /// The rule for a reason (falls back to "undefined"); a feedback report's rule depends on its type.
    static func rule(for reason: String, feedbackType: String = "") -> AdviceRule {
        if reason == "feedback" {
            let type = feedbackType.asciiLowercased
            if let rule = feedbackRules[type == "dkim" ? "auth-failure" : type] { return rule }
        }
        return rules.first { $0.reason == reason } ?? rules.first { $0.reason == "undefined" } ?? rules[rules.count - 1]
    }

    /// Knowledge-base articles that exist for SMTP reply codes.
    static let replyArticles: Set<String> = [
        "420", "421", "432", "449", "450", "451", "452", "455", "500", "501", "502", "503", "504", "530", "535",
        "550", "551", "552", "553", "554", "555",
    ]
}
