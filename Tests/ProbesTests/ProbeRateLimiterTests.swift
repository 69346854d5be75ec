import TestSupport
import Testing

@testable import Probes

@Suite struct ProbeRateLimiterTests {
    @Test func allowsABurstThenRefuses() async {
        let clock = ManualClock()
        let limiter = ProbeRateLimiter(capacity: 3, refillPerMinute: 6, clock: clock)
        #expect(await limiter.allow())
        #expect(await limiter.allow())
        #expect(await limiter.allow())
        #expect(await !limiter.allow())
        #expect(await limiter.available() == 0)
        #expect(await limiter.waitTime() == .seconds(10))
    }

    @Test func refillsWithTimeButNotBeyondCapacity() async {
        let clock = ManualClock()
        let limiter = ProbeRateLimiter(capacity: 2, refillPerMinute: 6, clock: clock)
        #expect(await limiter.allow())
        #expect(await limiter.allow())
        #expect(await !limiter.allow())
        clock.advance(by: .seconds(9))
        #expect(await !limiter.allow())
        clock.advance(by: .seconds(1))
        #expect(await limiter.allow())
        #expect(await !limiter.allow())
        clock.advance(by: .seconds(3600))
        #expect(await limiter.available() == 2)
        #expect(await limiter.allow())
        #expect(await limiter.allow())
        #expect(await !limiter.allow())
    }

    @Test func withoutRefillTheBucketStaysEmpty() async {
        let clock = ManualClock()
        let limiter = ProbeRateLimiter(capacity: 1, refillPerMinute: 0, clock: clock)
        #expect(await limiter.allow())
        clock.advance(by: .seconds(86_400))
        #expect(await !limiter.allow())
        #expect(await limiter.waitTime() == nil)
    }

    @Test func worksWithTheContinuousClock() async {
        let limiter = ProbeRateLimiter(capacity: 1, refillPerMinute: 60, clock: ContinuousClock())
        #expect(await limiter.allow())
        #expect(await !limiter.allow())
    }
}

@Suite struct SessionProbeLimitsTests {
    @Test func eachSessionHasItsOwnBudget() async {
        let clock = ManualClock()
        let limits = SessionProbeLimits(capacity: 2, refillPerMinute: 6, clock: { clock })
        #expect(await limits.admit(session: "a", count: 2) == nil)
        #expect(await limits.admit(session: "a") == .seconds(10))
        #expect(await limits.admit(session: "b") == nil)
        clock.advance(by: .seconds(10))
        #expect(await limits.admit(session: "a") == nil)
    }

    @Test func aRequestLargerThanWhatIsLeftTakesNothingAndSaysHowLong() async {
        let clock = ManualClock()
        let limits = SessionProbeLimits(capacity: 3, refillPerMinute: 6, clock: { clock })
        #expect(await limits.admit(session: "a", count: 2) == nil)
        // One token left; four are asked: the first missing one in 10 s, two more at 10 s each.
        #expect(await limits.admit(session: "a", count: 4) == .seconds(30))
        #expect(await limits.admit(session: "a", count: 1) == nil)
    }

    @Test func theTableForgetsTheSessionIdleLongest() async {
        let clock = ManualClock()
        let limits = SessionProbeLimits(capacity: 1, refillPerMinute: 0, maxSessions: 2, clock: { clock })
        #expect(await limits.admit(session: "a") == nil)
        #expect(await limits.admit(session: "b") == nil)
        #expect(await limits.admit(session: "a") != nil)
        #expect(await limits.admit(session: "c") == nil)  // evicts b, used longest ago
        #expect(await limits.admit(session: "a") != nil)  // a is still remembered and empty
        #expect(await limits.admit(session: "b") == nil)  // b starts again with a full bucket
    }
}
