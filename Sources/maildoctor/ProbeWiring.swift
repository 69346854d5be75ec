import Checks
import Conversation
import Probes

extension Settings {
    /// The target policy: strict (public addresses, mail ports) unless `--allow-private`, with the
    /// `--allow-hosts` holes.
    var targetPolicy: TargetPolicy {
        TargetPolicy(allowPrivate: allowPrivate, allowedHosts: allowedHosts)
    }

    /// Options for the network probes under these settings.
    func probeOptions(policy: TargetPolicy? = nil) -> ProbeOptions {
        let total = Duration.milliseconds(Int(probeTimeout * 1000))
        return ProbeOptions(
            timeout: total, stageTimeout: min(total, .seconds(10)), policy: policy ?? targetPolicy)
    }

    /// The probes as the conversation engine uses them: the target policy always applies, and each
    /// session may start 10 probes at once, regaining 5 a minute.
    func networkProbes() -> NetworkProbes {
        let options = probeOptions()
        let limits = SessionProbeLimits(capacity: 10, refillPerMinute: 5)
        return NetworkProbes(
            run: { ids, target, resolver in
                ProbeRunner(resolver: CachingResolver(resolver), options: options).run(ids, target: target)
            },
            admit: { session, count in await limits.admit(session: session, count: count) })
    }
}
