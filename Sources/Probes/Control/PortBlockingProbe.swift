import MailModel
import NIOCore

/// Tells "your network blocks outbound port 25" apart from "their server is down" when a mail server
/// cannot be reached: it tries the same server on the submission ports, a well-known mail server on
/// port 25 and a well-known web server, all at once, with plain TCP connections (nothing is sent).
struct PortBlockingProbe: Sendable {
    let resolver: any DNSResolving
    let control: ControlTargets
    let policy: TargetPolicy

    /// What the control connections suggest.
    enum Verdict: String, Sendable {
        /// A well-known mail server is reachable on the SMTP port: the problem is on their side.
        case networkOK = "network-ok"
        /// The SMTP port is blocked for every server while other connections work: the local network blocks it.
        case networkBlocksSMTP = "network-blocks-smtp"
        /// Nothing could be reached at all.
        case offline
        /// The control hosts could not be looked up or gave mixed signals.
        case inconclusive
    }

    /// How each control connection went.
    struct Outcome: Sendable {
        var verdict: Verdict
        /// The target on other mail ports: port → "connected" / "connect-refused" / "connect-timeout"…
        var targetOtherPorts: [(port: Int, outcome: String)]
        var controlMail: String
        var controlWeb: String

        var json: JSONValue {
            [
                "verdict": .string(verdict.rawValue),
                "target_other_ports": .array(
                    targetOtherPorts.map { ["port": .int($0.port), "outcome": .string($0.outcome)] }),
                "control_mail": .string(controlMail), "control_web": .string(controlWeb),
            ]
        }

        /// Whether the target answered on another port.
        var targetAnswersElsewhere: Bool {
            targetOtherPorts.contains { $0.outcome == "connected" }
        }
    }

    /// Runs the control connections against `target` (already allowed by the policy) until `deadline`.
    func run(target: IPAddress?, deadline: NIODeadline) async -> Outcome {
        let otherPorts =
            target.map { address in
                [587, 465].filter { policy.check(address: address, port: $0).isAllowed }.map { (address, $0) }
            } ?? []
        async let others = withTaskGroup(of: (Int, String).self) { group in
            for (address, port) in otherPorts {
                group.addTask { (port, await PortBlockingProbe.reach(address, port, deadline)) }
            }
            var results: [(Int, String)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        async let mail = reach(control.mailHost, control.mailPort, deadline)
        async let web = reach(control.webHost, control.webPort, deadline)
        let (targetOthers, controlMail, controlWeb) = await (others, mail, web)
        let outcome = Outcome(
            verdict: .inconclusive, targetOtherPorts: targetOthers.map { (port: $0.0, outcome: $0.1) },
            controlMail: controlMail, controlWeb: controlWeb)
        var result = outcome
        let unreachable: Set<String> = ["connect-refused", "connect-timeout", "unreachable"]
        if controlMail == "connected" {
            result.verdict = .networkOK
        } else if unreachable.contains(controlMail) && (controlWeb == "connected" || outcome.targetAnswersElsewhere) {
            result.verdict = .networkBlocksSMTP
        } else if unreachable.contains(controlMail) && unreachable.contains(controlWeb) {
            result.verdict = .offline
        }
        return result
    }

    /// Resolves a control host (operator-configured, so not subject to the target policy) and connects.
    private func reach(_ host: String, _ port: Int, _ deadline: NIODeadline) async -> String {
        let resolution = await HostResolver(resolver: resolver, policy: policy).resolve(
            host, port: port, applyPolicy: false)
        guard let address = resolution.addresses.first else { return "dns-failure" }
        return await PortBlockingProbe.reach(address, port, deadline)
    }

    private static func reach(_ address: IPAddress, _ port: Int, _ deadline: NIODeadline) async -> String {
        do {
            let connection = try await ProbeConnection.connect(
                to: address, port: port, deadline: deadline, maxLineLength: 1024)
            await connection.close()
            return "connected"
        } catch {
            return StageFailure(stage: .connect, kind: .connection(error)).reasonCode
        }
    }
}
