import ByteText

/// Data: local delivery agents (procmail, dovecot, …) and what their error messages mean.
enum LocalAgentTable {
    /// Agent name → phrases that show the agent wrote the message (lower case).
    static let agents: [(String, [String])] = [
        ("dovecot", ["your message to <", "> was automatically rejected:"]),
        ("mail.local", ["mail.local: "]),
        ("procmail", ["procmail: ", "/procmail "]),
        ("maildrop", ["maildrop: "]),
        ("vpopmail", ["vdelivermail: "]),
        ("vmailmgr", ["vdeliver: "]),
    ]

    /// Agent name → (reason, phrases) in the order they are checked.
    static let messages: [String: [(String, [String])]] = [
        "dovecot": [
            ("mailboxfull", ["not enough disk space", "quota exceeded", "quota exceeded (mailbox for user is full)"]),
            ("userunknown", ["mailbox doesn't exist: "]),
        ],
        "mail.local": [
            ("mailboxfull", ["disc quota exceeded", "mailbox full or quota exceeded"]),
            ("systemerror", ["temporary file write error"]),
            (
                "userunknown",
                [": invalid mailbox path", ": unknown user:", ": user missing home directory", ": user unknown"]
            ),
        ],
        "procmail": [
            ("mailboxfull", ["quota exceeded while writing", "user over quota"]),
            ("systemerror", ["service unavailable"]),
            ("systemfull", ["no space left to finish writing"]),
        ],
        "maildrop": [
            ("mailboxfull", ["maildir over quota."]),
            ("userunknown", ["cannot find system user", "invalid user specified."]),
        ],
        "vpopmail": [
            ("filtered", ["user does not exist, but will deliver to "]),
            ("mailboxfull", ["domain is over quota", "user is over quota"]),
            ("suspend", ["account is locked email bounced"]),
            ("userunknown", ["sorry, no mailbox here by that name."]),
        ],
        "vmailmgr": [
            ("mailboxfull", ["delivery failed due to system quota violation"]),
            (
                "userunknown",
                [
                    "invalid or unknown base user or domain", "invalid or unknown virtual user",
                    "user name does not refer to a virtual user",
                ]
            ),
        ],
    ]

    /// The reason a local delivery agent's message gives, or "" when no agent is recognised.
    static func reason(diagnosis: String, command: String) -> String {
        guard !diagnosis.isEmpty, command.isEmpty || command == "DATA" else { return "" }
        let lowered = diagnosis.asciiLowercased
        guard let agent = agents.first(where: { $0.1.contains { lowered.containsBytes($0) } })?.0 else { return "" }
        for (reason, phrases) in messages[agent] ?? [] where phrases.contains(where: { lowered.containsBytes($0) }) {
            return reason
        }
        return "mailererror"
    }
}
