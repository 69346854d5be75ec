import Localization
import MailModel

/// Judges endpoints that mail apps connect to (submission, IMAP, POP3): encryption and certificates
/// must be right, since apps verify them, and logins must only be possible under TLS.
enum ServiceAssessment {
    /// The protocol being judged.
    enum Service: String, Sendable {
        case submission, imap, pop3

        var id: CheckID {
            switch self {
            case .submission: .submission
            case .imap: .imap
            case .pop3: .pop3
            }
        }

        /// The ports probed for a bare host, with their TLS mode.
        var defaultPorts: [(port: Int, implicitTLS: Bool)] {
            switch self {
            case .submission: [(587, false), (465, true)]
            case .imap: [(143, false), (993, true)]
            case .pop3: [(110, false), (995, true)]
            }
        }

        var implicitPorts: Set<Int> { [465, 993, 995] }

        var name: LocalizedText {
            switch self {
            case .submission: L("sending (submission)")
            case .imap: .verbatim("IMAP")
            case .pop3: .verbatim("POP3")
            }
        }

        var startTLSWord: String { self == .pop3 ? "STLS" : "STARTTLS" }
    }

    /// Whether a host name looks like a domain rather than a server's name (`example.org`, `example.co.uk`, not
    /// `ssl0.ovh.net` or `mail.example.org`): only then is "try mail.<domain>" a sensible hint.
    static func looksLikeBareDomain(_ host: String) -> Bool {
        let labels = host.lowercased().split(separator: ".")
        switch labels.count {
        case 2: return true
        // A country's second level ("co.uk", "com.br") under the domain's own label.
        case 3: return labels[1].count <= 3 && labels[2].count == 2 && !serverLabels.contains(String(labels[0]))
        default: return false
        }
    }

    /// First labels that name a mail server, not a domain.
    static let serverLabels: Set<String> = ["mail", "smtp", "imap", "pop", "pop3", "mx", "webmail", "ssl0"]

    static func findings(_ report: EndpointReport, service: Service, options: ProbeOptions) -> [Finding] {
        let prefix = service.rawValue
        let who = "\(report.host):\(report.port)"
        let startTLS = service.startTLSWord
        var list = FindingBuilder()
        if var finding = EndpointFindings.resolveFinding(report, prefix: prefix) {
            if report.resolveProblem == .noAddress || report.resolveProblem == .noSuchName,
                looksLikeBareDomain(report.host)
            {
                let example = service == .submission ? "smtp" : service.rawValue
                let host = report.host
                finding = finding.with(
                    message: L(
                        "\(finding.messageText) Mail apps often use a separate server name such as mail.\(host) or \(example).\(host); check the provider's settings and probe that name."
                    ))
            }
            list.add(finding)
            return list.findings
        }
        greetingFindings(report, service: service, who: who, into: &list)
        let greeted = report.stages.contains { ($0.stage == .banner || $0.stage == .greeting) && $0.outcome == .ok }
        if !report.implicitTLS && greeted {
            if let refusal = report.startTLSRefusal {
                list.add(
                    .service(prefix, "starttls-refused"), .fail,
                    L(
                        "\(who) offers \(startTLS) but refused to start it: \"\(refusal)\". Mail apps cannot connect securely."
                    )
                )
            } else if !report.offersStartTLS && report.failure == nil {
                let implicitPort = service.defaultPorts[1].port
                list.add(
                    .service(prefix, "starttls-missing"), .fail,
                    L(
                        "\(who) offers no encryption (\(startTLS)), so passwords and mail would travel unencrypted; mail apps refuse or warn. Enable TLS, or use port \(implicitPort) with TLS."
                    )
                )
            }
            plaintextLoginFindings(report, service: service, who: who, into: &list)
        }
        if let tls = report.tls {
            EndpointFindings.tlsFindings(tls, who: who, strictness: .required, into: &list)
        }
        if service == .submission && report.tls != nil && report.failure == nil && greeted {
            let mechanisms = SMTPCapabilities(lines: report.effectiveCapabilities).authMechanisms
            if mechanisms.isEmpty {
                list.add(
                    .submissionAuthMissing, .fail,
                    L("\(who) offers no login (AUTH) even after encryption, so mail apps cannot send through it."))
            }
        }
        if let finding = EndpointFindings.failureFinding(report, prefix: prefix, options: options, who: who) {
            list.add(finding)
        }
        if let login = report.login {
            switch login {
            case .accepted:
                list.add(.service(prefix, "login-ok"), .pass, L("The user name and password work on \(who)."))
            case .rejected(let reply):
                list.add(
                    .service(prefix, "login-failed"), .fail,
                    L(
                        "\(who) rejected the user name or password: \"\(reply)\". Check both in the mail app; after several failures some servers block logins for a while."
                    )
                )
            case .skipped(let reason):
                list.add(.service(prefix, "login-skipped"), .info, L("The login was not tested on \(who): \(reason)."))
            }
        }
        if !list.findings.contains(where: { $0.severity.rank >= CheckStatus.warn.rank }) {
            list.add(.service(prefix, "ok"), .pass, okMessage(report, service: service, who: who))
        }
        return list.findings
    }

