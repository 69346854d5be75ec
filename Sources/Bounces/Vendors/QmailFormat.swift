import ByteText

/// qmail bounces ("Hi. This is the qmail-send program") and their clones (Yahoo!, others).
struct QmailFormat: Recogniser {
    let name = "qmail"

    static let boundaries = [
        "--- Below this line is a copy of the message.", "--- Below this line is a copy of the mail header.",
        "--- Below the next line is a copy of the message.", "--- Mensaje original adjunto.",
        "Content-Type: message/rfc822", "Original message follows.",
    ]
    private static let starts = [
        "Hi. This is the qmail", "He/Her is not ", "unable to deliver your message to the following addresses",
        "Su mensaje no pudo ser entregado", "Sorry, we were unable to deliver your message to the following address",
        "This is the machine generated message from mail service", "This is the mail delivery agent at",
        "Unable to deliver message to the following address",
        "Unfortunately, your mail was not delivered to the following address:",
        "Your mail message to the following address", "Your message to the following addresses", "We're sorry.",
    ]
    /// Data: the SMTP command a qmail-remote message points at.
    private static let commands: [(String, [String])] = [
        ("CONN", [" but greeting failed."]), ("EHLO", [" but my name was rejected."]),
        ("MAIL", [" but sender was rejected."]), ("RCPT", [" does not like recipient."]),
        ("DATA", [" failed on DATA command", " failed after I sent the message"]),
    ]
    /// Data: qmail and qmail-ldap messages and the reason they mean.
    private static let messages: [(String, [String])] = [
        ("hostunknown", ["Sorry, I couldn't find any host "]),
        ("mailboxfull", ["disk quota exceeded"]),
        ("mesgtoobig", ["Message size exceeds fixed maximum message size:"]),
        (
            "networkerror",
            [
                "Sorry, I wasn't able to establish an SMTP connection",
                "Sorry. Although I'm listed as a best-preference MX or A for that host",
            ]
        ),
        ("notaccept", ["Sorry, I couldn't find a mail exchanger or IP address"]),
        ("systemerror", ["bad interpreter: No such file or directory", "system error", "Unable to"]),
        ("systemfull", ["Requested action not taken: mailbox unavailable (not enough free space)"]),
        ("userunknown", ["no mailbox here by that name"]),
        ("exceedlimit", ["The message exeeded the maximum size the user accepts"]),
        (
            "suspend",
            [
                "Mailaddress is administrativly disabled", "Mailaddress is administrativley disabled",
                "Mailaddress is administratively disabled", "Mailaddress is administrativeley disabled",
            ]
        ),
        (
            "systemerror",
            [
                "Automatic homedir creator crashed", "Illegal value in LDAP attribute",
                "LDAP attribute is not given but mandatory",
                "Timeout while performing search on LDAP server", "Too many results returned but needs to be unique",
                "Permanent error while executing qmail-forward", "Temporary error in automatic homedir creation",
                "Temporary error while executing qmail-forward", "Temporary failure in LDAP lookup",
                "Unable to contact LDAP server", "Unable to login into LDAP server, bad credentials",
            ]
        ),
    ]

    func extract(_ document: BounceDocument) -> Extraction? {
        let byReceived = document.received.contains { $0.containsBytes("(qmail ") }
        guard document.subject == "failure notice" || document.subject == "Failure Notice" || byReceived else {
            return nil
        }
        let (head, tail) = ReportText.split(document.report, at: Self.boundaries)
        var facts = [DeliveryFacts]()
        var remoteSaid = [String]()
        for (_, text) in ReportText.lines(
            of: head, after: { text in Self.starts.contains(where: { text.containsBytes($0) }) })
        {
            if text.hasPrefix("<"), TextTools.aligned(text, ["<", "@", ">:"]) {
                var fact = DeliveryFacts()
                fact.recipient = TextTools.select(text, from: "<", to: ">:")
                facts.append(fact)
                remoteSaid.append("")
            } else if !facts.isEmpty {
                facts[facts.count - 1].diagnosis += text + " "
                if text.hasPrefix("Remote host said:") { remoteSaid[remoteSaid.count - 1] = text }
                if facts[facts.count - 1].remoteMTA.isEmpty {
                    for marker in ["Giving up on ", "Connected to ", "remote host "] {
                        let host = TextTools.select(text + " ", from: marker, to: " ")
                        if !host.isEmpty {
                            facts[facts.count - 1].remoteMTA = TextTools.sweep(host).trimming(".")
                            break
                        }
                    }
                }
            }
        }
        guard !facts.isEmpty else { return nil }
        for index in facts.indices {
            var fact = facts[index]
            fact.diagnosis = TextTools.sweep(fact.diagnosis)
            fact.command = Self.commands.first { $0.1.contains { fact.diagnosis.containsBytes($0) } }?.0 ?? ""
            if fact.command.isEmpty && fact.diagnosis.containsBytes("no SMTP connection got far enough") {
                fact.command = SMTPCommand.find(fact.diagnosis)
            }
            if fact.command == "EHLO" || fact.command == "HELO" {
                fact.reason = "blocked"
            } else if TextTools.aligned(
                fact.diagnosis, [" does not like recipient.", "this message has been in the queue too long."])
            {
                fact.reason = "onhold"
            } else {
                for text in [remoteSaid[index], fact.diagnosis] where fact.reason.isEmpty && !text.isEmpty {
                    if let match = Self.messages.first(where: { $0.1.contains { text.containsBytes($0) } }) {
                        fact.reason = match.0
                    } else if text.containsBytes("this message has been in the queue too long.") {
                        fact.reason = "expired"
                    }
                }
            }
            if fact.command.isEmpty { fact.command = SMTPCommand.find(fact.diagnosis) }
            facts[index] = fact
        }
        return Extraction(
            facts: facts, kind: .vendor, recogniser: name,
            original: document.original ?? ReportText.originalHeaders(tail))
    }
}
