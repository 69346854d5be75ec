import ByteText
import Checks
import Foundation
import Knowledge
import Localization
import MailModel

/// How the engine runs live checks: where DNS questions go, and the options every check gets.
public struct LiveChecks: Sendable {
    /// Creates the resolver for one request (a fresh c-ares channel, or a scripted fake in tests).
    public var makeResolver: @Sendable () throws -> any DNSResolving
    /// Blocklists, provider expectations, deadline, private targets.
    public var options: CheckOptions
    /// The network probes (smtp, submission, imap, pop3); nil when this front end has none.
    public var probes: NetworkProbes?

    /// Creates the live-check wiring.
    public init(
        options: CheckOptions, probes: NetworkProbes? = nil,
        makeResolver: @escaping @Sendable () throws -> any DNSResolving
    ) {
        self.options = options
        self.probes = probes
        self.makeResolver = makeResolver
    }

    /// The article that explains a result's problem; nil when no article fits better than the findings
    /// themselves (a certificate warning of a server probe).
    static func article(for result: CheckResult) -> String? {
        guard probeIDs.contains(result.id) else { return article(for: result.id) }
        let problems = result.findings.filter { $0.severity == .fail || $0.severity == .warn || $0.severity == .error }
        if problems.allSatisfy({ $0.code.rawValue.hasPrefix("tls.") || $0.code.rawValue.hasPrefix("probe.") }) {
            return nil
        }
        if result.id == .smtp,
            problems.contains(where: { $0.code.rawValue.contains("auth") || $0.code.rawValue.contains("login") })
        {
            return "smtp-535"
        }
        return article(for: result.id)
    }

    /// Whether the checks of a list (`dnsbl,ptr`) are about an IP address rather than a domain.
    static func needsIP(_ list: String) -> Bool {
        list.split(separator: ",").allSatisfy { $0 == "dnsbl" || $0 == "ptr" }
    }

    /// The check ids answered by network probes rather than DNS.
    static let probeIDs: [CheckID] = [.smtp, .submission, .imap, .pop3]

    /// The article that explains a check's subject.
    static func article(for check: CheckID) -> String {
        switch check {
        case .domain: "service-active"
        case .mx: "mx-records"
        case .spf: "spf"
        case .dmarc: "dmarc"
        case .dkim: "dkim"
        case .dnsbl: "blacklists"
        case .ptr: "reverse-dns"
        case .smtp: "smtp-421"
        case .mtaSTS, .tlsRPT, .submission, .imap, .pop3: "email-client"
        }
    }

    /// Words people use for each check.
    static let names: [String: CheckID] = [
        "mx": .mx, "spf": .spf, "dmarc": .dmarc, "dkim": .dkim, "dnsbl": .dnsbl, "blacklist": .dnsbl,
        "blocklist": .dnsbl, "rbl": .dnsbl, "ptr": .ptr, "rdns": .ptr, "domain": .domain, "mta-sts": .mtaSTS,
        "tls-rpt": .tlsRPT, "smtp": .smtp, "submission": .submission, "imap": .imap, "pop3": .pop3, "pop": .pop3,
    ]
}

/// The network probes as the engine sees them: a way to run them and a per-session budget. The front end
/// supplies both (the `Probes` module on SwiftNIO), so the engine does not depend on the network stack.
public struct NetworkProbes: Sendable {
    /// Runs the probes `ids` against `target` (`host`, `host:port`, a domain or an address), streaming
    /// results as they finish; the target policy is applied inside, after DNS resolution.
    public var run:
        @Sendable (_ ids: [CheckID], _ target: String, _ resolver: any DNSResolving) -> AsyncStream<CheckResult>
    /// Takes `count` probes from a session's budget: nil when they may run, otherwise how long to wait.
    public var admit: @Sendable (_ session: String, _ count: Int) async -> Duration?

    /// Creates the probe wiring.
    public init(
        run:
            @escaping @Sendable (_ ids: [CheckID], _ target: String, _ resolver: any DNSResolving) -> AsyncStream<
                CheckResult
            >,
        admit: @escaping @Sendable (_ session: String, _ count: Int) async -> Duration?
    ) {
        self.run = run
        self.admit = admit
    }
}

