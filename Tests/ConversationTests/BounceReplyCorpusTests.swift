import Bounces
import Checks
import Conversation
import DNSResolver
import Foundation
import MailModel
import TestSupport
import Testing

/// Issue 17: bounce replies that are right. Every bounce of the shared corpora (the Sisimai set, read as
/// `maildoctor explain` reads a file and as a chat paste, and the pasted bounces of the complaints, with
/// the person's own words around them) is answered, and the reply is checked for the failures testers
/// saw: a "Server said" that is boilerplate or not the server's diagnostic, an internal reason id, the
/// original sender shown as the failed recipient, the user's own server as "Refused by", and a check
/// offer without the target the bounce carries, or with the wrong one.
///
/// The checker reads its evidence from the raw input (headers, DSN fields, the server's text), not from
/// the reader's role fields, so that it can disagree with them.
@Suite struct BounceReplyCorpusTests {
    /// What a reply can get wrong.
    enum Flag: String, CaseIterable, Sendable {
        /// "Server said" holds a report's boilerplate ("This is the mail system at host …").
        case serverSaidBoilerplate
        /// "Server said" holds what no server said: the person's words, the returned message's headers,
        /// the reporting MTA's framing ("host X said:"), markup or a cut-off fragment.
        case serverSaidNotDiagnostic
        /// An internal reason id (mailboxfull, toomanyconn…) is shown in prose.
        case reasonID
        /// The recipient shown is the returned message's sender, not a recipient the report names.
        case recipientIsSender
        /// "Refused by" names the host that wrote the report (the user's own side).
        case refusedByReporting
        /// The bounce carries the check's target (sending domain, blocked IP), but the offer asks for it
        /// or there is no such offer.
        case checkTargetMissing
        /// The offer's target is not the one the bounce names (the MX's IP, the recipient's domain).
        case checkTargetWrong
        /// The conversation remembers another domain or IP than the one just offered, so a follow-up
        /// ("what about DKIM?") would contradict the offer.
        case offerNotRemembered
        /// A template's `{domain}`, `{address}` or `{code}` reached the person unfilled.
        case unfilledPlaceholder
    }

    struct Finding: CustomStringConvertible {
        var flag: Flag
        var input: String
        var detail: String
        var description: String { "\(flag.rawValue) \(input): \(detail)" }
    }

    // MARK: - The corpora

    static var shared: URL { TestPaths.shared }

    static func sisimaiFiles() -> [URL] {
        let folder = shared.appendingPathComponent("corpus/sisimai/emails")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func pastes() -> [(name: String, text: String)] {
        var result: [(String, String)] = []
        for file in ["bounces-wild-dev.jsonl", "complaints-dev.jsonl"] {
            let url = shared.appendingPathComponent("corpus/complaints/\(file)")
            guard let data = try? Data(contentsOf: url) else { continue }
            for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let text = object["text"] as? String
                else { continue }
                result.append(("\(file):\(index + 1)", text))
            }
        }
        return result
    }

    /// An engine with live checks wired (so that replies offer checks); nothing is run here.
    static let engine = ConversationEngine(
        knowledge: KnowledgeFixture.service,
        liveChecks: LiveChecks(options: CheckOptions()) { InMemoryResolver(records: [:], unknownNames: .nxdomain) })

    static func summary(_ findings: [Finding], inputs: Int, label: String) -> String {
        var lines = ["\(label): \(inputs) inputs"]
        // Per input file: a file read both as `explain` reads it and as a chat paste counts once.
        for flag in Flag.allCases {
            let files = findings.filter { $0.flag == flag }.map {
                $0.input.replacingOccurrences(of: " (chat)", with: "")
            }
            lines.append("  \(flag.rawValue): \(Set(files).count)")
        }
        lines += findings.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }

    // MARK: - Tests

