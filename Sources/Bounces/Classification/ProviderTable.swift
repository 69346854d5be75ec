/// Data: mailbox providers, the hosts that identify them and their documented error messages.
///
/// Sources are the providers' postmaster pages (Google, Microsoft, Yahoo, Apple, Orange, Cox,
/// GoDaddy, Spectrum, Mimecast, …) as catalogued by Sisimai (BSD-2-Clause).
struct Provider: Sendable {
    enum Special: Sendable {
        case none, google, gsuite, docomo, coxCodes, godaddyCodes, francePTTCodes, spectrumCodes, facebookCodes,
            iuaCodes
        case mimecast, microsoft
    }
    let name: String
    let hosts: [String]
    /// Match phrases with their case as written (some providers' messages are matched exactly).
    let caseSensitive: Bool
    let phrases: [(String, [String])]
    let special: Special

    init(
        _ name: String, hosts: [String], caseSensitive: Bool = false, special: Special = .none,
        phrases: [(String, [String])] = []
    ) {
        self.name = name
        self.hosts = hosts
        self.caseSensitive = caseSensitive
        self.phrases = phrases
        self.special = special
    }
}

/// One (reply code, status, phrase) rule of a provider.
struct ProviderCodeRule: Sendable {
    let reply: String
    let status: String
    let phrase: String
    let reason: String
}

/// One (status or status prefix with detail range, phrase) rule (Microsoft).
struct StatusRangeRule: Sendable {
    let status: String
    let low: Int
    let high: Int
    let phrase: String
    let reason: String
}

