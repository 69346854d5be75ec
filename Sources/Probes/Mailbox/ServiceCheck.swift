import Localization
import MailModel

/// `submission`, `imap` and `pop3`: probes the host on the protocol's STARTTLS and implicit-TLS ports
/// (or the one port given), concurrently, and judges what a mail app would meet.
struct ServiceCheck: Sendable {
    let service: ServiceAssessment.Service
    let target: ProbeTarget
    let options: ProbeOptions
    let resolver: any DNSResolving

    func run() async -> CheckResult {
        let deadlines = ProbeDeadlines(timeout: options.timeout, stageTimeout: options.stageTimeout)
        var list = FindingBuilder()
        list.data["target"] = .string(target.description)
        let endpoints: [(port: Int, implicitTLS: Bool)]
        if let port = target.port {
            let implicit = options.tlsMode.map { $0 == .implicit } ?? service.implicitPorts.contains(port)
            endpoints = [(port, implicit)]
        } else {
            endpoints = service.defaultPorts
        }
        let password = PasswordOnce(options.password)
        let login = options.loginUser.map { LoginCredentials(user: $0, password: { password.value() }) }
        let inspector = CertificateInspector(extraTrustRoots: options.extraTrustRoots)
        let serverName = target.address == nil ? target.host : nil
        let service = self.service
        let reports = await withTaskGroup(of: (Int, EndpointReport).self) { group in
            for (index, endpoint) in endpoints.enumerated() {
                group.addTask {
                    let report = await EndpointProbe.run(
                        host: target.host, port: endpoint.port, implicitTLS: endpoint.implicitTLS, resolver: resolver,
                        policy: options.policy, deadlines: deadlines, portMap: options.portMap
                    ) { session, addresses in
                        switch service {
                        case .submission:
                            await SMTPDialog(
                                ehloName: options.ehloName, implicitTLS: endpoint.implicitTLS, serverName: serverName,
                                recipient: nil, login: login, inspector: inspector
                            ).run(session, addresses: addresses)
                        case .imap:
                            await IMAPDialog(
                                implicitTLS: endpoint.implicitTLS, serverName: serverName, login: login,
                                inspector: inspector
                            ).run(session, addresses: addresses)
                        case .pop3:
                            await POP3Dialog(
                                implicitTLS: endpoint.implicitTLS, serverName: serverName, login: login,
                                inspector: inspector
                            ).run(session, addresses: addresses)
                        }
                    }
                    return (index, report)
                }
            }
            var results: [(Int, EndpointReport)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        list.data["endpoints"] = .array(reports.map { $0.json(smtpExtensions: service == .submission) })
        var perEndpoint = reports.map { ServiceAssessment.findings($0, service: service, options: options) }
        let closed = reports.map(SMTPCheck.isUnreachable)
        let working = zip(reports, perEndpoint).filter { pair in
            !SMTPCheck.isUnreachable(pair.0) && pair.1.contains { $0.code == .service(service.rawValue, "ok") }
        }
        if let good = working.first?.0, closed.contains(true) {
            for index in perEndpoint.indices where closed[index] {
                perEndpoint[index] = [
                    Finding(
                        code: .service(service.rawValue, "port-closed"), severity: .info,
                        message: L(
                            "Port \(reports[index].port) of \(target.host) does not accept connections; port \(good.port) works, so set up mail apps with port \(good.port)."
                        ))
                ]
            }
        }
        // A name that does not resolve fails every port alike: the same finding once, not once per port.
        var said = Set<String>()
        for findings in perEndpoint {
            for finding in findings where said.insert(finding.code.rawValue + "\u{1F}" + finding.message).inserted {
                list.add(finding)
            }
        }
        let hostsSame = reports.allSatisfy { $0.resolveProblem == reports.first?.resolveProblem }
        let summary: LocalizedText
        if hostsSame, let first = reports.first, first.resolveProblem != nil {
            summary = L("\(target.host): \(EndpointPhrase.state(first))")
        } else {
            summary = .list(reports.map(EndpointPhrase.of), separator: .semicolon)
        }
        return list.result(service.id, summary: summary)
    }
}