    @Test func sisimaiBounceRepliesRaiseNoFlag() async {
        let files = Self.sisimaiFiles()
        #expect(files.count == 296, "the shared Sisimai corpus should hold 296 bounces")
        var findings: [Finding] = []
        for file in files {
            let bytes = [UInt8]((try? Data(contentsOf: file)) ?? Data())
            let raw = String(decoding: bytes, as: UTF8.self)
            let name = file.lastPathComponent
            // As `maildoctor explain FILE` reads it.
            let report = BounceParser.parse(bytes)
            if report.isAboutDelivery {
                let (session, reply) = Self.engine.bounceReply(
                    report, text: String(decoding: bytes.prefix(64 * 1024), as: UTF8.self), session: Session(id: name))
                findings += Audit.findings(reply: reply, session: session, raw: raw, input: name, chat: false)
            }
            // As a paste in a conversation.
            let (session, reply) = await Self.engine.respond(to: raw, in: Session(id: name))
            if reply.intent == .bounce {
                findings += Audit.findings(
                    reply: reply, session: session, raw: raw, input: name + " (chat)", chat: true)
            }
        }
        print(Self.summary(findings, inputs: files.count, label: "Sisimai bounce replies"))
        #expect(findings.isEmpty, "\(findings.count) flags, first: \(findings.prefix(5).map(\.description))")
    }

    @Test func pastedBounceRepliesRaiseNoFlag() async {
        let pastes = Self.pastes()
        #expect(pastes.count >= 100, "the complaints corpus should hold the pasted bounces and complaints")
        var findings: [Finding] = []
        var bounces = 0
        for paste in pastes {
            let (session, reply) = await Self.engine.respond(to: paste.text, in: Session(id: paste.name))
            guard reply.intent == .bounce else {
                // Not read as a bounce: still no reason id may reach the person.
                findings += Audit.reasonIDs(in: ReplyRenderer(style: .plain).render(reply)).map {
                    Finding(flag: .reasonID, input: paste.name, detail: $0)
                }
                continue
            }
            bounces += 1
            findings += Audit.findings(reply: reply, session: session, raw: paste.text, input: paste.name, chat: true)
        }
        print(Self.summary(findings, inputs: pastes.count, label: "Pasted bounces (\(bounces) read as bounces)"))
        #expect(findings.isEmpty, "\(findings.count) flags, first: \(findings.prefix(5).map(\.description))")
    }