enum ProviderTable {
    static let providers: [Provider] = [
        Provider(
            "Aol", hosts: [".mail.aol.com", ".mx.aol.com"], caseSensitive: true,
            phrases: [
                ("hostunknown", ["Host or domain name not found"]),
                ("notaccept", ["type=MX: Malformed or unexpected name server reply"]),
            ]),
        Provider(
            "Apple", hosts: [".mail.icloud.com", ".apple.com", ".me.com"],
            phrases: [
                ("authfailure", ["s dmarc policy", "blocked for failing both spf and dkim autentication checks"]),
                (
                    "blocked",
                    [
                        "rejected due to having a domain present in the spamhaus",
                        "rejected due to listing in spamhaus",
                        "blocked - see https://support.proofpoint.com/dnsbl-lookup", "not accepting connections",
                    ]
                ),
                ("hasmoved", ["recipient no longer on server"]), ("mailboxfull", ["user is over quota"]),
                ("norelaying", ["relay access denied"]), ("notaccept", ["host/domain does not accept mail"]),
                ("policyviolation", ["due to local policy"]), ("rejected", ["sender address rejected"]),
                ("speeding", ["due to excessive volume"]),
                ("userunknown", ["inactive email address", "user does not exist", "unknown or illegal alias"]),
            ]),
        Provider(
            "Cloudflare", hosts: [".mx.cloudflare.net"], caseSensitive: true,
            phrases: [
                ("blocked", ["found on one or more DNSBLs"]), ("systemerror", ["Upstream error"]),
            ]),
        Provider(
            "Cox", hosts: ["cox.net"], special: .coxCodes,
            phrases: [
                ("blocked", ["cox too many bad commands from", "too many invalid recipients"]),
                ("requireptr", ["dns check failure - try again later", "rejected - no rdns"]),
                ("policyviolation", ["esmtp no data before greeting", "attachment extension is forbidden"]),
                ("rejected", ["sender rejected"]), ("systemerror", ["esmtp server temporarily not available"]),
                (
                    "toomanyconn",
                    [
                        "too many sessions from", "requested action aborted: try again later",
                        "message threshold exceeded",
                    ]
                ),
                ("userunknown", ["recipient rejected"]),
            ]),
        Provider("Facebook", hosts: [".facebook.com"], special: .facebookCodes),
        Provider(
            "FrancePTT", hosts: [".laposte.net", ".orange.fr", ".wanadoo.fr"], special: .francePTTCodes,
            phrases: [
                ("authfailure", ["spf/dns de votre nom de domaine"])
            ]),
        Provider(
            "GoDaddy", hosts: ["smtp.secureserver.net", "mailstore1.secureserver.net"], special: .godaddyCodes,
            phrases: [
                ("blocked", ["rbl reject", "www.spamhaus.org/query/bl?ip="]),
                ("expired", ["has been in the queue too long", "delivery timeout"]),
                ("mailboxfull", ["account storage limit"]),
                ("spamdetected", ["message rejected for spam or virus content"]),
                ("suspend", ["account disabled"]), ("systemerror", ["message is looping"]),
                ("userunknown", ["recipient not found", "account does not exist"]),
            ]),
        Provider("Google", hosts: ["aspmx.l.google.com", "gmail-smtp-in.l.google.com"], special: .google),
        Provider(
            "GSuite", hosts: ["googlemail.com"], caseSensitive: true, special: .gsuite,
            phrases: [
                ("hostunknown", [" responded with code NXDOMAIN", "Domain name not found"]),
                (
                    "networkerror",
                    [" had no relevant answers.", "responded with code NXDOMAIN", "Domain name not found"]
                ),
                ("notaccept", ["Null MX"]),
                (
                    "userunknown",
                    ["because the address couldn't be found. Check for typos or unnecessary spaces and try again."]
                ),
            ]),
        Provider("IUA", hosts: [".email.ua"], special: .iuaCodes),
        Provider(
            "KDDI", hosts: [".ezweb.ne.jp", "msmx.au.com"],
            phrases: [
                ("filtered", ["550 : user unknown"]), ("userunknown", [">: user unknown"]),
            ]),
        Provider(
            "MessageLabs", hosts: [".messagelabs.com"], caseSensitive: true,
            phrases: [
                ("authfailure", ["domain authentication fail"]), ("badreputation", ["Connection rejected by policy"]),
                (
                    "blocked",
                    [
                        "mail rejected because your IP is in the PBL", "your IP address has been ",
                        "your IP address (ip-addr) has been blocked", "your email address (addr) has been blocked",
                    ]
                ),
                ("contenterror", ["Stray linefeeds in message"]), ("failedstarttls", ["TLS/SSLv3 Connection required"]),
                ("norelaying", [" as a relay, "]),
                (
                    "notcompliantrfc",
                    ["550 Requested action aborted [4]", "has detected that this message is not RFC 5322"]
                ),
                (
                    "rejected",
                    [
                        "sender envelope domain not allowed for sender IP address", "your domain has been blocked",
                        "your email address has been blocked", "your envelope sender is in my badmailfrom list",
                        "your email address has been blacklisted", "your domain has been blacklisted",
                    ]
                ),
                ("securityerror", ["Please turn on SMTP Authentication in your mail client"]),
                ("spamdetected", ["Message Filtered", "filtered by Outbound scanning"]),
                ("toomanyconn", ["Too many recipients received this hour", "too many messages"]),
                (
                    "userunknown",
                    ["No such user", "Invalid recipient", "mailbox is not allowed", "Recipient mailbox is not allowed"]
                ),
            ]),
        Provider(
            "Microsoft",
            hosts: [".prod.outlook.com", ".protection.outlook.com", ".onmicrosoft.com", ".exchangelabs.com"],
            special: .microsoft),
        Provider("Mimecast", hosts: [".mimecast.com"], special: .mimecast),
        Provider(
            "NTTDOCOMO", hosts: ["mfsmax.docomo.ne.jp"], special: .docomo,
            phrases: [
                ("mailboxfull", ["552 too much mail data"]),
                ("syntaxerror", ["503 bad sequence of commands", "504 command parameter not implemented"]),
                ("toomanyconn", ["552 too many recipients"]), ("userunknown", ["550 unknown user"]),
            ]),
        Provider(
            "Outlook", hosts: [".hotmail.com"], caseSensitive: true,
            phrases: [
                (
                    "hostunknown",
                    ["The mail could not be delivered to the recipient because the domain is not reachable"]
                ),
                ("userunknown", ["Requested action not taken: mailbox unavailable"]),
            ]),
        Provider("Spectrum", hosts: ["charter.net"], special: .spectrumCodes),
        Provider(
            "Tencent", hosts: [".qq.com"],
            phrases: [
                ("authfailure", ["spf check failed", "dmarc check failed"]),
                ("blocked", ["suspected bounce attacks", "suspected spam ip", "connection denied"]),
                ("mesgtoobig", ["message too large"]),
                ("rejected", ["suspected spam", "mail is rejected by recipients"]),
                ("spamdetected", ["spam is embedded in the email", "mail content denied"]),
                ("speeding", ["mailbox unavailable or access denined", "frequency of receiving messages is limited"]),
                ("suspend", ["is a deactivated mailbox"]), ("syntaxerror", ["bad address syntax"]),
                (
                    "toomanyconn",
                    [
                        "ip frequency limited", "domain frequency limited", "sender frequency limited",
                        "connection frequency limited",
                    ]
                ),
                ("userunknown", ["mailbox not found"]),
            ]),
        Provider(
            "YahooInc", hosts: [".yahoodns.net"],
            phrases: [
                ("authfailure", ["yahoo requires all senders to authenticate with either spf or dkim"]),
                (
                    "blocked",
                    [" because the ip is in spamhaus's list;", "not accepted from ip addresses on spamhaus xbl"]
                ),
                ("norelaying", ["relaying denied for "]), ("notcompliantrfc", ["headers are not rfc compliant"]),
                ("policyviolation", ["not accepted for policy reasons"]),
                (
                    "rejected",
                    [
                        "temporarily deferred due to unexpected volume or user complaints",
                        "due to unresolvable rfc.5321 domain",
                        " will be permanently deferred",
                    ]
                ),
                ("speeding", ["user is receiving mail too quickly"]),
                ("suspend", [" is no longer valid.", "this mailbox is disabled"]),
                ("syntaxerror", ["syntax error in parameters or arguments"]),
                ("toomanyconn", ["max message per connection reached"]),
                ("userunknown", ["dd this user doesn't have a ", "mailbox not found"]),
            ]),
        Provider(
            "Zoho", hosts: [".zoho.com", ".zohomail.com"], caseSensitive: true,
            phrases: [
                ("authfailure", ["Email rejected per DMARC policy"]),
                ("blocked", ["Greylisted, try again after some time"]),
                (
                    "rejected",
                    ["Email cannot be delivered. Reason: Email flagged as Spam", "Mail rejected by destination domain"]
                ),
                (
                    "policyviolation",
                    ["Email policy violation detected", "Mailbox delivery restricted by policy error"]
                ),
                ("systemerror", ["Temporary System Error"]), ("userunknown", ["User does not exist"]),
                ("virusdetected", [" detected by Zoho Mail"]),
            ]),
    ]