    /// The sentence for an endpoint with nothing to warn about: that it answers, and how it encrypts and
    /// which logins it offers when that is known.
    private static func okMessage(_ report: EndpointReport, service: Service, who: String) -> LocalizedText {
        let mechanisms =
            service == .submission ? SMTPCapabilities(lines: report.effectiveCapabilities).authMechanisms : []
        let logins = mechanisms.joined(separator: ", ")
        switch (report.tls?.version, mechanisms.isEmpty) {
        case (.some(let version), true): return L("\(who) answers, encrypts with \(version).")
        case (.some(let version), false):
            return L("\(who) answers, encrypts with \(version), offers login (\(logins)).")
        case (.none, false): return L("\(who) answers, offers login (\(logins)).")
        case (.none, true): return L("\(who) answers.")
        }
    }

    private static func greetingFindings(
        _ report: EndpointReport, service: Service, who: String, into list: inout FindingBuilder
    ) {
        let prefix = service.rawValue
        if service == .submission, let code = report.greetingCode, code != 220 {
            let greeting = report.greeting ?? ""
            list.add(
                .submissionBannerRejected, (500..<600).contains(code) ? .fail : .warn,
                L("\(who) answers but does not accept connections from here: \"\(code) \(greeting)\"."))
        }
        if service != .submission, let greeting = report.greeting,
            greeting.uppercased().hasPrefix("* BYE") || greeting.hasPrefix("-ERR")
        {
            list.add(
                .service(prefix, "greeting-refused"), .fail, L("\(who) answers but refuses service: \"\(greeting)\"."))
        }
    }

    private static func plaintextLoginFindings(
        _ report: EndpointReport, service: Service, who: String, into list: inout FindingBuilder
    ) {
        guard report.offersStartTLS else { return }
        switch service {
        case .submission:
            let before = SMTPCapabilities(lines: report.capabilities).authMechanisms
            if !before.isEmpty {
                let offered = before.joined(separator: " ")
                list.add(
                    .submissionAuthBeforeTLS, .warn,
                    L(
                        "\(who) offers password login (AUTH \(offered)) before encryption starts; a mail app set up without encryption would send the password readable by anyone on the way. Allow AUTH only after STARTTLS."
                    )
                )
            }
        case .imap:
            if !report.capabilities.contains("LOGINDISABLED") {
                list.add(
                    .imapPlaintextLogin, .warn,
                    L(
                        "\(who) would accept a password before encryption starts (no LOGINDISABLED); a mail app set up without encryption would send it readable by anyone on the way."
                    )
                )
            }
        case .pop3:
            if report.capabilities.contains("USER") {
                list.add(
                    .pop3PlaintextLogin, .warn,
                    L(
                        "\(who) would accept a password (USER/PASS) before encryption starts; a mail app set up without encryption would send it readable by anyone on the way."
                    )
                )
            }
        }
    }
}