    /// After a bounce reply, a follow-up ("what about DKIM?", "check mx") is about what the reply offered
    /// to check: here the sender's domain, not the recipient's.
    @Test func theConversationRemembersTheOfferedTarget() async {
        let bounce = SampleMessages.postfixBounce(
            code: "553", status: "5.1.8", text: "<alice@mydomain.example>: Sender address rejected: Domain not found",
            command: "MAIL FROM")
        let (session, reply) = await Self.engine.respond(to: bounce, in: Session(id: "offer"))
        #expect(reply.intent == .bounce)
        #expect(session.offer?.ids == [.domain, .mx])
        #expect(session.offer?.probeTarget == "mydomain.example")
        #expect(session.entities.domain == "mydomain.example")
        let facts = reply.sections.first?.text ?? ""
        #expect(facts.contains("Recipient: bob@client-corp.example"))
        #expect(facts.contains("Refused by: mx.client-corp.example [203.0.113.9]"))
        #expect(
            facts.contains(
                "Server said: “553 5.1.8 <alice@mydomain.example>: Sender address rejected: Domain not found”"))
    }

    // The checker itself: it must see each failure it is there to catch.

    @Test func theCheckerFlagsEachKnownFailure() {
        let raw = """
            Reporting-MTA: dns; mail.mydomain.example
            X-Postfix-Sender: rfc822; me@mydomain.example

            Final-Recipient: rfc822; bob@client-corp.example
            Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [198.51.100.23] blocked using zen.spamhaus.org

            From: Me <me@mydomain.example>
            """
        var reply = Reply(intent: .bounce, answer: "reason: toomanyconn. The mailboxfull problem.")
        reply.sections = [
            ReplySection(
                title: "What the bounce says",
                text: """
                    Recipient: me@mydomain.example — code 554 5.7.1
                    Refused by: mail.mydomain.example
                    Server said: “This is the mail system at host mail.mydomain.example. Why does it fail? host mx.client-corp.example[203.0.113.9] said: 554 5.7.1 Client host [198.51.100.23] blocked using zen.spamhaus.org”
                    """)
        ]
        var session = Session(id: "s")
        session.offer = CheckRequest(ids: [.dnsbl], target: .ip("203.0.113.9"), probeTarget: "203.0.113.9")
        let flags = Set(
            Audit.findings(reply: reply, session: session, raw: raw, input: "sample", chat: true).map(\.flag))
        #expect(
            flags == [
                .serverSaidBoilerplate, .serverSaidNotDiagnostic, .reasonID, .recipientIsSender, .refusedByReporting,
                .checkTargetWrong, .offerNotRemembered,
            ])
        reply.nextStep =
            "Check your sending server's IP against DNS blocklists. Which domain or IP address should I check?"
        session.offer = nil
        let missing = Audit.findings(reply: reply, session: session, raw: raw, input: "sample", chat: false).map(\.flag)
        #expect(missing.contains(.checkTargetMissing))
    }

    @Test func theCheckerFlagsTheRecipientsDomainForAnAuthenticationFailure() {
        let raw = """
            To: me@mydomain.example
            Final-Recipient: rfc822; bob@client-corp.example
            Diagnostic-Code: smtp; 550 5.7.26 This mail is unauthenticated, which poses a security risk
            """
        var reply = Reply(intent: .bounce, answer: "")
        reply.sections = [ReplySection(title: "What the bounce says", text: "Recipient: bob@client-corp.example")]
        var session = Session(id: "s")
        session.offer = CheckRequest(
            ids: [.spf, .dkim, .dmarc], target: .domain("client-corp.example"), probeTarget: "client-corp.example")
        #expect(
            Audit.findings(reply: reply, session: session, raw: raw, input: "sample", chat: false).map(\.flag)
                == [.checkTargetWrong])
        session.offer = CheckRequest(
            ids: [.spf, .dkim, .dmarc], target: .domain("mydomain.example"), probeTarget: "mydomain.example")
        #expect(Audit.findings(reply: reply, session: session, raw: raw, input: "sample", chat: false).isEmpty)
    }
}

/// The checks themselves, over one reply and the raw input it answers.
enum Audit {
    typealias Finding = BounceReplyCorpusTests.Finding