    static let googleRules: [ProviderCodeRule] = [
        .init(reply: "451", status: "4.7.24", phrase: "the spf record of the sending domain", reason: "authfailure"),
        .init(reply: "550", status: "5.7.24", phrase: "the spf record of the sending domain", reason: "authfailure"),
        .init(
            reply: "421", status: "4.7.26", phrase: "senders to authenticate with either spf or dkim",
            reason: "authfailure"),
        .init(
            reply: "550", status: "5.7.26", phrase: "senders to authenticate with either spf or dkim",
            reason: "authfailure"),
        .init(
            reply: "550", status: "5.7.26", phrase: "fails to pass spf checks for an spf record with a hard fail",
            reason: "authfailure"),
        .init(
            reply: "550", status: "5.7.26", phrase: "has an spf record with a hard fail policy", reason: "authfailure"),
        .init(
            reply: "451", status: "4.7.26", phrase: "is not accepted due to domain's dmarc policy",
            reason: "authfailure"),
        .init(
            reply: "550", status: "5.7.26", phrase: "is not accepted due to domain's dmarc policy",
            reason: "authfailure"),
        .init(reply: "550", status: "5.7.1", phrase: "fails to pass authentication checks", reason: "authfailure"),
        .init(reply: "550", status: "5.7.26", phrase: "fails to pass authentication checks", reason: "authfailure"),
        .init(reply: "421", status: "4.7.27", phrase: "senders to authenticate with spf", reason: "authfailure"),
        .init(
            reply: "421", status: "4.7.27", phrase: "senders to authenticate their email with spf",
            reason: "authfailure"),
        .init(reply: "550", status: "5.7.27", phrase: "senders to authenticate with spf", reason: "authfailure"),
        .init(
            reply: "421", status: "4.7.30", phrase: "senders to authenticate their email with dkim",
            reason: "authfailure"),
        .init(reply: "550", status: "5.7.30", phrase: "senders to authenticate with dkim", reason: "authfailure"),
        .init(
            reply: "421", status: "4.7.32", phrase: "aligned with either the authenticated spf or dkim",
            reason: "authfailure"),
        .init(reply: "421", status: "4.7.40", phrase: "to add a dmarc record to ", reason: "authfailure"),
        .init(
            reply: "421", status: "4.7.0", phrase: "very low reputation of the sending ip address",
            reason: "badreputation"),
        .init(
            reply: "421", status: "4.7.0", phrase: "very low reputation of the sending domain", reason: "badreputation"),
        .init(
            reply: "550", status: "5.7.1", phrase: "due to the very low reputation of the sending ip address",
            reason: "badreputation"),
        .init(
            reply: "550", status: "5.7.1", phrase: "due to the very low reputation of the sending domain",
            reason: "badreputation"),
        .init(reply: "421", status: "4.7.0", phrase: "ip not in whitelist for rcpt domain", reason: "blocked"),
        .init(reply: "421", status: "4.7.0", phrase: "try again later, closing connection.", reason: "blocked"),
        .init(reply: "501", status: "5.5.4", phrase: "empty helo/ehlo argument not allowed", reason: "blocked"),
        .init(reply: "501", status: "5.5.4", phrase: "helo/ehlo argument is invalid", reason: "blocked"),
        .init(reply: "421", status: "4.7.0", phrase: "an unusual rate of unsolicited mail", reason: "blocked"),
        .init(reply: "421", status: "4.7.28", phrase: "an unusual rate of mail", reason: "blocked"),
        .init(reply: "550", status: "5.7.1", phrase: "an unusual rate of unsolicited mail", reason: "blocked"),
        .init(reply: "550", status: "5.7.28", phrase: "an unusual rate of unsolicited mail", reason: "blocked"),
        .init(reply: "552", status: "5.2.3", phrase: "exceeded google's message size limits", reason: "exceedlimit"),
        .init(
            reply: "552", status: "5.3.4", phrase: "your message exceeded google's message header size limits",
            reason: "exceedlimit"),
        .init(reply: "552", status: "5.3.4", phrase: "bytes per individual header size", reason: "exceedlimit"),
        .init(reply: "421", status: "4.7.0", phrase: "connection expired", reason: "expired"),
        .init(reply: "451", status: "4.4.2", phrase: "timeout - closing connection", reason: "expired"),
        .init(reply: "530", status: "5.7.0", phrase: "must issue a starttls command first", reason: "failedstarttls"),
        .init(reply: "421", status: "4.7.0", phrase: "tls required for rcpt domain", reason: "failedstarttls"),
        .init(reply: "421", status: "4.7.29", phrase: "senders to use tls/ssl for smtp", reason: "failedstarttls"),
        .init(reply: "550", status: "5.7.29", phrase: "senders to use tls/ssl for smtp", reason: "failedstarttls"),
        .init(reply: "452", status: "4.2.2", phrase: "inbox is out of storage space", reason: "mailboxfull"),
        .init(
            reply: "552", status: "5.2.2", phrase: "inbox is out of storage space and inactive", reason: "mailboxfull"),
        .init(reply: "452", status: "4.2.2", phrase: "is over quota", reason: "mailboxfull"),
        .init(reply: "552", status: "5.2.2", phrase: "is over quota", reason: "mailboxfull"),
        .init(reply: "550", status: "5.7.1", phrase: "email quota exceeded", reason: "mailboxfull"),
        .init(reply: "552", status: "5.3.4", phrase: "exceeded google's message size limits", reason: "mesgtoobig"),
        .init(reply: "552", status: "5.3.4", phrase: "exceeds google's message size limit of", reason: "mesgtoobig"),
        .init(reply: "554", status: "5.4.6", phrase: "message exceeded 50 hops", reason: "networkerror"),
        .init(reply: "550", status: "5.7.0", phrase: "mail relay denied", reason: "norelaying"),
        .init(reply: "550", status: "5.7.1", phrase: "invalid credentials for relay", reason: "norelaying"),
        .init(
            reply: "550", status: "5.7.1", phrase: "is not authorized to send email directly to our servers",
            reason: "norelaying"),
        .init(
            reply: "550", status: "5.7.1", phrase: "missing a valid address in the from: header",
            reason: "notcompliantrfc"),
        .init(
            reply: "550", status: "5.7.1", phrase: "multiple addresses in from: header are not accepted",
            reason: "notcompliantrfc"),
        .init(reply: "550", status: "5.7.1", phrase: "is not rfc 5322 compliant", reason: "notcompliantrfc"),
        .init(reply: "550", status: "5.7.1", phrase: "missing a valid message-id: header", reason: "notcompliantrfc"),
        .init(
            reply: "550", status: "5.7.1", phrase: "contains a unicode character in a disallowed header",
            reason: "notcompliantrfc"),
        .init(reply: "550", status: "5.7.1", phrase: "encoded-word syntax is not permitted", reason: "notcompliantrfc"),
        .init(reply: "553", status: "5.1.7", phrase: "is not a valid rfc 5321 address", reason: "notcompliantrfc"),
        .init(reply: "554", status: "5.6.0", phrase: "mail message is malformed", reason: "notcompliantrfc"),
        .init(reply: "552", status: "5.7.0", phrase: "illegal attachment on your message", reason: "policyviolation"),
        .init(
            reply: "552", status: "5.7.0", phrase: "blocked because its content presents a potential security issue",
            reason: "policyviolation"),
        .init(
            reply: "550", status: "5.7.1", phrase: "you are sending to (or from) has a policy that prohibited",
            reason: "policyviolation"),
        .init(
            reply: "421", status: "4.7.28", phrase: "sending messages with the same message-id:",
            reason: "policyviolation"),
        .init(reply: "550", status: "5.7.0", phrase: "mail sending denied", reason: "rejected"),
        .init(reply: "550", status: "5.7.1", phrase: "unauthenticated email is not accepted", reason: "rejected"),
        .init(reply: "421", status: "4.7.0", phrase: "does not have a ptr record", reason: "requireptr"),
        .init(reply: "421", status: "4.7.23", phrase: " have a ptr record, or the ptr record", reason: "requireptr"),
        .init(
            reply: "550", status: "5.7.1",
            phrase: "does not meet ipv6 sending guidelines regarding ptr records and authentication",
            reason: "requireptr"),
        .init(reply: "550", status: "5.7.25", phrase: "does not have a ptr record", reason: "requireptr"),
        .init(
            reply: "550", status: "5.7.25", phrase: "does not match the ip address of the hostname",
            reason: "requireptr"),
        .init(reply: "454", status: "4.7.0", phrase: "too many login attempts", reason: "securityerror"),
        .init(reply: "503", status: "5.7.0", phrase: "no identity changes permitted", reason: "securityerror"),
        .init(reply: "530", status: "5.5.1", phrase: "authentication required.", reason: "securityerror"),
        .init(reply: "530", status: "5.7.0", phrase: "authentication required.", reason: "securityerror"),
        .init(reply: "535", status: "5.7.1", phrase: "application-specific password required", reason: "securityerror"),
        .init(reply: "535", status: "5.7.9", phrase: "application-specific password required", reason: "securityerror"),
        .init(reply: "535", status: "5.7.1", phrase: "please log in with your web browser", reason: "securityerror"),
        .init(reply: "534", status: "5.7.9", phrase: "please log in with your web browser", reason: "securityerror"),
        .init(
            reply: "534", status: "5.7.14", phrase: "please log in through your web browser", reason: "securityerror"),
        .init(reply: "535", status: "5.7.1", phrase: "username and password not accepted", reason: "securityerror"),
        .init(reply: "535", status: "5.7.8", phrase: "username and password not accepted", reason: "securityerror"),
        .init(
            reply: "421", status: "4.7.0", phrase: "due to the nature of the content or the links within",
            reason: "spamdetected"),
        .init(reply: "550", status: "5.7.1", phrase: "likely unsolicited mail", reason: "spamdetected"),
        .init(reply: "450", status: "4.2.1", phrase: "is receiving mail too quickly", reason: "speeding"),
        .init(reply: "450", status: "4.2.1", phrase: "peak smtp relay limit exceeded for customer", reason: "speeding"),
        .init(
            reply: "450", status: "4.2.1", phrase: "rate that prevents additional messages from being delivered",
            reason: "speeding"),
        .init(
            reply: "550", status: "5.2.1", phrase: "rate that prevents additional messages from being delivered",
            reason: "speeding"),
        .init(reply: "550", status: "5.4.5", phrase: "daily sending quota exceeded", reason: "speeding"),
        .init(reply: "550", status: "5.4.5", phrase: "daily user sending limit exceeded", reason: "speeding"),
        .init(reply: "550", status: "5.4.5", phrase: "daily smtp relay limit exceeded for", reason: "speeding"),
        .init(reply: "550", status: "5.7.1", phrase: "daily smtp relay limit exceeded for", reason: "speeding"),
        .init(reply: "550", status: "5.7.1", phrase: "this mail has been rate limited", reason: "speeding"),
        .init(reply: "550", status: "5.2.1", phrase: "account that you tried to reach is disabled", reason: "suspend"),
        .init(reply: "550", status: "5.2.1", phrase: "account that you tried to reach is inactive", reason: "suspend"),
        .init(reply: "451", status: "4.5.0", phrase: "smtp protocol violation", reason: "syntaxerror"),
        .init(reply: "525", status: "5.7.10", phrase: "smtp protocol violation", reason: "syntaxerror"),
        .init(reply: "501", status: "5.5.2", phrase: "syntax error", reason: "syntaxerror"),
        .init(reply: "503", status: "5.5.1", phrase: "bad sequence of commands", reason: "syntaxerror"),
        .init(reply: "502", status: "5.5.1", phrase: "unrecognized command", reason: "syntaxerror"),
        .init(reply: "421", status: "4.3.0", phrase: "temporary system problem", reason: "systemerror"),
        .init(reply: "421", status: "4.4.5", phrase: "server busy", reason: "systemerror"),
        .init(reply: "451", status: "4.3.0", phrase: "mail server temporarily rejected message", reason: "systemerror"),
        .init(reply: "452", status: "4.5.3", phrase: "your message has too many recipients", reason: "toomanyconn"),
        .init(
            reply: "550", status: "5.1.1", phrase: "the email account that you tried to reach does not exist",
            reason: "userunknown"),
        .init(
            reply: "553", status: "5.1.2", phrase: "we weren't able to find the recipient domain", reason: "userunknown"
        ),
        .init(reply: "553", status: "5.1.3", phrase: "is not a valid rfc 5321 address", reason: "userunknown"),
    ]