/// A request for live checks: which ones, on what.
public struct CheckRequest: Sendable, Equatable, Codable {
    /// The checks to run; nil for every check that applies to the target.
    public var ids: Set<CheckID>?
    /// What the DNS checks look at.
    public var target: CheckTarget
    /// The target as typed, port included (`mail.example.com:587`), for the network probes.
    public var probeTarget: String

    /// Creates a request.
    public init(ids: Set<CheckID>?, target: CheckTarget, probeTarget: String) {
        self.ids = ids
        self.target = target
        self.probeTarget = probeTarget
    }

    /// The same checks on another target (a correction: "oops, it's example.org"); nil when `text` is no
    /// target.
    func retargeted(to text: String) -> CheckRequest? {
        guard let target = try? CheckTarget.parse(Self.hostPart(of: text)) else { return nil }
        var copy = self
        copy.target = target
        copy.probeTarget = text
        return copy
    }

    /// The check ids as a sorted list (`mx,spf`), empty for every check.
    var list: String { ids.map { $0.map(\.rawValue).sorted().joined(separator: ",") } ?? "" }

    /// Reads `check [ids] TARGET`, `check TARGET`, and questions such as
    /// "is 192.0.2.1 blacklisted?"; nil when the message asks for no check.
    static func parse(_ text: String) throws(TargetError) -> CheckRequest? {
        let tokens = spaceSeparated(text)
        func word(_ token: Substring) -> String { String(token.trimmed("?!.,;:\"'()", whitespace: false)) }
        guard let first = tokens.lazy.map(word).first(where: { !$0.isEmpty })?.lowercased() else { return nil }
        // Most messages are no command: the words are only all made when they are needed.
        var words: [String] { tokens.map(word).filter { !$0.isEmpty } }
        if commandWords.contains(first), case let words = words, words.count >= 2 {
            var ids = Set<CheckID>()
            var target: String?
            for word in words.dropFirst() {
                let lower = word.lowercased()
                let parts = lower.split(separator: ",").map(String.init)
                let known = parts.compactMap { LiveChecks.names[$0] }
                if !known.isEmpty && known.count == parts.count {
                    ids.formUnion(known)
                } else if notTargets.contains(lower) {
                    continue
                } else if target == nil {
                    target = word
                }
            }
            guard let target else { return nil }
            return CheckRequest(
                ids: ids.isEmpty ? nil : ids, target: try CheckTarget.parse(hostPart(of: target)), probeTarget: target)
        }
        let lower = text.lowercased()
        let asksListing = ["blacklist", "blocklist", "listed", "spamhaus", "dnsbl"].contains { lower.containsBytes($0) }
        if asksListing, lower.hasPrefix("is ") || lower.hasPrefix("am i") || lower.containsBytes("?") {
            for word in words {
                if let address = IPAddress(String(word.trimmed("[]", whitespace: false))) {
                    return CheckRequest(
                        ids: [.dnsbl, .ptr], target: .ip(address.description), probeTarget: address.description)
                }
            }
        }
        return nil
    }