    static func findings(reply: Reply, session: Session, raw: String, input: String, chat: Bool) -> [Finding] {
        var found: [Finding] = []
        func flag(_ flag: BounceReplyCorpusTests.Flag, _ detail: String) {
            found.append(Finding(flag: flag, input: input, detail: detail))
        }
        let rendered = ReplyRenderer(style: .plain).render(reply)
        let facts = reply.sections.first { $0.title == "What the bounce says" }?.text ?? ""
        let recipient = value(of: "Recipient: ", in: facts).split(separator: " ").first.map(String.init) ?? ""
        let refusedBy = value(of: "Refused by: ", in: facts)
        var said = value(of: "Server said: “", in: facts)
        if said.hasSuffix("”") { said.removeLast() }

        // "Server said"
        let loweredSaid = said.lowercased()
        if let phrase = boilerplate.first(where: { loweredSaid.contains($0) }) {
            flag(.serverSaidBoilerplate, "“\(phrase)” in “\(said.prefix(120))”")
        }
        if let why = notDiagnostic(said) { flag(.serverSaidNotDiagnostic, "\(why) in “\(said.prefix(160))”") }

        // Reason ids, anywhere but in the server's own words.
        for id in reasonIDs(in: rendered.replacingOccurrences(of: said, with: "")) { flag(.reasonID, id) }
        for placeholder in ["{domain}", "{address}", "{code}"] where rendered.contains(placeholder) {
            flag(.unfilledPlaceholder, placeholder)
        }

        // The recipient.
        let senders = senderAddresses(in: raw)
        let named = namedRecipients(in: raw, serverText: said)
        if !recipient.isEmpty, recipient.contains("@"), senders.contains(recipient.lowercased()),
            !named.contains(recipient.lowercased())
        {
            flag(.recipientIsSender, recipient)
        }

        // Refused by.
        let refusingHost =
            refusedBy.split(separator: " ").first.map {
                $0.lowercased().trimmingCharacters(in: .init(charactersIn: "."))
            } ?? ""
        if !refusingHost.isEmpty, reportingHosts(in: raw, report: reply.bounce).contains(refusingHost) {
            flag(.refusedByReporting, refusedBy)
        }

        // The check offer.
        let offerIDs = session.offer?.ids.map { $0.map(\.rawValue).sorted() } ?? []
        let target = session.offer?.probeTarget ?? ""
        let asksTarget = reply.nextStep?.contains("Which domain or IP address should I check?") ?? false
        let asksBlocklist = asksTarget && (reply.nextStep?.contains("blocklist") ?? false)
        let asksAuthentication = asksTarget && (reply.nextStep?.contains("SPF") ?? false)
        // What the server said, as shown and as the report gives it (a wrapped line may be missing from one).
        let diagnostic = said + " " + (reply.bounce?.mostImportantRecipient()?.diagnostic ?? "")
        let remoteIP = refusedBy.split(separator: "[").dropFirst().first.map { String($0.prefix { $0 != "]" }) } ?? ""
        if isBlocklist(diagnostic) {
            let listed = listedIPs(in: diagnostic, remoteIP: remoteIP)
            if offerIDs == ["dnsbl"] {
                if !listed.contains(target) {
                    flag(.checkTargetWrong, "dnsbl of \(target), the bounce lists \(listed)")
                }
            } else if asksBlocklist || offerIDs.isEmpty {
                if !listed.isEmpty { flag(.checkTargetMissing, "the bounce lists \(listed)") }
            }
        } else if offerIDs == ["dnsbl"] || asksBlocklist {
            // A reputation refusal without blocklist words: the client IP it names, if any, is the target.
            let named = clientIPs(in: diagnostic)
            if offerIDs == ["dnsbl"], !named.isEmpty, !named.contains(target) {
                flag(.checkTargetWrong, "dnsbl of \(target), the bounce names the sender's IP \(named)")
            } else if asksBlocklist, !named.isEmpty {
                flag(.checkTargetMissing, "the bounce names the sender's IP \(named)")
            }
        } else if isAuthenticationFailure(diagnostic) || offerIDs.contains("spf") || asksAuthentication {
            let domains = sendingDomains(in: raw, diagnostic: diagnostic, senders: senders)
            if offerIDs.contains("spf") {
                if !domains.contains(target) {
                    flag(
                        .checkTargetWrong,
                        "spf/dkim/dmarc of \(target), the sending domain is one of \(domains.sorted())")
                }
            } else if !domains.isEmpty, asksAuthentication || (offerIDs.isEmpty && isAuthenticationFailure(diagnostic))
            {
                flag(.checkTargetMissing, "the sending domain is one of \(domains.sorted())")
            }
        }

        // The sending domain's existence (a refused sender) and the recipient's MX: their own domains.
        if offerIDs == ["domain", "mx"], reply.nextStep?.contains("your sending domain") ?? false {
            let domains = sendingDomains(in: raw, diagnostic: diagnostic, senders: senders)
            if !domains.isEmpty, !domains.contains(target) {
                flag(.checkTargetWrong, "domain/mx of \(target), the sending domain is one of \(domains.sorted())")
            }
        } else if offerIDs == ["mx"] || offerIDs == ["domain", "mx"], recipient.contains("@") {
            let domain = recipient.split(separator: "@").last.map { $0.lowercased() } ?? ""
            if target != domain { flag(.checkTargetWrong, "mx of \(target), the recipient's domain is \(domain)") }
        }

        // What the conversation remembers must be what it just offered.
        if chat, !target.isEmpty {
            let remembered = isIP(target) ? session.entities.ip : session.entities.domain
            if remembered != target {
                flag(.offerNotRemembered, "offered \(target), remembers \(remembered ?? "nothing")")
            }
        }
        return found
    }

