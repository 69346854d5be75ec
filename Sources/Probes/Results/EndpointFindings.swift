import Localization
import MailModel

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
                code: .service(prefix, "host-not-found"), severity: .fail,
                message: L("The server name \(host) does not exist in DNS, so nobody can connect to it."))
        case .noAddress:
            return Finding(
                code: .service(prefix, "host-not-found"), severity: .fail,
                message: L(
                    "The server name \(host) exists but has no IP address (no A or AAAA record), so nobody can connect to it."
                ))
        case .dnsFailure(let reason):
            return Finding(
                code: .service(prefix, "dns-error"), severity: .error,
                message: L("Could not look up the address of \(host): \(reason)."))
        case .refusedByPolicy:
            let message: LocalizedText
            if let first = report.refused.first {
                let count = report.refused.count
                message =
                    count > 1
                    ? L(
                        "Not probed: \(first.text) (\(plural: count, one: "# address refused.", other: "# addresses refused."))"
                    )
                    : L("Not probed: \(first.text)")
            } else {
                message = L("Not probed: \(host) is not an allowed target.")
            }
            return Finding(code: .probeTargetRefused, severity: .error, message: message)
        }
    }

    /// A finding for the failure that ended a probe early, or nil.
    static func failureFinding(
        _ report: EndpointReport, prefix: String, options: ProbeOptions, who: String
    ) -> Finding? {
        guard let failure = report.failure else { return nil }
        let explanation = failure.explanation(stageTimeout: options.stageTimeout, totalTimeout: options.timeout)
        let severity: CheckStatus = failure.isInconclusive ? .error : .fail
        var code = FindingCode.service(prefix, failure.reasonCode)
        let stated: LocalizedText = L("\(who): \(explanation).")
        var message = stated
        switch failure.kind {
        case .connection(.tls):
            code = .tlsHandshakeFailed
            message = L("\(stated) Mail programs cannot use an encrypted connection to it.")
        case .garbage(let text):
            code =
                failure.stage == .banner || failure.stage == .greeting
                ? .service(prefix, "banner-garbage") : .service(prefix, "garbage")
            message = garbageMessage(stated, text: text.english)
        case .connection(.timeout(0)) where failure.stage == .banner || failure.stage == .greeting:
            if !report.implicitTLS && [465, 993, 995].contains(report.port) {
                message = L(
                    "\(stated) Port \(report.port) normally expects TLS from the first byte (implicit TLS); this probe waited for a plain-text greeting."
                )
            } else if failure.stage == .banner {
                message = L(
                    "\(stated) Some servers delay their greeting on purpose (tarpitting) for longer than this probe waits; a silent server can also be overloaded or broken."
                )
            }
        default:
            break
        }
        return Finding(code: code, severity: severity, message: message)
    }

    /// `stated` followed by what the unexpected text (the server's words) suggests.
    private static func garbageMessage(_ stated: LocalizedText, text: String) -> LocalizedText {
        if text.hasPrefix("HTTP/") || text.hasPrefix("<") {
            return L("\(stated) That looks like a web server, not a mail server.")
        }
        if text.hasPrefix("SSH-") { return L("\(stated) That is an SSH server, not a mail server.") }
        if text.hasPrefix("\\x15\\x03") || text.hasPrefix("\\x16\\x03") {
            return L("\(stated) The server speaks TLS right away (implicit TLS, as on ports 465, 993 and 995).")
        }
        return L("\(stated) A mail server would start with a greeting like \"220 mail.example.com ESMTP\".")
    }

    /// Findings about the TLS session and certificate; `who` is "mx1.example.com:25".
    static func tlsFindings(
        _ tls: TLSObservation, who: String, strictness: Strictness, into list: inout FindingBuilder
    ) {
        let problemSeverity: CheckStatus = strictness == .required ? .fail : .warn
        let consequence: LocalizedText =
            strictness == .required
            ? L("Mail apps show a security warning or refuse to connect.")
            : L(
                "Most sending servers still deliver, but those that enforce MTA-STS or DANE (large providers do) will refuse."
            )
        if tls.isOldVersion {
            list.add(
                .tlsOldVersion, .warn,
                L(
                    "\(who) only negotiated \(tls.version), an outdated encryption version that current mail programs turn off; enable TLS 1.2 or 1.3."
                )
            )
        }
        if let suite = tls.cipherSuite, CipherSuiteNames.isWeak(suite) {
            list.add(
                .tlsWeakCipher, .warn,
                L("\(who) chose the weak cipher suite \(tls.cipherName); prefer ECDHE with AES-GCM or ChaCha20."))
        }
        guard let certificate = tls.certificate else {
            list.add(
                .tlsNoCertificate, problemSeverity, L("\(who) presented no readable certificate. \(consequence)"))
            return
        }
        var problems = 0
        if certificate.isExpired {
            problems += 1
            list.add(
                .tlsCertExpired, problemSeverity,
                L(
                    "\(who) answers, but its certificate expired on \(UTCDate.day(certificate.notAfter)) (\(-certificate.daysLeft) days ago). \(consequence) Renew the certificate."
                )
            )
        } else if certificate.isNotYetValid {
            problems += 1
            list.add(
                .tlsCertNotYetValid, problemSeverity,
                L(
                    "\(who) answers, but its certificate is only valid from \(UTCDate.day(certificate.notBefore)). \(consequence) Check the server's clock and the certificate."
                )
            )
        }
        switch certificate.trust {
        case .trusted: break
        case .selfSigned:
            problems += 1
            list.add(
                .tlsCertSelfSigned, problemSeverity,
                L(
                    "\(who) uses a self-signed certificate: it vouches for itself instead of being issued by a certificate authority. \(consequence) Get a certificate from an authority (for example Let's Encrypt)."
                )
            )
        case .unknownIssuer(let reason):
            problems += 1
            list.add(
                .tlsCertUnknownIssuer, problemSeverity,
                L("\(who) uses a certificate that is not trusted: \(reason). \(consequence)"))
        }
        if case .mismatch(let name) = certificate.nameCheck {
            problems += 1
            let names = certificate.names.prefix(6).joined(separator: ", ")
            list.add(
                .tlsCertNameMismatch, problemSeverity,
                certificate.names.isEmpty
                    ? L(
                        "\(who) presents a certificate for no name at all, but it was reached as \(name), so the name does not match. \(consequence)"
                    )
                    : L(
                        "\(who) presents a certificate for \(names), but it was reached as \(name), so the name does not match. \(consequence)"
                    )
            )
        }
        if case .notChecked = certificate.nameCheck, !certificate.names.isEmpty {
            list.add(
                .tlsCertNameUnchecked, .info,
                L(
                    "\(who) was reached by IP address, so the certificate's name (\(certificate.names.prefix(3).joined(separator: ", "))) could not be compared; mail programs connect by name and compare it."
                )
            )
        }
        if problems == 0 && certificate.daysLeft < 14 {
            list.add(
                .tlsCertExpiringSoon, .warn,
                L(
                    "The certificate of \(who) expires on \(UTCDate.day(certificate.notAfter)), in \(max(0, certificate.daysLeft)) days; renew it soon."
                )
            )
        }
        if problems == 0 {
            let names = certificate.names.prefix(3).joined(separator: ", ")
            list.add(
                .tlsOK, .pass,
                L(
                    "Encryption works on \(who): \(tls.version) with \(tls.cipherName); the certificate (for \(names)) is trusted and valid until \(UTCDate.day(certificate.notAfter))."
                )
            )
        }
    }

    /// A short phrase for the summary line: "TLSv1.3, certificate ok" / "certificate expired".
    static func tlsPhrase(_ tls: TLSObservation?) -> LocalizedText? {
        guard let tls else { return nil }
        guard let certificate = tls.certificate else { return L("\(tls.version), no certificate") }
        let version = tls.version
        switch certificate.mainProblem {
        case .none: return L("\(version), certificate ok")
        case .expired: return L("\(version), certificate expired")
        case .notYetValid: return L("\(version), certificate not yet valid")
        case .selfSigned: return L("\(version), certificate self-signed")
        case .wrongName: return L("\(version), certificate wrong name")
        case .unknownIssuer: return L("\(version), certificate unknown issuer")
        }
    }
}
