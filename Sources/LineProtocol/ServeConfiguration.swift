import Conversation

/// Limits and timings of a serve loop. The defaults suit a chat gateway; `maildoctor serve`
/// exposes each as an option.
public struct ServeConfiguration: Sendable, Equatable {
    /// Longest input line in bytes, newline excluded (longer lines get `line_too_long`).
    public var maxLineBytes = 1 << 20
    /// Longest `text` of a message in UTF-8 bytes (longer gets `field_too_long`).
    public var maxTextBytes = 64 * 1024
    /// Longest `session` or `id` in UTF-8 bytes (longer gets `field_too_long`).
    public var maxIdentifierBytes = 256
    /// Messages read but not yet answered (all sessions together); at this number the server
    /// stops reading its input until an answer has been written.
    public var maxInFlight = 1024
    /// Messages of one session waiting or being answered; beyond it a message gets `busy`.
    public var maxQueuedPerSession = 32
    /// Sessions remembered, least recently used evicted first.
    public var maxSessions = 100_000
    /// A session unused this long is forgotten.
    public var idleTimeout: Duration = .seconds(30 * 60)
    /// Per-session message rate limit; nil for none.
    public var rateLimit: RateLimit? = RateLimit()
    /// After SIGTERM/SIGINT, how long unfinished messages may still complete before each gets a
    /// `shutdown` error.
    public var shutdownGrace: Duration = .seconds(5)
    /// A `text` at least this long (in UTF-8 bytes) is answered on the work threads (see
    /// `WorkThreads`): reading a pasted bounce is the one CPU-heavy step, and it must not hold up
    /// `ping` or the short messages of other sessions.
    public var heavyTextBytes = 4 * 1024
    /// Input bytes requested per read.
    public var readChunkBytes = 64 * 1024

    /// A token bucket per session: `burst` messages at once, refilled at `perMinute`.
    public struct RateLimit: Sendable, Equatable {
        /// Messages a session may send at once.
        public var burst: Int
        /// Messages per minute a session may send in the long run.
        public var perMinute: Double

        /// Creates a limit (defaults: bursts of 20, 30 a minute).
        public init(burst: Int = 20, perMinute: Double = 30) {
            self.burst = max(1, burst)
            self.perMinute = max(0, perMinute)
        }
    }

    /// The default configuration.
    public init() {}

    /// The session store limits that follow from this configuration.
    public var sessionLimits: SessionLimits {
        SessionLimits(maxSessions: maxSessions, idleTimeout: idleTimeout)
    }
}