    /// Outlook.com postmaster error codes: code → (reply code, reason).
    static let outlookComCodes: [(String, String, String)] = [
        ("RP-001", "421", "badreputation"), ("RP-002", "421", "badreputation"), ("RP-003", "421", "badreputation"),
        ("SC-001", "550", "badreputation"), ("SC-002", "550", "policyviolation"), ("SC-003", "550", "blocked"),
        ("SC-004", "550", "blocked"), ("DY-001", "550", "blocked"), ("DY-002", "550", "virusdetected"),
        ("OU-001", "550", "blocked"), ("OU-002", "550", "badreputation"),
    ]

    static let coxCodes: [String: String] = [
        "CXBL": "blocked", "CXDNS": "requireptr", "CXSNDR": "authfailure", "CXSMTP": "rejected",
        "CXCNCT": "toomanyconn",
        "CXMXRT": "toomanyconn", "CDRBL": "blocked", "CXTHRT": "securityerror", "CXMJ": "securityerror",
        "IPBL0001": "blocked", "IPBL0010": "blocked", "IPBL0100": "blocked", "IPBL0011": "blocked",
        "IPBL0101": "blocked",
        "IPBL0110": "blocked", "IPBL0111": "blocked", "IPBL1000": "blocked", "IPBL1001": "blocked",
        "IPBL1010": "blocked",
        "IPBL1011": "blocked", "IPBL1100": "blocked", "IPBL1101": "blocked", "IPBL1110": "blocked",
        "IPBL1111": "blocked",
        "IPBL00001": "blocked", "URLBL011": "spamdetected", "URLBL101": "spamdetected", "URLBL110": "spamdetected",
        "URLBL1001": "spamdetected",
    ]

