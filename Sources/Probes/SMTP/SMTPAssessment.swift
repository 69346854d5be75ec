import Localization
import MailModel

/// Judges one SMTP endpoint report (an MX host on port 25, or a given host:port) for the `smtp` check.
enum SMTPAssessment {
    /// The findings for one endpoint; `who` names it in messages ("mx1.example.com:25").
    static func findings(_ report: EndpointReport, who: String, options: ProbeOptions) -> [Finding] {
        var list = FindingBuilder()
        if let finding = EndpointFindings.resolveFinding(report, prefix: "smtp") {
            list.add(finding)
            return list.findings
        }
        if let code = report.greetingCode, let greeting = report.greeting {
            if (500..<600).contains(code) {
                list.add(
                    .smtpBannerRejected, .fail,
                    L(
                        "\(who) answers but refuses to talk to this computer: \"\(code) \(greeting)\". Servers do this to networks they do not accept mail from (for example an address on a blocklist); check from the network your mail is sent from."
                    )
                )
            } else if (400..<500).contains(code) {
                list.add(
                    .smtpBannerTemporary, .warn,
                    L(
                        "\(who) answers but is temporarily not accepting mail: \"\(code) \(greeting)\". Senders will retry later."
                    )
                )
            }
        }
        if let delay = report.greetingDelayMS, delay >= ProbeTiming.milliseconds(options.tarpitThreshold),
            report.greetingCode != nil
        {
            let waited = ProbeTiming.text(.milliseconds(delay))
            list.add(
                .smtpTarpit, .info,
                L(
                    "\(who) waited \(waited) before greeting. This is almost always deliberate (a \"tarpit\" or greeting delay that slows down spam robots); real mail servers wait up to 5 minutes, so it does not stop mail."
                )
            )
        }
        if report.usedHELO {
            if report.stages.contains(where: { $0.stage == .ehlo && $0.outcome == .ok }) {
                list.add(
                    .smtpEHLORejected, .warn,
                    L(
                        "\(who) refused EHLO and only accepted the old HELO greeting, so it offers no extensions — no STARTTLS encryption, no size announcement, no 8-bit mail."
                    )
                )
            } else {
                list.add(
                    .smtpEHLOFailed, .fail,
                    L("\(who) refused both EHLO and HELO, so no mail can be sent to it from this computer."))
            }
        } else if report.stages.contains(where: { $0.stage == .ehlo && $0.outcome == .failed }) {
            list.add(
                .smtpEHLOFailed, .fail,
                L("\(who) refused the EHLO greeting, so no mail can be sent to it from this computer."))
        }
        let greeted = report.greetingCode == 220 && report.stages.contains { $0.stage == .ehlo && $0.outcome == .ok }
        if !report.implicitTLS && greeted {
            if let refusal = report.startTLSRefusal {
                list.add(
                    .smtpSTARTTLSRefused, .fail,
                    L(
                        "\(who) offers STARTTLS but refused to start it: \"\(refusal)\". Senders that require encryption cannot deliver, and others fall back to sending unencrypted."
                    )
                )
            } else if !report.offersStartTLS && report.failure == nil {
                list.add(
                    .smtpSTARTTLSMissing, .warn,
                    L(
                        "\(who) does not offer STARTTLS, so mail to it travels unencrypted and providers that require encryption (MTA-STS) will not deliver. Enable TLS on the server."
                    )
                )
            }
        }
        if report.linesBeforeHandshake > 0 {
            list.add(
                .smtpSTARTTLSInjection, .warn,
                L(
                    "\(who) sent \(report.linesBeforeHandshake) extra line(s) between its STARTTLS answer and the encryption; that text was ignored. A server or middlebox that does this may be vulnerable to command injection."
                )
            )
        }
        if let tls = report.tls {
            EndpointFindings.tlsFindings(tls, who: who, strictness: .opportunistic, into: &list)
        }
        if report.stages.contains(where: { $0.stage == .ehloAfterTLS && $0.outcome == .failed }) {
            list.add(
                .smtpEHLOAfterTLSFailed, .fail,
                L("\(who) refused EHLO after encryption started, so mail over the encrypted connection fails."))
        }
        if let finding = EndpointFindings.failureFinding(report, prefix: "smtp", options: options, who: who) {
            list.add(finding)
        }
        if let recipient = report.recipient {
            recipientFindings(recipient, who: who, into: &list)
        }
        if !list.findings.contains(where: { $0.severity.rank >= CheckStatus.warn.rank }) {
            list.add(.smtpOK, .pass, okMessage(report, who: who))
        }
        return list.findings
    }

    /// The sentence for an endpoint with nothing to warn about: how fast it greets, and which notable
    /// extensions and encryption it offers when it offers them.
    private static func okMessage(_ report: EndpointReport, who: String) -> LocalizedText {
        let delay = report.greetingDelayMS ?? 0
        let capabilities = SMTPCapabilities(lines: report.effectiveCapabilities).notablePresent
        let offered = capabilities.joined(separator: ", ")
        switch (capabilities.isEmpty, report.tls?.version) {
        case (true, .none):
            return L("\(who) accepts connections and greets in \(delay) ms.")
        case (false, .none):
            return L("\(who) accepts connections and greets in \(delay) ms, offers \(offered).")
        case (true, .some(let version)):
            return L("\(who) accepts connections and greets in \(delay) ms, encrypts with \(version).")
        case (false, .some(let version)):
            return L(
                "\(who) accepts connections and greets in \(delay) ms, offers \(offered), encrypts with \(version).")
        }
    }

    private static func recipientFindings(
        _ recipient: EndpointReport.RecipientOutcome, who: String, into list: inout FindingBuilder
    ) {
        guard let code = recipient.code else {
            list.add(
                .smtpMailFromRejected, .warn,
                L(
                    "\(who) refused the empty sender (MAIL FROM:<>) used for bounce messages: \"\(recipient.senderReply)\". Servers must accept it (RFC 5321), otherwise delivery reports get lost; the recipient could not be tested."
                )
            )
            return
        }
        switch code {
        case 250, 251:
            list.add(
                .smtpRCPTAccepted, .pass, L("\(who) accepts mail for \(recipient.address) (\(recipient.reply))."))
        case 400..<500:
            list.add(
                .smtpRCPTDeferred, .warn,
                L(
                    "\(who) temporarily refused mail for \(recipient.address): \"\(recipient.reply)\". Often greylisting (a deliberate first refusal; real senders retry) or a full mailbox."
                )
            )
        default:
            list.add(
                .smtpRCPTRejected, .fail,
                L(
                    "\(who) refuses mail for \(recipient.address): \"\(recipient.reply)\". Common reasons: the mailbox does not exist, or the server does not accept mail for that domain."
                )
            )
        }
    }
}
