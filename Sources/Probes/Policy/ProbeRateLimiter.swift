/// A token bucket limiting how many probes one session may start: `capacity` at once, refilled at
/// `refillPerMinute`. The engine keeps one per session; the clock is injected so tests can step time.
public actor ProbeRateLimiter {
    private let capacity: Double
    private let refillPerSecond: Double
    private let elapsed: @Sendable () -> Duration
    private var tokens: Double
    private var updatedAt: Duration

    /// Creates a full bucket.
    ///
    /// - Parameters:
    ///   - capacity: the most probes allowed in a burst (at least 1).
    ///   - refillPerMinute: how many probes the bucket regains per minute (0: never refills).
    ///   - clock: the time source; a `ContinuousClock` in production.
    public init(capacity: Int, refillPerMinute: Int, clock: some Clock<Duration>) {
        let start = clock.now
        self.elapsed = { start.duration(to: clock.now) }
        self.capacity = Double(max(1, capacity))
        self.refillPerSecond = Double(max(0, refillPerMinute)) / 60
        self.tokens = Double(max(1, capacity))
        self.updatedAt = .zero
    }

    /// Takes one token if there is one: true means the probe may run.
    public func allow() -> Bool {
        refill()
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// How long until the next token is available (zero when one is available now; nil when the
    /// bucket never refills and is empty).
    public func waitTime() -> Duration? {
        refill()
        if tokens >= 1 { return .zero }
        guard refillPerSecond > 0 else { return nil }
        let seconds = (1 - tokens) / refillPerSecond
        return .milliseconds(Int((seconds * 1000).rounded(.up)))
    }

    /// The whole tokens available now.
    public func available() -> Int {
        refill()
        return Int(tokens)
    }

    private func refill() {
        let now = elapsed()
        let step = now - updatedAt
        guard step > .zero else { return }
        updatedAt = now
        let components = step.components
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        tokens = min(capacity, tokens + seconds * refillPerSecond)
    }
}
