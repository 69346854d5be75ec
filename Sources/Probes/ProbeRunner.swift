import Localization
import MailModel

/// Runs the live network probes — `smtp`, `submission`, `imap`, `pop3` — concurrently, streaming each
/// result as it finishes.
///
/// Every connection goes through SwiftNIO (no blocking call on Swift's cooperative threads), every
/// address is checked against ``ProbeOptions/policy`` after DNS resolution, and every probe ends by its
/// deadline: a result with status `error` says which stage ran out of time.
public struct ProbeRunner: Sendable {
    private let resolver: any DNSResolving
    private let options: ProbeOptions

    /// The check ids this runner handles, in display order.
    public static let probeIDs: [CheckID] = [.smtp, .submission, .imap, .pop3]

    /// Creates a runner; `resolver` answers the MX, A and AAAA lookups.
    public init(resolver: any DNSResolving, options: ProbeOptions) {
        self.resolver = resolver
        self.options = options
    }

    /// Probes `target` for each id in `ids` (others are ignored); results arrive in completion order.
    /// Cancelling the consumer cancels the probes.
    ///
    /// - Parameter target: a domain (smtp → its MX hosts on 25; submission/imap/pop3 → the domain or host
    ///   given), or `host[:port]`, `IP[:port]`, `[IPv6]:port`, or an e-mail address (its domain).
    public func run(_ ids: [CheckID], target: String) -> AsyncStream<CheckResult> {
        let wanted = ProbeRunner.probeIDs.filter(ids.contains)
        let (stream, continuation) = AsyncStream<CheckResult>.makeStream()
        let task = Task {
            await withTaskGroup(of: CheckResult.self) { group in
                for id in wanted {
                    group.addTask { await self.result(id, target: target) }
                }
                for await result in group { continuation.yield(result) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Runs one probe and returns its result (an `error` result for a target that cannot be parsed).
    public func result(_ id: CheckID, target text: String) async -> CheckResult {
        let started = ContinuousClock.now
        var result = await unclocked(id, target: text)
        result.elapsedMS = ProbeTiming.milliseconds(.now - started)
        return result
    }

    private func unclocked(_ id: CheckID, target text: String) async -> CheckResult {
        guard ProbeRunner.probeIDs.contains(id) else {
            return Self.error(
                id, L("not a network probe"), .probeUnsupported,
                L("\(id.rawValue) is not a network probe; the probes are smtp, submission, imap and pop3."))
        }
        let target: ProbeTarget
        do {
            target = try ProbeTarget.parseTarget(text)
        } catch {
            return Self.error(id, L("unusable target"), .probeBadTarget, error.text)
        }
        let options = self.options
        let resolver = self.resolver
        // Each probe keeps its own deadlines; this outer limit only guards against a bug leaving one hanging.
        let limit = options.timeout + .seconds(5)
        let outcome = await withTimeLimit(limit) { () -> CheckResult in
            switch id {
            case .smtp: await SMTPCheck(target: target, options: options, resolver: resolver).run()
            case .submission:
                await ServiceCheck(service: .submission, target: target, options: options, resolver: resolver).run()
            case .imap: await ServiceCheck(service: .imap, target: target, options: options, resolver: resolver).run()
            default: await ServiceCheck(service: .pop3, target: target, options: options, resolver: resolver).run()
            }
        }
        return outcome
            ?? Self.error(
                id, L("did not finish in time"), .probeDeadline,
                L("The \(id.rawValue) probe of \(target) did not finish within \(ProbeTiming.text(limit))."))
    }

    /// An `error` result with its one finding.
    private static func error(
        _ id: CheckID, _ summary: LocalizedText, _ code: FindingCode, _ message: LocalizedText
    ) -> CheckResult {
        CheckResult(
            id: id, status: .error, summary: summary,
            findings: [Finding(code: code, severity: .error, message: message)])
    }
}