    static let godaddyCodes: [String: String] = [
        "IB401": "securityerror", "IB501": "notcompliantrfc", "IB502": "notcompliantrfc", "IB506": "rejected",
        "IB508": "authfailure", "IB108": "requireptr", "IB212": "spamdetected", "IB705": "virusdetected",
        "IB605": "toomanyconn", "IB007": "toomanyconn", "IB101": "speeding", "IB110": "blocked", "IB111": "blocked",
        "IB112": "blocked", "IB113": "blocked", "IB504": "speeding", "IB510": "speeding", "IB607": "speeding",
        "IB103": "badreputation", "IB104": "blocked", "IB105": "blocked", "IB106": "blocked",
    ]

    static let francePTTCodes: [(String, String)] = [
        ("101", "blocked"), ("102", "blocked"), ("103", "blocked"), ("104", "toomanyconn"), ("305", "securityerror"),
        ("401", "authfailure"), ("402", "securityerror"), ("403", "rejected"), ("405", "rejected"), ("415", "rejected"),
        ("416", "userunknown"), ("417", "mailboxfull"), ("420", "suspend"), ("421", "rejected"), ("426", "suspend"),
        ("505", "systemerror"), ("506", "spamdetected"), ("510", "blocked"), ("514", "mesgtoobig"),
        ("517", "authfailure"),
        ("630", "policyviolation"), ("999", "blocked"),
    ]

    static let spectrumCodes: [(Int, Int, String)] = [
        (1000, 0, "blocked"), (1010, 0, "rejected"), (1020, 1080, "rejected"), (1090, 0, "systemerror"),
        (1100, 1150, "requireptr"), (1160, 1190, "policyviolation"), (1200, 1210, "blocked"), (1220, 1250, "blocked"),
        (1260, 0, "networkerror"), (1300, 1340, "toomanyconn"), (1350, 1490, "speeding"), (1500, 0, "rejected"),
        (1520, 0, "rejected"), (1530, 0, "mesgtoobig"), (1540, 0, "speeding"), (1550, 0, "speeding"),
        (1560, 0, "policyviolation"), (1580, 0, "speeding"),
    ]

    static let facebookCodes: [(String, [String])] = [
        ("authfailure", ["POL-P7"]),
        ("blocked", ["POL-P1", "POL-P2", "POL-P3", "POL-P4", "POL-T1", "POL-T2", "POL-T3"]),
        ("contenterror", ["MSG-P2"]), ("filtered", ["RCP-P2", "RCP-P3"]), ("mesgtoobig", ["MSG-P1", "INT-P2"]),
        ("notcompliantrfc", ["MSG-P3"]), ("rejected", ["DNS-P1", "DNS-P2", "DNS-T1"]),
        ("requireptr", ["DNS-P3", "DNS-T2"]),
        ("spamdetected", ["POL-P6"]), ("suspend", ["RCP-T4"]), ("systemerror", ["RCP-T1"]),
        ("toomanyconn", ["CON-T1", "CON-T2", "CON-T3", "CON-T4", "MSG-T1"]),
        ("userunknown", ["RCP-P1", "INT-P1", "INT-P3", "INT-P4"]), ("virusdetected", ["POL-P5"]),
    ]

    static let iuaCodes: [String: String] = [
        "1": "norelaying", "2": "userunknown", "3": "suspend", "4": "mailboxfull", "5": "toomanyconn",
        "6": "norelaying",
        "7": "blocked", "8": "rejected", "9": "blocked", "10": "filtered",
    ]

