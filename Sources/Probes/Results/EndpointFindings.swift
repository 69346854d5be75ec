import Localization
import Checks

/// Findings every protocol shares: why a probe could not complete, and what TLS and the certificate say.
enum EndpointFindings {
    /// How strictly certificate problems count: a sending server usually still delivers over a bad
    /// certificate (opportunistic TLS), a mail app does not.
    enum Strictness {
        case opportunistic
        case required
    }

    /// A finding for a host name that gave no usable address, or nil.
    static func resolveFinding(_ report: EndpointReport, prefix: String) -> Finding? {
        guard let problem = report.resolveProblem else { return nil }
        let host = report.host
        switch problem {
        case .noSuchName:
            return Finding(
                code: "\(prefix).host-not-found", severity: .fail,
                message: "The server name \(host) does not exist in DNS, so nobody can connect to it.")
        case .noAddress:
            return Finding(
                code: "\(prefix).host-not-found", severity: .fail,
                message:
                    "The server name \(host) exists but has no IP address (no A or AAAA record), so nobody can connect to it."
            )
        case .dnsFailure(let reason):
            return Finding(
                code: "\(prefix).dns-error", severity: .error,
                message: "Could not look up the address of \(host): \(reason).")
        case .refusedByPolicy:
            let reasons = report.refused.map(\.description)
            return Finding(
                code: "probe.target-refused", severity: .error,
                message: .verbatim(
                    "Not probed: " + (reasons.first ?? "\(host) is not an allowed target.")
                        + (reasons.count > 1 ? " (\(reasons.count) addresses refused.)" : "")))
        }
    }

    /// A finding for the failure that ended a probe early, or nil.
    static func failureFinding(
        _ report: EndpointReport, prefix: String, options: ProbeOptions, who: String
    ) -> Finding? {
        guard let failure = report.failure else { return nil }
        let explanation = failure.explanation(stageTimeout: options.stageTimeout, totalTimeout: options.timeout)
        let severity: CheckStatus = failure.isInconclusive ? .error : .fail
        var code = "\(prefix).\(failure.reasonCode)"
        var message = "\(who): \(explanation)."
        switch failure.kind {
        case .connection(.tls):
            code = "tls.handshake-failed"
            message += " Mail programs cannot use an encrypted connection to it."
        case .garbage(let text):
            code =
                failure.stage == .banner || failure.stage == .greeting
                ? "\(prefix).banner-garbage" : "\(prefix).garbage"
            message += hint(forGarbage: text, port: report.port)
        case .connection(.timeout(0)) where failure.stage == .banner || failure.stage == .greeting:
            if !report.implicitTLS && [465, 993, 995].contains(report.port) {
                message +=
                    " Port \(report.port) normally expects TLS from the first byte (implicit TLS); this probe waited for a plain-text greeting."
            } else if failure.stage == .banner {
                message +=
                    " Some servers delay their greeting on purpose (tarpitting) for longer than this probe waits; a silent server can also be overloaded or broken."
            }
        default:
            break
        }
        return Finding(code: code, severity: severity, message: .verbatim(message))
    }

    private static func hint(forGarbage text: String, port: Int) -> String {
        if text.hasPrefix("HTTP/") || text.hasPrefix("<") {
            return " That looks like a web server, not a mail server."
        }
        if text.hasPrefix("SSH-") { return " That is an SSH server, not a mail server." }
        if text.hasPrefix("\\x15\\x03") || text.hasPrefix("\\x16\\x03") {
            return " The server speaks TLS right away (implicit TLS, as on ports 465, 993 and 995)."
        }
        return " A mail server would start with a greeting like \"220 mail.example.com ESMTP\"."
    }

