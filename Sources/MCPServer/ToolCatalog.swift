import MCP

/// The tools `maildoctor mcp` offers: names, descriptions for the model, and JSON Schemas of their inputs.
enum ToolCatalog {
    /// The tool names.
    enum Name: String, CaseIterable {
        case diagnose
        case explainBounce = "explain_bounce"
        case checkDomain = "check_domain"
        case checkIP = "check_ip"
        case probeServer = "probe_server"
        case searchArticles = "search_articles"
    }

    /// The argument names a tool takes, as its schema lists them.
    static func argumentNames(of name: Name) -> [String] {
        guard case .object(let schema) = tool(name).inputSchema, case .object(let properties)? = schema["properties"]
        else { return [] }
        return properties.keys.sorted()
    }

    /// Every tool, in the order a model should reach for them.
    static let all: [Tool] = Name.allCases.map(tool)

    private static func tool(_ name: Name) -> Tool {
        switch name {
        case .diagnose:
            Tool(
                name: name.rawValue, title: "Diagnose an email problem",
                description: """
                    Reads a person's own description of an email problem (or a pasted error) and answers as \
                    MailDoctor's support engineer would: the matching knowledge-base article, what it means, the \
                    steps to take in order, the entities found (domain, address, IP, codes, DKIM selector, mail \
                    program), and the live check that would confirm the cause, with the tool call that runs it. \
                    It runs no network check itself, and each call stands alone: when it asks a question, call it \
                    again with the answer added to the text. Start here with the person's words.
                    """,
                inputSchema: schema(
                    required: ["text"],
                    [
                        "text": string(
                            "The person's message, in their own words, or a pasted error.", max: Limits.messageBytes),
                        "language": [
                            "type": "string", "enum": .array(Limits.languages.map(Value.string)),
                            "description": "The language of the reply. Answers are in English for now.",
                        ],
                        "provider": string(
                            "Provider profile whose settings and limits the answer uses (e.g. ovhcloud), or none.",
                            max: 64),
                    ]),
                annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: false))
        case .explainBounce:
            Tool(
                name: name.rawValue, title: "Explain a bounce",
                description: """
                    Reads a bounce (non-delivery report): a whole raw message, a pasted fragment or mail-server log \
                    lines. Returns what happened to each recipient (reply and enhanced status codes, the reason, the \
                    remote server and what it said), whose side the problem is on, the explanation with steps, the \
                    matching articles, and the check that would confirm the cause.
                    """,
                inputSchema: schema(
                    required: ["message"],
                    [
                        "message": string(
                            "The bounce: a raw message (.eml), a fragment or log lines.", max: Limits.bounceBytes)
                    ]),
                annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: false))
        case .checkDomain:
            Tool(
                name: name.rawValue, title: "Check a domain's mail DNS",
                description: """
                    Live DNS checks of a domain (or of an email address's domain): domain, mx, spf, dmarc, dkim, \
                    mta-sts, tls-rpt, each PASS/WARN/FAIL with findings that say what is wrong and how to fix it. \
                    Give a DKIM selector to look its key up, and the sending IP for an SPF verdict on it.
                    """,
                inputSchema: schema(
                    required: ["domain"],
                    [
                        "domain": string("A domain (example.com) or an email address.", max: 320),
                        "checks": [
                            "type": "array",
                            "items": [
                                "type": "string",
                                "enum": .array((CheckIDs.domain + CheckIDs.ip).map(Value.string)),
                            ],
                            "maxItems": 16,
                            "description": "Only these checks (default: every domain check).",
                        ],
                        "dkim_selector": string("DKIM selector to look up (the s= of a DKIM-Signature).", max: 253),
                        "ip": string("A sending IP address: adds an SPF verdict for it.", max: 64),
                    ]),
                annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: true))
        case .checkIP:
            Tool(
                name: name.rawValue, title: "Check a sending IP",
                description: """
                    Looks a public IP address up in DNS blocklists (dnsbl) and checks its reverse DNS (ptr): what \
                    receiving servers see of a sending server.
                    """,
                inputSchema: schema(required: ["ip"], ["ip": string("A public IPv4 or IPv6 address.", max: 64)]),
                annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: true))
        case .probeServer:
            Tool(
                name: name.rawValue, title: "Probe a mail server",
                description: """
                    Connects to a mail server as a mail program would: greeting, STARTTLS or TLS, certificate, \
                    capabilities (SMTP: port 25 of each MX of a domain, or host:port; submission 587/465; imap \
                    143/993; pop3 110/995). It never sends mail and never logs in. Non-public addresses and \
                    non-mail ports are refused unless the server was started to allow them; probes per session are \
                    limited.
                    """,
                inputSchema: schema(
                    required: ["target", "protocol"],
                    [
                        "target": string("A domain, a host, host:port, an IP or [IPv6]:port.", max: 300),
                        "protocol": [
                            "type": "string", "enum": .array(CheckIDs.probes.map(Value.string)),
                            "description": "Which service to probe.",
                        ],
                    ]),
                annotations: .init(readOnlyHint: true, idempotentHint: false, openWorldHint: true))
        case .searchArticles:
            Tool(
                name: name.rawValue, title: "Search the knowledge base",
                description: """
                    Ranks MailDoctor's knowledge-base articles for a query (an error code, a symptom, a topic) and \
                    returns their ids, titles, scores and resource URIs (maildoctor://articles/{id}), best first.
                    """,
                inputSchema: schema(
                    required: ["query"],
                    [
                        "query": string("Words, a code (550 5.7.26) or an error text.", max: Limits.queryBytes),
                        "limit": [
                            "type": "integer", "minimum": 1, "maximum": 20, "description": "At most this many (5).",
                        ],
                    ]),
                annotations: .init(readOnlyHint: true, idempotentHint: true, openWorldHint: false))
        }
    }

    /// The check ids each tool takes, as schema enums.
    enum CheckIDs {
        static let domain = ["domain", "mx", "spf", "dmarc", "dkim", "mta-sts", "tls-rpt"]
        static let ip = ["dnsbl", "ptr"]
        static let probes = ["smtp", "submission", "imap", "pop3"]
    }

    private static func string(_ description: String, max: Int) -> Value {
        ["type": "string", "description": .string(description), "maxLength": .int(max)]
    }

    private static func schema(required: [String], _ properties: [String: Value]) -> Value {
        [
            "type": "object", "properties": .object(properties), "required": .array(required.map(Value.string)),
            "additionalProperties": false,
        ]
    }
}