    static let mimecastRules: [ProviderCodeRule] = [
        .init(reply: "550", status: "", phrase: "spf sender invalid - envelope rejected", reason: "authfailure"),
        .init(reply: "550", status: "", phrase: "dkim sender invalid - envelope rejected", reason: "authfailure"),
        .init(reply: "550", status: "", phrase: "dmarc sender invalid - envelope rejected", reason: "authfailure"),
        .init(
            reply: "451", status: "", phrase: "internal resources are temporarily unavailable", reason: "badreputation"),
        .init(reply: "550", status: "", phrase: "local ct ip reputation - (reject)", reason: "badreputation"),
        .init(reply: "421", status: "", phrase: "sender address blocked", reason: "blocked"),
        .init(reply: "451", status: "", phrase: "recipient temporarily unavailable", reason: "blocked"),
        .init(reply: "451", status: "", phrase: "ip temporarily blacklisted", reason: "blocked"),
        .init(reply: "553", status: "", phrase: "this route requires encryption (tls)", reason: "failedstarttls"),
        .init(
            reply: "553", status: "", phrase: "this route requires tls version 1.2 or greater", reason: "failedstarttls"
        ),
        .init(reply: "553", status: "", phrase: "this route requires high-strength ciphers", reason: "failedstarttls"),
        .init(
            reply: "554", status: "", phrase: "configuration is invalid for this certificate", reason: "failedstarttls"),
        .init(reply: "554", status: "", phrase: "maximum email size exceeded", reason: "mesgtoobig"),
        .init(reply: "451", status: "", phrase: "the incorrect hostname used for inbounds", reason: "networkerror"),
        .init(reply: "550", status: "", phrase: "the incorrect hostname used for inbounds", reason: "networkerror"),
        .init(reply: "554", status: "", phrase: "mail loop detected", reason: "networkerror"),
        .init(reply: "451", status: "", phrase: "open relay not allowed", reason: "norelaying"),
        .init(reply: "451", status: "", phrase: "open relay is not allowed", reason: "norelaying"),
        .init(reply: "451", status: "", phrase: "account inbounds disabled", reason: "notaccept"),
        .init(
            reply: "550", status: "", phrase: "anti-spoofing policy - inbound not allowed", reason: "policyviolation"),
        .init(
            reply: "550", status: "", phrase: "rejected by header-based anti-spoofing policy", reason: "policyviolation"
        ),
        .init(reply: "554", status: "", phrase: "host network not allowed", reason: "policyviolation"),
        .init(reply: "554", status: "", phrase: "host network, not allowed", reason: "policyviolation"),
        .init(reply: "550", status: "", phrase: "administrative prohibition envelope blocked", reason: "rejected"),
        .init(reply: "550", status: "", phrase: "envelope blocked - user entry", reason: "rejected"),
        .init(reply: "550", status: "", phrase: "envelope blocked - user domain entry", reason: "rejected"),
        .init(
            reply: "550", status: "", phrase: "envelope rejected - block policy for envelope from address",
            reason: "rejected"),
        .init(reply: "535", status: "", phrase: "incorrect authentication data", reason: "securityerror"),
        .init(reply: "550", status: "", phrase: "submitter failed to authenticate", reason: "securityerror"),
        .init(reply: "451", status: "", phrase: "unable to process connection at this time", reason: "systemerror"),
        .init(reply: "451", status: "", phrase: "message ended early", reason: "systemerror"),
        .init(reply: "451", status: "", phrase: "unable to process command", reason: "systemerror"),
        .init(reply: "451", status: "", phrase: "account service is temporarily unavailable", reason: "toomanyconn"),
        .init(reply: "452", status: "", phrase: "too many recipients", reason: "toomanyconn"),
        .init(reply: "550", status: "", phrase: "exceeding outbound thread limit", reason: "toomanyconn"),
        .init(reply: "501", status: "", phrase: "invalid address", reason: "userunknown"),
        .init(reply: "503", status: "", phrase: "user unknown", reason: "userunknown"),
        .init(reply: "550", status: "", phrase: "invalid recipient", reason: "userunknown"),
        .init(reply: "554", status: "", phrase: "email rejected due to security policies", reason: "virusdetected"),
    ]

