import MCP

/// The prompts `maildoctor mcp` offers: how a model should use the tools, in the order of the provider's
/// troubleshooting guide (service active → webmail → mail program → incident → DNS → error code).
enum DoctorPrompts {
    /// Every prompt.
    static let all: [Prompt] = [
        Prompt(
            name: "troubleshoot-email", title: "Troubleshoot my email",
            description: "Find out why email cannot be sent or received, from the person's own words to the cause.",
            arguments: [
                .init(name: "problem", description: "What goes wrong, in the person's words.", required: true),
                .init(name: "domain", description: "The email domain or address concerned, if known.", required: false),
            ]),
        Prompt(
            name: "explain-bounce", title: "Explain this bounce",
            description: "Say what a bounce (non-delivery report) means, whose side the problem is on and what to do.",
            arguments: [.init(name: "bounce", description: "The bounce or error text as received.", required: true)]),
    ]

    /// The messages of prompt `name` with its arguments.
    ///
    /// - Throws: `MCPError.invalidParams` for an unknown prompt or a missing required argument.
    static func get(_ name: String, arguments: [String: String]?) throws -> GetPrompt.Result {
        let arguments = arguments ?? [:]
        guard let prompt = all.first(where: { $0.name == name }) else {
            throw MCPError.invalidParams(
                "Unknown prompt: \(name.prefix(100)). The prompts are \(all.map(\.name).joined(separator: ", ")).")
        }
        for argument in prompt.arguments ?? [] where argument.required == true {
            guard let value = arguments[argument.name], value.contains(where: { !$0.isWhitespace }) else {
                throw MCPError.invalidParams("The prompt \(name) needs the argument \"\(argument.name)\".")
            }
        }
        let text: String
        switch name {
        case "explain-bounce":
            text = """
                Explain this bounce to me in plain words. Call explain_bounce with it first; tell me who did not \
                get the message, which server refused it and what it said, whether the problem is on my side or \
                the recipient's, and the steps to take. If the result names a check that would confirm the cause \
                (a check_domain or check_ip call), offer to run it, and run it if I agree.

                The bounce:
                \(arguments["bounce"] ?? "")
                """
        default:
            let domain = arguments["domain"].map { "\nThe domain or address concerned: \($0)" } ?? ""
            text = """
                Help me find out why my email does not work, one step at a time, as a support engineer would. \
                Use the MailDoctor tools in this order:
                1. diagnose with my words: it gives the matching article, its steps and the check that would \
                confirm the cause. If I pasted a bounce or an error, use explain_bounce on it instead.
                2. Rule out the common causes in the guide's order: is the email service (and the domain, the \
                hosting plan) active and paid; does the address work in webmail; are the mail program's settings \
                right; is there an incident at the provider.
                3. Then the live checks on my domain: check_domain (MX, SPF, DKIM, DMARC), check_ip for a sending \
                IP named in a bounce, probe_server for the mail server itself.
                4. Read the article (maildoctor://articles/{id}) for the full steps when I need them.
                Ask me for what you need (the domain, the exact error) instead of guessing, say what each result \
                means for my problem, and do not run a check I did not ask for or agree to.

                My problem: \(arguments["problem"] ?? "")\(domain)
                """
        }
        return GetPrompt.Result(description: prompt.description, messages: [.user(.text(text: text))])
    }
}
