import ArgumentParser
import Checks
import Conversation
import DNSResolver
import EngineWiring
import Foundation
import Knowledge
import MailModel
import Probes
import Sanitizer
import Shell

/// `maildoctor check`: live DNS checks and server probes on a domain, an address, a host or an IP.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run live checks on a domain, an email address (its domain), a host or an IP address.",
        discussion: """
            A domain or address gets: domain, mx, spf, dmarc, dkim, mta-sts, tls-rpt. An IP address gets: dnsbl, ptr. Server probes run when named with --only: smtp (port 25 of each MX, or HOST[:PORT]), submission (587 and 465), imap (143 and 993), pop3 (110 and 995).

            Examples:
              maildoctor check example.com
              maildoctor check --only mx,spf,dmarc --json example.com
              maildoctor check --ip 192.0.2.10 example.com   # SPF verdict for the IP
              maildoctor check --dkim-selector s1 example.com
              maildoctor check 192.0.2.10          # blocklists and reverse DNS
              maildoctor check --only smtp example.com   # STARTTLS, EHLO of each MX
              maildoctor check --only smtp --rcpt bob@example.com example.com
              maildoctor check --only imap,pop3 --login bob mail.example.com
              maildoctor check --only submission --transcript mail.example.com:587

            The login password comes from MAILDOCTOR_PASSWORD or a prompt that does not echo; it is sent only over TLS and never printed.
            """)

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Only these checks, comma-separated.", valueName: "ids"))
    var only: String?

    @Option(help: ArgumentHelp("A sending IP: adds an SPF verdict for it.", valueName: "ip"))
    var ip: String?

    @Option(help: ArgumentHelp("DKIM selector to look up.", valueName: "selector"))
    var dkimSelector: String?

    @Option(
        help: ArgumentHelp("smtp: test this recipient with MAIL FROM:<> and RCPT (never DATA).", valueName: "address"))
    var rcpt: String?

    @Option(help: ArgumentHelp("submission/imap/pop3: test a login as this user.", valueName: "user"))
    var login: String?

    @Option(help: ArgumentHelp("For HOST:PORT probes: starttls or implicit (default: by port).", valueName: "mode"))
    var tls: String?

    @Flag(help: "Show what each probe and server said.")
    var transcript = false

    @Argument(help: "Domain, email address, HOST[:PORT] or IP address.")
    var target: String

    @OptionGroup var global: GlobalOptions

    mutating func run() async throws {
        let settings = try global.settings()
        let only = self.only
        let ids = try only.map { text in try validated { () throws(TargetError) in try CheckID.parseList(text) } }
        let probeIDs = ProbeRunner.probeIDs.filter { ids?.contains($0) ?? false }
        let dnsIDs = ids.map { $0.subtracting(ProbeRunner.probeIDs) }
        // The deadline, private targets and blocklists, as the engine's checks get them.
        var options = try settings.wired { () throws(EngineSettingsError) in
            try settings.engine.checkOptions(for: nil)
        }
        let (target, ip, rcpt) = (self.target, self.ip, self.rcpt)
        let checkTarget = try validated { () throws(TargetError) in
            try CheckTarget.parse(probeIDs.isEmpty || target.contains("@") ? target : ProbeTarget.parse(target).host)
        }
        options.only = dnsIDs
        if let ip { options.ip = try validated { () throws(TargetError) in try CheckTarget.parseIP(ip).description } }
        if let rcpt { _ = try validated { () throws(TargetError) in try ProbeTarget.validateRecipient(rcpt) } }
        if rcpt != nil, !probeIDs.contains(.smtp) {
            throw ValidationError("--rcpt needs the smtp probe: add --only smtp")
        }
        if login != nil, !probeIDs.contains(where: { $0 != .smtp }) {
            throw ValidationError("--login needs a submission, imap or pop3 probe: add --only imap (for example)")
        }
        var tlsMode: TLSMode?
        if let tls {
            guard let mode = TLSMode(rawValue: tls.lowercased()) else {
                throw ValidationError("--tls must be starttls or implicit")
            }
            tlsMode = mode
        }
        options.dkimSelector = dkimSelector
        options.provider = try settings.providerProfile().flatMap(EngineSettings.expectations(of:))
        let resolver: any DNSResolving
        do {
            resolver = try settings.engine.makeResolver()
        } catch {
            throw ValidationError("cannot set up DNS: \(error)")
        }
        let shared = CachingResolver(resolver)
        let onTerminal = Terminal.outputIsTerminal && !json
        if onTerminal { Log.status("Checking \(target)…") }
        var checks: [CheckResult] = []
        if dnsIDs?.isEmpty != true {
            checks = await DNSChecker(resolver: shared, options: options).report(checkTarget).checks
        }
        if !probeIDs.isEmpty {
            let password = login == nil ? nil : try Self.password()
            var probeOptions = settings.engine.probeOptions()
            probeOptions.rcpt = rcpt
            probeOptions.loginUser = login
            probeOptions.password = { password }
            probeOptions.tlsMode = tlsMode
            var results = await Self.probe(probeIDs, target: target, resolver: shared, options: probeOptions)
            // On a terminal, the person running the command may probe their own network if they say so
            // (y/N, default no); anywhere else the refusal stands.
            let refused = results.flatMap(\.findings).filter { $0.code == .probeTargetRefused }
            if !refused.isEmpty, Terminal.inputIsTerminal, Terminal.outputIsTerminal, !settings.engine.allowPrivate {
                let reason = refused[0].message.replacingOccurrences(of: "Not probed: ", with: "")
                if Self.confirm("\(reason)\nProbe it anyway? Chat sessions and serve never do. [y/N] ") {
                    probeOptions.policy = .permissive
                    results = await Self.probe(probeIDs, target: target, resolver: shared, options: probeOptions)
                }
            }
            checks += results
        }
        let report = CheckReport(target: target, checks: checks)
        if json {
            try Output.line(CheckRendering.json(report))
        } else {
            var text = CheckRendering.text(report)
            if transcript {
                for result in checks where ProbeRunner.probeIDs.contains(result.id) {
                    text += "\n\(result.id.rawValue) transcript:\n" + ProbeRendering.transcripts(result)
                }
            }
            try Output.write(text)
        }
    }

    /// Runs `body`, turning a target error into a usage error.
    private func validated<T>(_ body: () throws(TargetError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Runs the probes and returns their results in `ids` order.
    private static func probe(
        _ ids: [CheckID], target: String, resolver: any DNSResolving, options: ProbeOptions
    ) async -> [CheckResult] {
        var results: [CheckResult] = []
        for await result in ProbeRunner(resolver: resolver, options: options).run(ids, target: target) {
            results.append(result)
        }
        return results.sorted { (ids.firstIndex(of: $0.id) ?? 0) < (ids.firstIndex(of: $1.id) ?? 0) }
    }

    /// Asks a yes/no question on the terminal (stderr, then a line from stdin); only "y" or "yes" is yes.
    static func confirm(_ question: String) -> Bool {
        FileHandle.standardError.write(Data("maildoctor: \(TextSanitizer.neutralize(question))".utf8))
        guard let answer = readLine(strippingNewline: true) else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The login password: MAILDOCTOR_PASSWORD, else a prompt on the terminal that does not echo.
    private static func password() throws -> String {
        if let value = ProbeOptions.passwordFromEnvironment()() { return value }
        guard Terminal.inputIsTerminal, let typed = Terminal.readSecret(prompt: "Password: "), !typed.isEmpty else {
            throw ValidationError("--login needs a password: set MAILDOCTOR_PASSWORD or run on a terminal")
        }
        return typed
    }
}

extension Settings {
    /// The configured provider profile, from the knowledge base read without indexing it; nil for
    /// `--provider none`, which expects nothing (the knowledge base is then not read at all).
    func providerProfile() throws -> ProviderProfile? {
        guard engine.provider != "none" else { return nil }
        let base = try knowledgeBase(reportProblems: false)
        return try wired { () throws(EngineSettingsError) in try engine.profile(in: base) }
    }
}