    static let microsoftRules: [StatusRangeRule] = [
        .init(
            status: "4.7.26", low: 0, high: 0,
            phrase: "must pass either spf or dkim validation, this message is not signed", reason: "authfailure"),
        .init(
            status: "5.7.23", low: 0, high: 0,
            phrase: "the message was rejected because of sender policy framework violation", reason: "authfailure"),
        .init(status: "5.7.509", low: 0, high: 0, phrase: "does not pass dmarc verification", reason: "authfailure"),
        .init(
            status: "5.7.515", low: 0, high: 0, phrase: "doesn't meet the required authentication level",
            reason: "authfailure"),
        .init(
            status: "4.7.650", low: 0, high: 0, phrase: "has been temporarily rate limited due to ip reputation",
            reason: "badreputation"),
        .init(status: "4.4.2", low: 0, high: 0, phrase: "connection dropped", reason: "blocked"),
        .init(status: "4.7.", low: 850, high: 899, phrase: "access denied, please try again later", reason: "blocked"),
        .init(status: "5.7.25", low: 0, high: 0, phrase: "must have a reverse dns record", reason: "blocked"),
        .init(status: "5.7.506", low: 0, high: 0, phrase: "access denied, bad helo", reason: "blocked"),
        .init(status: "5.7.507", low: 0, high: 0, phrase: "access denied, rejected by recipient", reason: "blocked"),
        .init(status: "5.7.510", low: 0, high: 0, phrase: "does not accept email over ipv6", reason: "blocked"),
        .init(status: "5.7.511", low: 0, high: 0, phrase: "access denied, banned sender", reason: "blocked"),
        .init(status: "5.7.513", low: 0, high: 0, phrase: "using customer block list", reason: "blocked"),
        .init(status: "5.7.", low: 606, high: 649, phrase: "access denied, banned sending ip ", reason: "blocked"),
        .init(status: "4.7.", low: 500, high: 699, phrase: "access denied, please try again later", reason: "blocked"),
        .init(
            status: "5.7.1", low: 0, high: 0, phrase: "part of their network is on our block list (s3150)",
            reason: "blocked"),
        .init(status: "5.3.0", low: 0, high: 0, phrase: "too many related errors", reason: "contenterror"),
        .init(status: "5.6.11", low: 0, high: 0, phrase: "invalid characters", reason: "contenterror"),
        .init(
            status: "5.2.3", low: 0, high: 0,
            phrase: "resolver.rst.recipsizelimit; message too large for this recipient", reason: "mesgtoobig"),
        .init(
            status: "5.3.4", low: 0, high: 0, phrase: "message size exceeds fixed maximum message size",
            reason: "mesgtoobig"),
        .init(status: "4.4.1", low: 0, high: 0, phrase: "connection timed out", reason: "expired"),
        .init(status: "4.4.7", low: 0, high: 0, phrase: "message delayed", reason: "expired"),
        .init(status: "4.4.7", low: 0, high: 0, phrase: "message expired", reason: "expired"),
        .init(status: "5.4.300", low: 0, high: 0, phrase: "message expired", reason: "expired"),
        .init(status: "5.4.316", low: 0, high: 0, phrase: "message expired", reason: "expired"),
        .init(status: "4.4.8", low: 0, high: 0, phrase: " failed mta-sts validation", reason: "failedstarttls"),
        .init(status: "5.4.8", low: 0, high: 0, phrase: " failed mta-sts validation", reason: "failedstarttls"),
        .init(
            status: "5.4.317", low: 0, high: 0, phrase: "starttls is required to send mail", reason: "failedstarttls"),
        .init(status: "4.7.323", low: 0, high: 0, phrase: "tlsa-invalid:", reason: "failedstarttls"),
        .init(status: "5.7.323", low: 0, high: 0, phrase: "tlsa-invalid:", reason: "failedstarttls"),
        .init(status: "4.7.324", low: 0, high: 0, phrase: "dnssec-invalid:", reason: "failedstarttls"),
        .init(status: "5.7.324", low: 0, high: 0, phrase: "dnssec-invalid:", reason: "failedstarttls"),
        .init(status: "4.7.325", low: 0, high: 0, phrase: "certificate-host-mismatch:", reason: "failedstarttls"),
        .init(status: "5.7.325", low: 0, high: 0, phrase: "certificate-host-mismatch:", reason: "failedstarttls"),
        .init(
            status: "4.7.5", low: 0, high: 0, phrase: "remote certificate failed mta-sts validation",
            reason: "failedstarttls"),
        .init(
            status: "5.7.5", low: 0, high: 0, phrase: "remote certificate failed mta-sts validation",
            reason: "failedstarttls"),
        .init(status: "4.7.321", low: 0, high: 0, phrase: "starttls-not-supported:", reason: "failedstarttls"),
        .init(status: "5.7.321", low: 0, high: 0, phrase: "starttls-not-supported:", reason: "failedstarttls"),
        .init(status: "5.7.322", low: 0, high: 0, phrase: "certificate-expired:", reason: "failedstarttls"),
        .init(status: "5.2.2", low: 0, high: 0, phrase: "mailbox full", reason: "mailboxfull"),
        .init(
            status: "5.4.4", low: 0, high: 0, phrase: "smtpsend.dns.nonexistentdomain; nonexistent domain",
            reason: "networkerror"),
        .init(
            status: "5.4.6", low: 0, high: 0, phrase: "hop count exceeded - possible mail loop", reason: "networkerror"),
        .init(status: "4.4.312", low: 0, high: 0, phrase: "dns query failed", reason: "networkerror"),
        .init(status: "5.4.312", low: 0, high: 0, phrase: "dns query failed", reason: "networkerror"),
        .init(status: "4.4.316", low: 0, high: 0, phrase: "connection refused", reason: "networkerror"),
        .init(status: "5.4.316", low: 0, high: 0, phrase: "connection refused", reason: "networkerror"),
        .init(status: "5.4.4", low: 0, high: 0, phrase: "invalid arguments", reason: "networkerror"),
        .init(status: "5.4.6", low: 0, high: 0, phrase: "routing loop detected", reason: "networkerror"),
        .init(status: "5.4.14", low: 0, high: 0, phrase: "routing loop detected", reason: "networkerror"),
        .init(status: "5.7.1", low: 0, high: 0, phrase: "unable to relay", reason: "norelaying"),
        .init(status: "5.7.1", low: 0, high: 0, phrase: "client was not authenticated", reason: "norelaying"),
        .init(status: "5.4.1", low: 0, high: 0, phrase: "relay access denied", reason: "norelaying"),
        .init(
            status: "5.7.64", low: 0, high: 0, phrase: "tenantattribution; relay access denied", reason: "norelaying"),
        .init(status: "5.4.310", low: 0, high: 0, phrase: "does not exist", reason: "norelaying"),
        .init(status: "4.3.2", low: 0, high: 0, phrase: "system not accepting network messages", reason: "notaccept"),
        .init(
            status: "4.4.4", low: 0, high: 0, phrase: "hosted tenant which has no mail-enabled subscriptions",
            reason: "notaccept"),
        .init(
            status: "5.3.2", low: 0, high: 0, phrase: "storedrv.deliver: missing or bad storedriver mdb properties",
            reason: "notaccept"),
        .init(status: "5.0.350", low: 0, high: 0, phrase: "x-dg-ref header is too long", reason: "policyviolation"),
        .init(
            status: "5.0.350", low: 0, high: 0, phrase: "requested action not taken: policy violation detected (as345)",
            reason: "policyviolation"),
        .init(
            status: "5.7.", low: 900, high: 999, phrase: "delivery not authorized, message refused",
            reason: "policyviolation"),
        .init(status: "5.1.7", low: 0, high: 0, phrase: "invalid address", reason: "rejected"),
        .init(status: "5.1.7", low: 0, high: 0, phrase: "unknown sender address", reason: "rejected"),
        .init(status: "5.1.0", low: 0, high: 0, phrase: "sender denied", reason: "rejected"),
        .init(status: "5.1.8", low: 0, high: 0, phrase: "access denied, bad outbound sender", reason: "rejected"),
        .init(status: "5.7.1", low: 0, high: 0, phrase: "delivery not authorized", reason: "rejected"),
        .init(
            status: "5.7.12", low: 0, high: 0, phrase: "sender was not authenticated by organization",
            reason: "rejected"),
        .init(status: "5.7.124", low: 0, high: 0, phrase: "sender not in allowed-senders list", reason: "rejected"),
        .init(status: "5.7.133", low: 0, high: 0, phrase: "sender not authenticated for group", reason: "rejected"),
        .init(
            status: "5.7.134", low: 0, high: 0, phrase: "sender was not authenticated for mailbox", reason: "rejected"),
        .init(
            status: "5.7.13", low: 0, high: 0, phrase: "sender was not authenticated for public folder",
            reason: "rejected"),
        .init(
            status: "5.7.135", low: 0, high: 0, phrase: "sender was not authenticated for public folder",
            reason: "rejected"),
        .init(status: "5.7.136", low: 0, high: 0, phrase: "sender was not authenticated", reason: "rejected"),
        .init(status: "5.7.", low: 501, high: 503, phrase: "access denied, spam abuse detected", reason: "rejected"),
        .init(
            status: "5.7.512", low: 0, high: 0,
            phrase: "access denied, message must be rfc 5322 section 3.6.2 compliant", reason: "rejected"),
        .init(
            status: "5.7.750", low: 0, high: 0,
            phrase: "service unavailable. client blocked from sending from unregistered domains", reason: "rejected"),
        .init(status: "5.7.", low: 501, high: 503, phrase: "access denied, banned sender", reason: "rejected"),
        .init(
            status: "5.7.3", low: 0, high: 0, phrase: "cannot achieve exchange server authentication",
            reason: "securityerror"),
        .init(status: "5.7.3", low: 0, high: 0, phrase: "not authorized", reason: "securityerror"),
        .init(
            status: "5.7.57", low: 0, high: 0,
            phrase: "client was not authenticated to send anonymous mail during mail from", reason: "securityerror"),
        .init(
            status: "5.2.1", low: 0, high: 0, phrase: "content filter agent quarantined this message",
            reason: "spamdetected"),
        .init(status: "5.5.3", low: 0, high: 0, phrase: "too many recipients", reason: "toomanyconn"),
        .init(
            status: "4.3.2", low: 0, high: 0, phrase: "storedrv.deliver; recipient thread limit exceeded",
            reason: "speeding"),
        .init(status: "4.5.3", low: 0, high: 0, phrase: "too many recipients", reason: "toomanyconn"),
        .init(
            status: "4.7.652", low: 0, high: 0, phrase: "has exceeded the maximum number of connections",
            reason: "toomanyconn"),
        .init(
            status: "5.1.90", low: 0, high: 0, phrase: "reached your daily limit for message recipients",
            reason: "speeding"),
        .init(status: "5.2.2", low: 0, high: 0, phrase: "submission quota exceeded", reason: "speeding"),
        .init(
            status: "5.2.121", low: 0, high: 0, phrase: "recipient's per hour message receive limit", reason: "speeding"
        ),
        .init(
            status: "5.2.122", low: 0, high: 0, phrase: "recipient's per hour message receive limit", reason: "speeding"
        ),
        .init(
            status: "5.2.122", low: 0, high: 0, phrase: "the recipient has exceeded their limit for", reason: "speeding"
        ),
        .init(status: "5.7.508", low: 0, high: 0, phrase: "has exceeded permitted limits within", reason: "speeding"),
        .init(status: "5.7.", low: 700, high: 749, phrase: "tenant has exceeded threshold", reason: "speeding"),
        .init(status: "5.7.", low: 700, high: 749, phrase: "traffic not accepted from this ip", reason: "speeding"),
        .init(
            status: "5.7.504", low: 0, high: 0, phrase: "recipient address rejected: access denied", reason: "suspend"),
        .init(status: "5.7.505", low: 0, high: 0, phrase: "access denied, banned recipient", reason: "suspend"),
        .init(status: "5.2.1", low: 0, high: 0, phrase: "mailbox cannot be accessed", reason: "suspend"),
        .init(status: "5.3.3", low: 0, high: 0, phrase: "unrecognized command", reason: "syntaxerror"),
        .init(status: "5.5.2", low: 0, high: 0, phrase: "send hello first", reason: "syntaxerror"),
        .init(status: "4.3.2", low: 0, high: 0, phrase: "service not available", reason: "systemerror"),
        .init(status: "4.3.2", low: 0, high: 0, phrase: "service not active", reason: "systemerror"),
        .init(status: "5.3.5", low: 0, high: 0, phrase: "system incorrectly configured", reason: "systemerror"),
        .init(status: "5.3.190", low: 0, high: 0, phrase: "when journaling archive is disabled", reason: "systemerror"),
        .init(status: "5.0.0", low: 0, high: 0, phrase: "helo / ehlo requires domain address", reason: "systemerror"),
        .init(status: "5.1.4", low: 0, high: 0, phrase: "destination mailbox address ambiguous", reason: "systemerror"),
        .init(status: "5.2.4", low: 0, high: 0, phrase: "mailing list expansion problem", reason: "systemerror"),
        .init(status: "5.2.14", low: 0, high: 0, phrase: "misconfigured forwarding address", reason: "systemerror"),
        .init(status: "4.4.", low: 22, high: 28, phrase: "message failed to be replicated:", reason: "systemerror"),
        .init(
            status: "4.4.3", low: 0, high: 0, phrase: "temporary server error. please try again later attr18",
            reason: "systemerror"),
        .init(
            status: "4.7.0", low: 0, high: 0, phrase: "temporary server error. please try again later. prx4 nexthop:",
            reason: "systemerror"),
        .init(status: "4.4.318", low: 0, high: 0, phrase: "(suspiciousremoteservererror)", reason: "systemerror"),
        .init(status: "5.4.318", low: 0, high: 0, phrase: "(suspiciousremoteservererror)", reason: "systemerror"),
        .init(
            status: "4.7.500", low: 0, high: 0, phrase: "server busy. please try again later from ",
            reason: "systemerror"),
        .init(status: "4.7.700", low: 0, high: 0, phrase: "pfa agent busy, please try again.", reason: "systemerror"),
        .init(status: "4.3.1", low: 0, high: 0, phrase: "insufficient system resources", reason: "systemfull"),
        .init(
            status: "5.1.1", low: 0, high: 0, phrase: "resolver.adr.exrecipnotfound; not found", reason: "userunknown"),
        .init(status: "5.1.1", low: 0, high: 0, phrase: "user unknown", reason: "userunknown"),
        .init(
            status: "5.1.3", low: 0, high: 0, phrase: "storedrv.submit; invalid recipient address",
            reason: "userunknown"),
        .init(status: "5.1.", low: 4, high: 5, phrase: "recipient address reserved by rfc 2606", reason: "userunknown"),
        .init(
            status: "5.1.6", low: 0, high: 0, phrase: "recipient addresses in single label domains not accepted",
            reason: "userunknown"),
        .init(status: "5.1.1", low: 0, high: 0, phrase: "bad destination mailbox address", reason: "userunknown"),
        .init(status: "5.1.10", low: 0, high: 0, phrase: "recipient not found", reason: "userunknown"),
        // Microsoft 365 says 5.1.10 for an address its directory does not know, not for a null MX.
        .init(status: "5.1.10", low: 0, high: 0, phrase: "resolver.adr.recipientnotfound", reason: "userunknown"),
        .init(
            status: "5.4.1", low: 0, high: 0, phrase: "recipient address rejected: access denied", reason: "userunknown"
        ),
        .init(
            status: "5.5.0", low: 0, high: 0, phrase: "requested action not taken: mailbox unavailable",
            reason: "userunknown"),
        .init(status: "5.1.2", low: 0, high: 0, phrase: "invalid x.400 address", reason: "userunknown"),
        .init(
            status: "5.1.351", low: 0, high: 0,
            phrase: "remote server returned unknown recipient or mailbox unavailable", reason: "userunknown"),
    ]
}
