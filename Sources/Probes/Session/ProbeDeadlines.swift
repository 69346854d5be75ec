import NIOCore

/// The two deadlines of a probe: one for the whole probe, one per stage (whichever comes first).
struct ProbeDeadlines: Sendable {
    /// When the whole probe must be over.
    let total: NIODeadline
    /// How long one stage may take.
    let stageTimeout: Duration
    /// The whole probe's allowance, for messages.
    let totalTimeout: Duration

    init(timeout: Duration, stageTimeout: Duration) {
        self.totalTimeout = timeout
        self.stageTimeout = stageTimeout
        self.total = .now() + TimeAmount(timeout)
    }

    /// The deadline for a stage starting now, and whether it is the total deadline.
    func forStage(limit: Duration? = nil) -> (deadline: NIODeadline, isTotal: Bool) {
        let stage = NIODeadline.now() + TimeAmount(min(limit ?? stageTimeout, stageTimeout))
        return stage < total ? (stage, false) : (total, true)
    }

    /// Time left until the total deadline (zero when it has passed).
    var remaining: Duration {
        let left = total - .now()
        return left > .zero ? .nanoseconds(left.nanoseconds) : .zero
    }
}

extension TimeAmount {
    /// The same span as a NIO time amount.
    init(_ duration: Duration) {
        let parts = duration.components
        self = .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }
}
