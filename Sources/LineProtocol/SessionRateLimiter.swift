/// A token bucket per session: a session may send `burst` messages at once and `perMinute` in the
/// long run. Owned by the serve loop's reader (one task), so it needs no lock. Buckets that have
/// refilled are forgotten when there are too many, so memory stays bounded.
struct SessionRateLimiter<C: Clock> where C.Duration == Duration {
    private struct Bucket {
        var tokens: Double
        var updated: C.Instant
    }

    private let clock: C
    private let limit: ServeConfiguration.RateLimit
    private let maxBuckets: Int
    private var buckets: [String: Bucket] = [:]

    init(clock: C, limit: ServeConfiguration.RateLimit, maxBuckets: Int) {
        self.clock = clock
        self.limit = limit
        self.maxBuckets = max(1, maxBuckets)
    }

    /// Buckets currently remembered.
    var count: Int { buckets.count }

    /// Takes a token for a message of `session`; false when the session is over its limit.
    mutating func allow(_ session: String) -> Bool {
        let now = clock.now
        var bucket = buckets[session].map { refilled($0, at: now) } ?? Bucket(tokens: Double(limit.burst), updated: now)
        guard bucket.tokens >= 1 else {
            buckets[session] = bucket
            return false
        }
        bucket.tokens -= 1
        if buckets.count >= maxBuckets, buckets[session] == nil { forgetFull(at: now) }
        buckets[session] = bucket
        return true
    }

    private func refilled(_ bucket: Bucket, at now: C.Instant) -> Bucket {
        let elapsed = bucket.updated.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let tokens = min(Double(limit.burst), bucket.tokens + max(0, seconds) * limit.perMinute / 60)
        return Bucket(tokens: tokens, updated: now)
    }

    /// Drops buckets that are full again (same as unknown); if that is not enough, drops them all,
    /// which errs on the side of letting messages through.
    private mutating func forgetFull(at now: C.Instant) {
        buckets = buckets.filter { refilled($0.value, at: now).tokens < Double(limit.burst) }
        if buckets.count >= maxBuckets { buckets = [:] }
    }
}