    /// The rest of the line after `label` in `text`, or "".
    static func value(of label: String, in text: String) -> String {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix(label) {
            return String(line.dropFirst(label.count))
        }
        return ""
    }

    // MARK: - Evidence

    /// Phrases of the reports' own notices (Postfix, Exchange, Gmail, Exim, qmail, sendmail, amavis…).
    static let boilerplate = [
        "this is the mail system at host", "i'm sorry to have to inform you", "i am sorry to have to inform you",
        "delivery has failed to these recipients", "i'm not going to try again", "this is a warning message only",
        "this is a warning only", "you do not need to resend", "the original message was received at",
        "unable to deliver message to the following recipients", "delivery to the following recipient",
        "each of the following recipients was rejected",
        "an error occurred while trying to deliver the mail to the following recipients",
        "this nondelivery report was generated", "this has been a permanent failure",
        "no further delivery attempts will be made", "no action is required on your part",
        "delivery attempts will continue", "there was a temporary problem delivering your message",
        "delivery incomplete", "your message wasn't delivered", "your message could not be delivered",
        "could not be delivered to one or more", "technical details of", "the following addresses had permanent",
        "the following address(es) failed", "this is an automatically generated",
        "this message was created automatically", "a message that you sent could not be delivered", "giving up on ",
        "the email address you entered couldn't be found",
    ]

