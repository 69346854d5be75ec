import DNSResolver
import Localization
import MailModel

/// Runs the DNS checks that apply to a target, concurrently, streaming each result as it finishes.
public struct DNSChecker: Sendable {
    private let resolver: any DNSResolving
    private let options: CheckOptions

    /// Creates a checker. Each run wraps `resolver` in a per-run cache and a budget of
    /// ``CheckOptions/queryLimit`` distinct questions.
    public init(resolver: any DNSResolving, options: CheckOptions) {
        self.resolver = resolver
        self.options = options
    }

    /// The check ids `run` will produce for `target`, in display order.
    ///
    /// Domains and addresses get domain, mx, spf, dmarc, dkim, mta-sts, tls-rpt; IP addresses get
    /// dnsbl and ptr. A domain target also gets dnsbl and ptr when `only` asks for them: they then
    /// check the `--ip` address, or report that an address is needed.
    /// Non-DNS ids (smtp, imap…) are ignored here.
    public func plannedChecks(for target: CheckTarget) -> [CheckID] {
        let only = options.only
        switch target {
        case .domain, .address:
            var ids = CheckID.domainChecks
            if let only { ids += CheckID.ipChecks.filter { only.contains($0) } }
            return ids.filter { only?.contains($0) ?? true }
        case .ip:
            return CheckID.ipChecks.filter { only?.contains($0) ?? true }
        }
    }

    /// Runs the planned checks; results arrive in completion order. Cancelling the consumer cancels the checks.
    public func run(_ target: CheckTarget) -> AsyncStream<CheckResult> {
        let planned = plannedChecks(for: target)
        let context = makeContext(target)
        let timeout = options.timeout
        let (stream, continuation) = AsyncStream<CheckResult>.makeStream()
        let task = Task {
            await withTaskGroup(of: CheckResult.self) { group in
                for id in planned {
                    guard let check = DNSChecker.check(for: id) else { continue }
                    group.addTask { await DNSChecker.runTimed(check, context: context, timeout: timeout) }
                }
                for await result in group { continuation.yield(result) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Runs every planned check and returns the report in display order.
    public func report(_ target: CheckTarget) async -> CheckReport {
        var results: [CheckResult] = []
        for await result in run(target) { results.append(result) }
        let order = plannedChecks(for: target)
        results.sort { (order.firstIndex(of: $0.id) ?? 99) < (order.firstIndex(of: $1.id) ?? 99) }
        return CheckReport(target: target.description, checks: results)
    }

    private func makeContext(_ target: CheckTarget) -> CheckContext {
        let cached = CachingResolver(BudgetedResolver(resolver, limit: options.queryLimit))
        switch target {
        case .domain(let domain):
            return CheckContext(
                resolver: cached, options: options, domain: domain, ip: options.ip.flatMap(IPAddress.init))
        case .address(let local, let domain):
            return CheckContext(
                resolver: cached, options: options, domain: domain, ip: options.ip.flatMap(IPAddress.init),
                localPart: local)
        case .ip(let text):
            return CheckContext(resolver: cached, options: options, domain: "", ip: IPAddress(text))
        }
    }

    static func check(for id: CheckID) -> (any DNSCheck)? {
        switch id {
        case .domain: DomainCheck()
        case .mx: MXCheck()
        case .spf: SPFCheck()
        case .dmarc: DMARCCheck()
        case .dkim: DKIMCheck()
        case .dnsbl: DNSBLCheck()
        case .ptr: PTRCheck()
        case .mtaSTS: MTASTSCheck()
        case .tlsRPT: TLSRPTCheck()
        case .smtp, .submission, .imap, .pop3: nil
        }
    }

    /// Runs one check under its deadline and stamps the elapsed time.
    static func runTimed(_ check: any DNSCheck, context: CheckContext, timeout: Duration) async -> CheckResult {
        let clock = ContinuousClock()
        let start = clock.now
        var result = await withTaskGroup(of: CheckResult?.self) { group in
            group.addTask { await check.run(context) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if result == nil {
            result = deadlineResult(check.id, context: context, timeout: timeout)
        }
        let elapsed = start.duration(to: clock.now)
        var final = (result ?? CheckResult(id: check.id, status: .error, summary: L("no result"))).bounded()
        final.elapsedMS =
            Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000)
        return final
    }
}

extension DNSChecker {
    /// The result of a check that ran out of time, in words for a person (no command-line flag): the DNS
    /// server did not answer in time, try again in a minute; for DKIM with a named selector, the name
    /// that was looked up.
    static func deadlineResult(_ id: CheckID, context: CheckContext, timeout: Duration) -> CheckResult {
        let seconds = (Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
            .compactText
        let message: LocalizedText
        if id == .dkim, let selector = context.options.dkimSelector {
            let name = "\(DNSName.normalize(selector))._domainkey.\(context.domain)"
            message = L(
                "The lookup of \(name) did not finish within \(seconds) seconds: the DNS server did not answer in time. Try again in a minute."
            )
        } else {
            message = L(
                "The \(id.rawValue) check did not finish within \(seconds) seconds: the DNS server did not answer in time. Try again in a minute."
            )
        }
        return CheckResult(
            id: id, status: .error, summary: L("could not finish within \(seconds) seconds"),
            findings: [Finding(code: .checkDeadline, severity: .error, message: message)])
    }
}

extension Double {
    /// "2" for 2.0, "1.5" for 1.5.
    var compactText: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