    /// The checks named in "check mx", "test spf,dkim", "check mx and spf" when no target is given
    /// (`mx,spf`); nil for other messages.
    static func namedChecks(_ text: String) -> String? {
        // Cheap test first: most messages hold no command word at all.
        let lower = text.lowercased()
        guard commandWords.contains(where: { lower.containsBytes($0) }) else { return nil }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" }).map {
            String($0.trimmed("?!.;:", whitespace: false))
        }.filter { !$0.isEmpty && !["and", "the", "records", "record", "my", "please", "et", "und"].contains($0) }
        guard let first = words.first,
            commandWords.contains(first),
            words.count >= 2
        else { return nil }
        let ids = words.dropFirst().map { LiveChecks.names[$0] }
        guard ids.allSatisfy({ $0 != nil }) else { return nil }
        var seen = Set<CheckID>()
        return ids.compactMap { $0 }.filter { seen.insert($0).inserted }.map(\.rawValue).joined(separator: ",")
    }

    /// The checks a request in the person's own words names ("our DNS", "SMTP", none: every check), on
    /// the host and port it names for a server probe, else on the domain or IP in `remembered` (a domain
    /// gets the domain checks, an IP the IP checks); nil when there is no target to run them on.
    static func inWords(_ understanding: Understanding, remembered entities: Entities) -> CheckRequest? {
        let ids = ConversationEngine.namedCheckIDs(in: understanding.words)
        let list = ids.map(\.rawValue).joined(separator: ",")
        if !ids.isEmpty, ids.allSatisfy(LiveChecks.probeIDs.contains),
            let host = understanding.mentions.first(where: { $0.kind == .host || $0.kind == .domain })?.value
        {
            let port = understanding.mentions.first { $0.kind == .port }?.value
            if let request = try? parse("check \(list) \(host)\(port.map { ":" + $0 } ?? "")") { return request }
        }
        if ids.isEmpty, let request = serverProbe(understanding) { return request }
        let needsIP = !ids.isEmpty && LiveChecks.needsIP(list)
        let target = needsIP ? entities.ip : ids.isEmpty ? (entities.domain ?? entities.ip) : entities.domain
        guard let target else { return nil }
        return try? parse("check \(list) \(target)")
    }

    /// "Can you test the server mail.example.com?": a server named by its host name, with no check named,
    /// is tested by connecting to it (SMTP and IMAP); nil for other messages.
    static func serverProbe(_ understanding: Understanding) -> CheckRequest? {
        guard understanding.words.contains(where: serverWords.contains),
            ConversationEngine.namedCheckIDs(in: understanding.words).isEmpty,
            let host = understanding.mentions.first(where: { $0.kind == .host })?.value
        else { return nil }
        return try? parse("check smtp,imap \(host)")  // data: a check command
    }

    /// Data: words for a mail server, folded, in the six languages ("test the server", "tester le serveur").
    static let serverWords: Set<String> = [
        "server", "servers", "mailserver", "serveur", "serveurs", "servidor", "servidores", "mailserveur",  // data
    ]

    /// Data: words of a check command that name no target ("check it please", "test the dns of my domain
    /// again", "prüfe das mal bitte"), in the languages of the command words: without a real name the
    /// request is read in words, on the name the conversation remembers, or asks for one.
    static let notTargets: Set<String> = [
        "of", "for", "on", "the", "records", "record", "my", "our", "your", "de", "von",  // data
        "it", "this", "that", "them", "these", "those", "one", "again", "please", "pls", "plz", "now",  // data
        "too", "also", "out", "all", "everything", "domain", "dns", "server", "mail", "email", "settings",  // data
        "ça", "ca", "le", "la", "les", "mon", "ma", "mes", "encore", "svp", "stp",  // data
        "das", "es", "den", "die", "mal", "bitte", "nochmal", "meine", "meinen", "unsere", "unseren",  // data
    ]

    /// Words that start a check command.
    static let commandWords: Set<String> = ["check", "test", "verify", "lookup", "vérifier", "prüfe", "prüfen"]

    /// The text split at spaces, tabs and line feeds (by bytes when that gives the same tokens).
    static func spaceSeparated(_ text: String) -> [Substring] {
        let separator: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" }
        guard !text.utf8.contains(0x0D) else { return text.split(whereSeparator: separator) }
        return text.asciiTokens { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 } ?? text.split(whereSeparator: separator)
    }

    /// `mail.example.com` of `mail.example.com:587`, `2001:db8::1` of `[2001:db8::1]:25`; other text as is.
    static func hostPart(of text: String) -> String {
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<close])
        }
        let colons = text.filter { $0 == ":" }.count
        if colons == 1, let colon = text.firstIndex(of: ":"), text[text.index(after: colon)...].allSatisfy(\.isNumber) {
            return String(text[..<colon])
        }
        return text
    }
}