    /// Why `said` is not (only) a server's diagnostic, or nil.
    static func notDiagnostic(_ said: String) -> String? {
        guard !said.isEmpty else { return nil }
        let lowered = said.lowercased()
        for marker in [
            "received: from", "original message headers", "en-têtes de message", "message-id:", "content-type:",
            "this is a copy of the message",
        ] where lowered.contains(marker) {
            return "the returned message (\(marker))"
        }
        for marker in ["```", "\\r\\n", ">>}}", "` in the"] where said.contains(marker) { return "markup (\(marker))" }
        if said.hasSuffix("`") { return "markup (`)" }
        if matches(#"^\s*[0-9]\.[0-9]{1,3}\.[0-9]{1,3}[\])]"#, said) { return "a cut-off fragment" }
        if matches(#"^host [A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, said) || lowered.contains(" said: ")
            || lowered.contains("refused to talk to me") || lowered.contains("(in reply to")
        {
            return "the reporting MTA's framing"
        }
        // The person's words: first person (not an MTA's own "Sorry, I couldn't find …"), or a question.
        let unapologetic = said.replacingOccurrences(of: #"Sorry, I [^.]*"#, with: "", options: .regularExpression)
        if matches(#"(?<![\w'’.])(I|I'm|I’m|I've|my|My|me)(?![\w'’.])"#, unapologetic) {
            return "first-person words"
        }
        if matches(#"[?？](\s|$)"#, said.replacingOccurrences(of: #"\S*://\S*"#, with: "", options: .regularExpression))
        {
            return "a question"
        }
        return nil
    }

    /// The reason ids of the vocabulary that are no English words.
    static let compoundIDs = [
        "userunknown", "hostunknown", "mailboxfull", "hasmoved", "authfailure", "requireptr", "badreputation",
        "spamdetected", "virusdetected", "policyviolation", "norelaying", "securityerror", "failedstarttls",
        "toomanyconn", "mesgtoobig", "exceedlimit", "contenterror", "notcompliantrfc", "syntaxerror",
        "networkerror", "notaccept", "systemerror", "systemfull", "mailererror", "onhold",
    ]
    static let englishIDs = [
        "suspend", "filtered", "blocked", "rejected", "speeding", "expired", "suppressed", "feedback", "vacation",
        "delivered", "undefined",
    ]

    /// Reason ids shown in prose: a compound id as a word of its own (not inside an address, host or
    /// URL), or any id after "reason:" or alone in parentheses.
    static func reasonIDs(in text: String) -> [String] {
        var found: [String] = []
        let compound = compoundIDs.joined(separator: "|")
        let all = (compoundIDs + englishIDs).joined(separator: "|")
        found += captures(#"(?<![\w@./#:-])(\#(compound))(?![\w@-])"#, text).map { $0[1] }
        found += captures(#"(?i)(?:reason\s*[:=]\s*|\()(\#(all))\b\)?"#, text).map { $0[0] }
        return found
    }

    /// Addresses of the original sender: the `To:` of a bounce's own headers (it goes back to the sender),
    /// and the `From:`, `Return-Path:`, `Sender:`, `X-Postfix-Sender:` lines below them (the returned
    /// message's). The report's own `From:` is not one: an automatic reply or a complaint report comes
    /// from the original's recipient.
    static func senderAddresses(in raw: String) -> Set<String> {
        var result = Set<String>()
        var body = raw.replacingOccurrences(of: "\r\n", with: "\n")
        // The first header block of a message (the report's own headers), up to its first empty line.
        if matches(#"^[A-Za-z-]+:|^From "#, body) {
            let end = body.range(of: "\n\n") ?? body.endIndex..<body.endIndex
            let head = String(body[..<end.lowerBound])
            if let to = captures(#"(?im)^to:[^\n]*"#, head).first, let address = firstAddress(in: to[0]) {
                result.insert(address)
            }
            body = String(body[end.upperBound...])
        }
        let pattern = #"(?im)^(?:>\s*)?(?:from|return-path|sender|x-postfix-sender|envelope-from):[^\n]*"#
        for match in captures(pattern, body) {
            if let address = firstAddress(in: match[0]) { result.insert(address) }
        }
        return result
    }

    /// Recipients the report part names: DSN fields, `X-Failed-Recipients`, "<a@b>:" lines, `to=<a@b>`,
    /// `RCPT TO:<a@b>`, and addresses in the server's text.
    static func namedRecipients(in raw: String, serverText: String) -> Set<String> {
        var result = Set<String>()
        let patterns = [
            #"(?im)^(?:final-recipient|original-recipient|x-failed-recipients):[^\n]*"#,
            #"(?im)^\s*<[^>\s]+@[^>\s]+>:"#, #"(?i)to=<[^>\s]+>"#, #"(?i)rcpt to:\s*<[^>\s]+>"#,
        ]
        for pattern in patterns {
            for match in captures(pattern, raw) {
                if let address = firstAddress(in: match[0]) { result.insert(address) }
            }
        }
        for match in captures(#"[\w.+=-]+@[\w-]+(?:\.[\w-]+)+"#, serverText) { result.insert(match[0].lowercased()) }
        return result
    }

    /// Hosts that wrote the report: `Reporting-MTA`, "the mail system at host X", "Generating server: X",
    /// and the report's reporting MTA.
    static func reportingHosts(in raw: String, report: BounceReport?) -> Set<String> {
        var result = Set<String>()
        let patterns = [
            #"(?im)^reporting-mta:\s*(?:dns;)?\s*([A-Za-z0-9.-]+)"#, #"(?i)mail system at host ([A-Za-z0-9.-]+)"#,
            #"(?i)generating server:\s*([A-Za-z0-9.-]+)"#,
        ]
        for pattern in patterns {
            for match in captures(pattern, raw) {
                result.insert(match[1].lowercased().trimmingCharacters(in: .init(charactersIn: ".")))
            }
        }
        if let host = report?.reportingMTA?.split(separator: ";").last {
            result.insert(host.trimmingCharacters(in: .whitespaces).lowercased())
        }
        return result.filter { $0.contains(".") }
    }

    static func isBlocklist(_ text: String) -> Bool {
        matches(
            #"(?i)spamhaus|spamcop|blocked using|\blisted\b|\brbl\b|dnsbl|blacklist|blocklist|block list|black list|barracuda|sorbs|banned sending ip"#,
            text)
    }

    static func isAuthenticationFailure(_ text: String) -> Bool {
        matches(
            #"(?i)5\.7\.26|unauthenticated (?:email|mail|message)|(?:mail|message|sender) is unauthenticated|authentication (?:checks|results|information)|\b(?:spf|dkim|dmarc)\b(?!-).{0,60}(?:fail|not pass|did not|policy|reject|verif)|(?:fail|did not pass|does not pass|policy).{0,40}\b(?:spf|dkim|dmarc)\b(?!-)"#,
            text)
    }

    /// The public IPv4 addresses a blocklist rejection names as the client: not the refusing server's
    /// own ("host mx.example[IP]"), not a resolver's in a Spamhaus return-code link.
    static func listedIPs(in text: String, remoteIP: String) -> [String] {
        var result: [String] = []
        for match in ranges(#"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)"#, text) {
            let ip = String(text[match])
            let before = text[..<match.lowerBound].suffix(30).lowercased()
            if ip == remoteIP || !isPublic(ip) || before.contains("returnc/pub/") { continue }
            if matches(#"[a-z0-9]\[$"#, String(before)), !before.hasSuffix("client host [") { continue }
            if !result.contains(ip) { result.append(ip) }
        }
        return result
    }

    /// The IPs a refusal names as the sending client's ("client host [IP]", "messages from IP", "banned
    /// sending IP [IP]", "your IP address IP", a lookup link's "?ip=IP", Gmail's "[IP N]").
    static func clientIPs(in text: String) -> [String] {
        let pattern =
            #"(?i)(?:client host \[|[?&]ip=|messages? from |mail from |sending ip \[?|your ip(?: address)?:? \[?|^\S*\s*\[|\d \[)((?:\d{1,3}\.){3}\d{1,3})(?:\]| \d+\]|\b)"#
        var result: [String] = []
        for ip in captures(pattern, text).map({ $0[1] }) where isPublic(ip) && !result.contains(ip) {
            result.append(ip)
        }
        return result
    }

    /// The sending domain's candidates: the domains of the original sender's addresses and the domains an
    /// authentication failure names.
    static func sendingDomains(in raw: String, diagnostic: String, senders: Set<String>) -> Set<String> {
        var result = Set(senders.compactMap { $0.split(separator: "@").last.map(String.init) })
        let pattern =
            #"(?i)(?:spf check for \[|dmarc policy of |unauthenticated email from |sending domain \[|due to |domain \(|header\.from=|smtp\.mailfrom=|domain of )([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"#
        for match in captures(pattern, diagnostic) + captures(pattern, raw) {
            var domain = match[1].lowercased()
            if domain.hasSuffix("'s") { domain.removeLast(2) }
            result.insert(domain)
        }
        return result
    }

    static func isPublic(_ ip: String) -> Bool {
        let octets = ip.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 <= 255 }) else { return false }
        return
            !(octets[0] == 0 || octets[0] == 10 || octets[0] == 127 || (octets[0] == 192 && octets[1] == 168)
            || (octets[0] == 172 && (16...31).contains(octets[1])) || (octets[0] == 169 && octets[1] == 254))
    }

    static func isIP(_ text: String) -> Bool { text.contains(":") || text.allSatisfy { $0.isNumber || $0 == "." } }

    static func firstAddress(in text: String) -> String? {
        captures(#"[\w.+=-]+@[\w-]+(?:\.[\w-]+)+"#, text).first.map { $0[0].lowercased() }
    }

    // MARK: - Regular expressions

    static func matches(_ pattern: String, _ text: String) -> Bool { !ranges(pattern, text).isEmpty }

    static func ranges(_ pattern: String, _ text: String) -> [Range<String.Index>] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else {
            Issue.record("bad pattern \(pattern)")
            return []
        }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text)
        }
    }

    /// Each match with its capture groups (index 0 the whole match; "" for a group that took no part).
    static func captures(_ pattern: String, _ text: String) -> [[String]] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else {
            Issue.record("bad pattern \(pattern)")
            return []
        }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }
}
