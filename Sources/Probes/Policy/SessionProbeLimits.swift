/// One ``ProbeRateLimiter`` per session, made on first use: the per-session probe budget of `serve` and
/// of every conversation. The table is bounded; past `maxSessions` the session idle longest is forgotten
/// (its next probe starts with a full bucket, which costs at most one burst).
public actor SessionProbeLimits {
    private let capacity: Int
    private let refillPerMinute: Int
    private let maxSessions: Int
    private let makeClock: @Sendable () -> any Clock<Duration>
    private var limiters: [String: (limiter: ProbeRateLimiter, used: UInt64)] = [:]
    private var tick: UInt64 = 0

    /// Creates the table.
    ///
    /// - Parameters:
    ///   - capacity: probes one session may start in a burst.
    ///   - refillPerMinute: probes a session regains per minute.
    ///   - maxSessions: sessions remembered at once.
    ///   - clock: the time source for every bucket; `ContinuousClock` in production.
    public init(
        capacity: Int = 10, refillPerMinute: Int = 5, maxSessions: Int = 10_000,
        clock: @escaping @Sendable () -> any Clock<Duration> = { ContinuousClock() }
    ) {
        self.capacity = capacity
        self.refillPerMinute = refillPerMinute
        self.maxSessions = max(1, maxSessions)
        self.makeClock = clock
    }

    /// Takes `count` probes from `session`'s budget: nil when they may run, otherwise how long to wait
    /// before the budget allows them (nothing is taken then).
    public func admit(session: String, count: Int = 1) async -> Duration? {
        let limiter = limiter(for: session)
        let available = await limiter.available()
        guard available >= count else {
            let wait = await limiter.waitTime() ?? .seconds(60)
            // `wait` brings the first token (zero when one is there); each further one takes a refill period.
            let perToken: Duration = refillPerMinute > 0 ? .seconds(60) / refillPerMinute : .seconds(60)
            return wait + perToken * (count - max(available, 1))
        }
        for _ in 0..<count { _ = await limiter.allow() }
        return nil
    }

    private func limiter(for session: String) -> ProbeRateLimiter {
        tick &+= 1
        if let entry = limiters[session] {
            limiters[session] = (entry.limiter, tick)
            return entry.limiter
        }
        if limiters.count >= maxSessions, let oldest = limiters.min(by: { $0.value.used < $1.value.used }) {
            limiters[oldest.key] = nil
        }
        let limiter = ProbeRateLimiter(capacity: capacity, refillPerMinute: refillPerMinute, clock: makeClock())
        limiters[session] = (limiter, tick)
        return limiter
    }
}
