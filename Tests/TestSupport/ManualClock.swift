import Synchronization

/// A clock that only moves when a test says so.
package final class ManualClock: Clock, Sendable {
    /// A point in the clock's time: how far it was advanced from zero.
    package struct Instant: InstantProtocol {
        /// Time since the clock's start.
        package var offset: Duration

        /// The instant `duration` later.
        package func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        package func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Whether `lhs` comes first.
        package static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))

    /// A clock at zero.
    package init() {}

    /// The current instant.
    package var now: Instant { current.withLock { $0 } }
    /// One nanosecond.
    package var minimumResolution: Duration { .nanoseconds(1) }

    /// Moves the clock forward.
    package func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }

    /// Waits (polling in real time) until the clock has been advanced past the deadline.
    package func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        while now < deadline { try await Task.sleep(for: .milliseconds(1)) }
    }
}
