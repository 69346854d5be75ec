import Localization
import MailModel

/// Resolves one host, applies the target policy and runs a dialog on the allowed addresses.
enum EndpointProbe {
    static func run(
        host: String, port: Int, implicitTLS: Bool, preference: Int? = nil, resolver: any DNSResolving,
        policy: TargetPolicy, deadlines: ProbeDeadlines, portMap: [Int: Int] = [:],
        dialog: (ProbeSession, [IPAddress]) async -> Void
    ) async -> EndpointReport {
        var report = EndpointReport(host: host, port: port, implicitTLS: implicitTLS, preference: preference)
        let hostResolver = HostResolver(resolver: resolver, policy: policy)
        guard
            let resolution = await withTimeLimit(deadlines.remaining, { await hostResolver.resolve(host, port: port) })
        else {
            report.resolveProblem = .dnsFailure(L("no DNS answer arrived before the probe's deadline"))
            return report
        }
        report.refused = resolution.refused
        if let problem = resolution.problem {
            report.resolveProblem = problem
            return report
        }
        let session = ProbeSession(report: report, deadlines: deadlines, portMap: portMap)
        await dialog(session, resolution.addresses)
        return session.report
    }
}