    /// Findings about the TLS session and certificate; `who` is "mx1.example.com:25".
    static func tlsFindings(
        _ tls: TLSObservation, who: String, strictness: Strictness, into list: inout FindingBuilder
    ) {
        let problemSeverity: CheckStatus = strictness == .required ? .fail : .warn
        let consequence =
            strictness == .required
            ? "Mail apps show a security warning or refuse to connect."
            : "Most sending servers still deliver, but those that enforce MTA-STS or DANE (large providers do) will refuse."
        if tls.isOldVersion {
            list.add(
                "tls.old-version", .warn,
                "\(who) only negotiated \(tls.version), an outdated encryption version that current mail programs turn off; enable TLS 1.2 or 1.3."
            )
        }
        if let suite = tls.cipherSuite, CipherSuiteNames.isWeak(suite) {
            list.add(
                "tls.weak-cipher", .warn,
                "\(who) chose the weak cipher suite \(tls.cipherName); prefer ECDHE with AES-GCM or ChaCha20.")
        }
        guard let certificate = tls.certificate else {
            list.add("tls.no-certificate", problemSeverity, "\(who) presented no readable certificate. \(consequence)")
            return
        }
        var problems = 0
        if certificate.isExpired {
            problems += 1
            list.add(
                "tls.cert-expired", problemSeverity,
                "\(who) answers, but its certificate expired on \(UTCDate.day(certificate.notAfter)) (\(-certificate.daysLeft) days ago). \(consequence) Renew the certificate."
            )
        } else if certificate.isNotYetValid {
            problems += 1
            list.add(
                "tls.cert-not-yet-valid", problemSeverity,
                "\(who) answers, but its certificate is only valid from \(UTCDate.day(certificate.notBefore)). \(consequence) Check the server's clock and the certificate."
            )
        }
        switch certificate.trust {
        case .trusted: break
        case .selfSigned:
            problems += 1
            list.add(
                "tls.cert-self-signed", problemSeverity,
                "\(who) uses a self-signed certificate: it vouches for itself instead of being issued by a certificate authority. \(consequence) Get a certificate from an authority (for example Let's Encrypt)."
            )
        case .unknownIssuer(let reason):
            problems += 1
            list.add(
                "tls.cert-unknown-issuer", problemSeverity,
                "\(who) uses a certificate that is not trusted: \(reason). \(consequence)")
        }
        if case .mismatch(let name) = certificate.nameCheck {
            problems += 1
            let names =
                certificate.names.isEmpty ? "no name at all" : certificate.names.prefix(6).joined(separator: ", ")
            list.add(
                "tls.cert-name-mismatch", problemSeverity,
                "\(who) presents a certificate for \(names), but it was reached as \(name), so the name does not match. \(consequence)"
            )
        }
        if case .notChecked = certificate.nameCheck, !certificate.names.isEmpty {
            list.add(
                "tls.cert-name-unchecked", .info,
                "\(who) was reached by IP address, so the certificate's name (\(certificate.names.prefix(3).joined(separator: ", "))) could not be compared; mail programs connect by name and compare it."
            )
        }
        if problems == 0 && certificate.daysLeft < 14 {
            list.add(
                "tls.cert-expiring-soon", .warn,
                "The certificate of \(who) expires on \(UTCDate.day(certificate.notAfter)), in \(max(0, certificate.daysLeft)) days; renew it soon."
            )
        }
        if problems == 0 {
            let names = certificate.names.prefix(3).joined(separator: ", ")
            list.add(
                "tls.ok", .pass,
                "Encryption works on \(who): \(tls.version) with \(tls.cipherName); the certificate (for \(names)) is trusted and valid until \(UTCDate.day(certificate.notAfter))."
            )
        }
    }

    /// A short phrase for the summary line: "TLSv1.3, certificate ok" / "certificate expired".
    static func tlsPhrase(_ tls: TLSObservation?) -> String? {
        guard let tls else { return nil }
        guard let certificate = tls.certificate else { return "\(tls.version), no certificate" }
        return "\(tls.version), certificate \(certificate.mainProblem ?? "ok")"
    }
}
