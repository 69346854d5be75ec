import Localization
import MailModel
import NIOCore

/// `smtp`: can mail be delivered to the domain's MX hosts (or a given host:port)? Connects to each,
/// reads the banner, EHLO, STARTTLS, TLS and certificate, EHLO again, optionally tests a recipient,
/// and when nothing answers, tells a blocked local network from a dead server.
struct SMTPCheck: Sendable {
    let target: ProbeTarget
    let options: ProbeOptions
    let resolver: any DNSResolving

    private struct Host: Sendable {
        var name: String
        var preference: Int?
    }

    func run() async -> CheckResult {
        let deadlines = ProbeDeadlines(timeout: options.timeout, stageTimeout: options.stageTimeout)
        var list = FindingBuilder()
        list.data["target"] = .string(target.description)
        let port = target.port ?? 25
        var recipient: String?
        if let rcpt = options.rcpt {
            do {
                recipient = try ProbeTarget.checkedRecipient(rcpt)
            } catch {
                list.add(.smtpBadRecipient, .error, L("\(error.text) The recipient was not tested."))
            }
        }

        let hosts: [Host]
        if target.port != nil || target.address != nil {
            hosts = [Host(name: target.host, preference: nil)]
        } else {
            switch await mxHosts(deadlines: deadlines, list: &list) {
            case .some(let found): hosts = found
            case .none: return list.result(.smtp, summary: summaryForMissingHosts(list))
            }
        }

        let reserve = options.control == nil ? Duration.zero : min(options.stageTimeout, options.timeout / 3)
        let connectLimit = deadlines.total - TimeAmount(reserve)
        let dialog = SMTPDialog(
            ehloName: options.ehloName, implicitTLS: isImplicitTLS(port), serverName: nil, recipient: recipient,
            login: nil, inspector: CertificateInspector(extraTrustRoots: options.extraTrustRoots))
        let reports = await withTaskGroup(of: (Int, EndpointReport).self) { group in
            for (index, host) in hosts.enumerated() {
                group.addTask {
                    var hostDialog = dialog
                    hostDialog.serverName = IPAddress(host.name) == nil ? host.name : nil
                    return (
                        index,
                        await EndpointProbe.run(
                            host: host.name, port: port, implicitTLS: dialog.implicitTLS, preference: host.preference,
                            resolver: resolver, policy: options.policy, deadlines: deadlines, portMap: options.portMap
                        ) { session, addresses in
                            await hostDialog.run(session, addresses: addresses, connectLimit: connectLimit)
                        }
                    )
                }
            }
            var results: [(Int, EndpointReport)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        list.data["port"] = .int(port)
        list.data["hosts"] = .array(reports.map { $0.json(smtpExtensions: true) })

        var perHost = reports.map { report in
            SMTPAssessment.findings(report, who: "\(report.host):\(report.port)", options: options)
        }
        let unreachable = reports.map(SMTPCheck.isUnreachable)
        if !unreachable.isEmpty && unreachable.allSatisfy({ $0 }) {
            await applyControl(reports: reports, perHost: &perHost, port: port, deadlines: deadlines, list: &list)
        } else if unreachable.contains(true) {
            let working = zip(reports, perHost).filter {
                !SMTPCheck.isUnreachable($0.0) && $0.1.contains { $0.code == .smtpOK }
            }
            if !working.isEmpty {
                for index in perHost.indices where unreachable[index] {
                    perHost[index] = perHost[index].map { finding in
                        guard finding.severity == .fail || finding.severity == .error else { return finding }
                        var softened = finding.with(
                            message: L(
                                "\(finding.messageText) Senders will use the other mail servers, but this one should be fixed or removed from the MX records."
                            ))
                        softened.severity = .warn
                        return softened
                    }
                }
            }
        }
        for findings in perHost { for finding in findings { list.add(finding) } }
        let endpoints = LocalizedText.list(reports.map(EndpointPhrase.of), separator: .semicolon)
        var summary: LocalizedText =
            reports.count == 1
            ? endpoints : L("\(plural: reports.count, one: "# MX host", other: "# MX hosts"): \(endpoints)")
        if list.has(.netPort25Blocked) { summary = L("\(summary) — your network blocks port \(port)") }
        if list.has(.netOffline) { summary = L("\(summary) — this computer seems to be offline") }
        return list.result(.smtp, summary: summary)
    }

    private func isImplicitTLS(_ port: Int) -> Bool {
        if let mode = options.tlsMode, target.port != nil { return mode == .implicit }
        return port == 465
    }

    /// The MX hosts in order of preference; nil (with findings) when there is nothing to probe.
    private func mxHosts(deadlines: ProbeDeadlines, list: inout FindingBuilder) async -> [Host]? {
        let domain = target.host
        let resolver = self.resolver
        guard let answer = await withTimeLimit(deadlines.remaining, { await resolver.resolve(domain, .mx) }) else {
            list.add(
                .smtpDNSError, .error, L("The MX lookup for \(domain) got no answer before the probe's deadline."))
            return nil
        }
        switch answer.outcome {
        case .nxdomain:
            list.add(
                .smtpNoSuchDomain, .fail, L("\(domain) does not exist in DNS, so no mail can be delivered to it."))
            return nil
        case .servfail, .refused, .timeout, .failure:
            list.add(
                .smtpDNSError, .error,
                L("Could not look up the mail servers (MX) of \(domain): \(answer.outcome.explanationText)."))
            return nil
        case .noData:
            list.add(
                .smtpImplicitMX, .info,
                L(
                    "\(domain) has no MX records, so senders deliver to the domain's own address; that is what was probed."
                ))
            return [Host(name: domain, preference: nil)]
        case .answer:
            break
        }
        let records = answer.records.compactMap { record -> Host? in
            guard case .mx(let preference, let exchange) = record else { return nil }
            return Host(name: exchange, preference: preference)
        }.sorted { ($0.preference ?? 0, $0.name) < ($1.preference ?? 0, $1.name) }
        list.data["mx"] = .array(
            records.map { ["preference": .int($0.preference ?? 0), "exchange": .string($0.name)] })
        let usable = records.filter { !$0.name.isEmpty }
        if usable.isEmpty {
            list.add(
                .smtpNullMX, .info,
                L(
                    "\(domain) publishes a null MX: it declares that it accepts no e-mail, so there is no mail server to probe."
                )
            )
            return nil
        }
        if usable.count > options.maxMXHosts {
            list.add(
                .smtpMXTruncated, .info,
                L(
                    "\(domain) has \(plural: usable.count, one: "# MX host", other: "# MX hosts"); the first \(options.maxMXHosts) by preference were probed."
                ))
        }
        return Array(usable.prefix(max(1, options.maxMXHosts)))
    }

    private func summaryForMissingHosts(_ list: FindingBuilder) -> LocalizedText {
        if list.has(.smtpNullMX) { return L("\(target.host) accepts no mail (null MX)") }
        if list.has(.smtpNoSuchDomain) { return L("\(target.host) does not exist") }
        return L("could not find the mail servers of \(target.host)")
    }

    /// Whether the endpoint could not be connected to at all (refused, timed out, unreachable).
    static func isUnreachable(_ report: EndpointReport) -> Bool {
        guard let failure = report.failure, failure.stage == .connect else { return false }
        return ["connect-refused", "connect-timeout", "unreachable"].contains(failure.reasonCode)
    }

    /// Nothing answered on the SMTP port: ask the control targets whose fault it is.
    private func applyControl(
        reports: [EndpointReport], perHost: inout [[Finding]], port: Int, deadlines: ProbeDeadlines,
        list: inout FindingBuilder
    ) async {
        guard let control = options.control else {
            list.add(
                .netPort25Unknown, .info,
                L(
                    "No control check is configured, so it is unknown whether this network blocks outgoing connections to port \(port)."
                )
            )
            return
        }
        let deadline = max(deadlines.total, NIODeadline.now() + .milliseconds(200))
        let firstAddress = reports.lazy.compactMap { $0.attempts.first.flatMap { IPAddress($0.address) } }.first
        let outcome = await PortBlockingProbe(resolver: resolver, control: control, policy: options.policy)
            .run(target: firstAddress, deadline: deadline)
        list.data["control"] = outcome.json
        // The port the target answered on instead, when it did: their server is running.
        let otherPort =
            outcome.targetAnswersElsewhere
            ? outcome.targetOtherPorts.first { $0.outcome == "connected" }?.port ?? 587 : nil
        switch outcome.verdict {
        case .networkBlocksSMTP:
            let blocked: LocalizedText =
                L(
                    "Your network blocks outgoing connections to port \(port): not even \(control.mailHost), a mail server that is always up, could be reached on it, while other connections work."
                )
            let advice: LocalizedText =
                L(
                    "This is common on home connections and cloud servers and says nothing about their server; test from another network or ask your provider to unblock port \(port)."
                )
            list.add(
                .netPort25Blocked, .error,
                otherPort.map {
                    L("\(blocked) Their server does answer on port \($0), so it is running. \(advice)")
                } ?? L("\(blocked) \(advice)"))
            perHost = perHost.map { findings in
                findings.map { finding in
                    var changed = finding.with(
                        message: L(
                            "\(finding.messageText) (Because your network blocks port \(port), this does not show a fault on their side.)"
                        ))
                    if changed.severity == .fail { changed.severity = .error }
                    return changed
                }
            }
        case .networkOK:
            let reached: LocalizedText = L(
                "Your network can reach other mail servers on port \(port) (\(control.mailHost) answered), so the problem is on their side."
            )
            list.add(
                .netPort25Open, .info,
                otherPort.map { L("\(reached) Their server does answer on port \($0), so it is running.") } ?? reached)
            perHost = perHost.map { findings in
                findings.map { finding in
                    var changed = finding
                    if changed.severity == .error { changed.severity = .fail }
                    return changed
                }
            }
        case .offline:
            list.add(
                .netOffline, .error,
                L(
                    "No connection could be made at all — not to \(control.mailHost) on port \(control.mailPort), not to \(control.webHost) on port \(control.webPort). This computer seems to be offline or behind a firewall that blocks everything."
                )
            )
        case .inconclusive:
            list.add(
                .netControlInconclusive, .info,
                L(
                    "The control check (\(control.mailHost) on port \(control.mailPort), \(control.webHost) on port \(control.webPort)) gave no clear answer, so it is unknown whether this network blocks port \(port)."
                )
            )
        }
    }
}
