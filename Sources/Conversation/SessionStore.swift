import Localization
import Synchronization

/// Conversation sessions kept in memory, keyed by id, with idle expiry and a maximum count
/// enforced by evicting the least recently used session.
///
/// The clock is injected so that expiry can be tested without waiting: production code uses
/// `ContinuousClock`, tests a manual clock. Every operation is O(1) amortised: sessions sit in a
/// doubly linked list ordered by last use, so expired sessions are found at its head. A lock, not an
/// actor: each message reads and saves its session, and two actor hops per message cost more than
/// the work they protect.
public final class SessionStore<C: Clock>: Sendable where C.Duration == Duration {
    /// Counters, for logs and tests.
    public typealias Statistics = SessionStoreStatistics

    private let table: Mutex<SessionTable>
    /// The limits in force.
    public let limits: SessionLimits

    /// Creates an empty store.
    public init(clock: C, limits: SessionLimits = SessionLimits()) {
        self.limits = limits
        // The table is not generic (generic code called across modules runs unspecialised): it reads
        // time as the duration since the store was made.
        let start = clock.now
        table = Mutex(SessionTable(now: { start.duration(to: clock.now) }, limits: limits))
    }

    /// The session with this id, or a fresh one when it is unknown or expired. Marks it used.
    public func session(_ id: String) -> Session { table.withLock { $0.session(id) } }

    /// Stores a session (under its `id`), marking it used; may evict the least recently used one.
    public func save(_ session: Session) { table.withLock { $0.save(session) } }

    /// Forgets a session (a reset); the next message starts a fresh one.
    public func remove(_ id: String) { table.withLock { $0.remove(id) } }

    /// Whether a session with this id is kept (expired ones are not).
    public func contains(_ id: String) -> Bool { table.withLock { $0.contains(id) } }

    /// Counters and the current number of sessions, after forgetting idle ones.
    public func statistics() -> Statistics { table.withLock { $0.statistics() } }

    /// Forgets every session idle for longer than the timeout; returns how many were forgotten.
    @discardableResult
    public func expireIdle() -> Int { table.withLock { $0.expireIdle() } }
}

/// The store's table: the sessions in a linked list ordered by last use, and an index by id.
private struct SessionTable {
    private struct Entry {
        var session: Session
        var lastUsed: Duration
        var previous: Int
        var next: Int
    }

    private let now: @Sendable () -> Duration
    /// The limits in force.
    let limits: SessionLimits
    private var slots: [Entry?] = []
    private var freeSlots: [Int] = []
    private var slotByID: [String: Int] = [:]
    /// Least recently used end of the list, or -1.
    private var oldest = -1
    /// Most recently used end of the list, or -1.
    private var newest = -1
    private var expiredCount = 0
    private var evictedCount = 0

    init(now: @escaping @Sendable () -> Duration, limits: SessionLimits) {
        self.now = now
        self.limits = limits
    }

    /// The session with this id, or a fresh one when it is unknown or expired. Marks it used.
    mutating func session(_ id: String) -> Session {
        expireIdle()
        guard let slot = slotByID[id], let entry = slots[slot] else { return Session(id: id) }
        touch(slot)
        return entry.session
    }

    /// Stores a session (under its `id`), marking it used; may evict the least recently used one.
    mutating func save(_ session: Session) {
        expireIdle()
        let now = now()
        if let slot = slotByID[session.id], slots[slot] != nil {
            slots[slot]?.session = session
            touch(slot)
            return
        }
        while slotByID.count >= limits.maxSessions, oldest >= 0 {
            remove(slot: oldest)
            evictedCount += 1
        }
        let entry = Entry(session: session, lastUsed: now, previous: newest, next: -1)
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[slot] = entry
        } else {
            slot = slots.count
            slots.append(entry)
        }
        if newest >= 0 { slots[newest]?.next = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
        slotByID[session.id] = slot
    }

    /// Forgets a session (a reset); the next message starts a fresh one.
    mutating func remove(_ id: String) {
        guard let slot = slotByID[id] else { return }
        remove(slot: slot)
    }

    /// Whether a session with this id is kept (expired ones are not).
    mutating func contains(_ id: String) -> Bool {
        expireIdle()
        return slotByID[id] != nil
    }

    /// Counters and the current number of sessions, after forgetting idle ones.
    mutating func statistics() -> SessionStoreStatistics {
        expireIdle()
        return SessionStoreStatistics(count: slotByID.count, expired: expiredCount, evicted: evictedCount)
    }

    /// Forgets every session idle for longer than the timeout; returns how many were forgotten.
    @discardableResult
    mutating func expireIdle() -> Int {
        let now = now()
        var count = 0
        while oldest >= 0, let entry = slots[oldest], entry.lastUsed + limits.idleTimeout <= now {
            remove(slot: oldest)
            count += 1
        }
        expiredCount += count
        return count
    }

    /// Moves a slot to the most recently used end and stamps it with the current time.
    private mutating func touch(_ slot: Int) {
        let now = now()
        slots[slot]?.lastUsed = now
        guard slot != newest else { return }
        unlink(slot)
        slots[slot]?.previous = newest
        slots[slot]?.next = -1
        if newest >= 0 { slots[newest]?.next = slot }
        newest = slot
        if oldest < 0 { oldest = slot }
    }

    private mutating func unlink(_ slot: Int) {
        guard let entry = slots[slot] else { return }
        if entry.previous >= 0 { slots[entry.previous]?.next = entry.next } else { oldest = entry.next }
        if entry.next >= 0 { slots[entry.next]?.previous = entry.previous } else { newest = entry.previous }
    }

    private mutating func remove(slot: Int) {
        guard let entry = slots[slot] else { return }
        unlink(slot)
        slots[slot] = nil
        freeSlots.append(slot)
        slotByID[entry.session.id] = nil
    }
}

/// Counters of a `SessionStore`, for logs and tests.
public struct SessionStoreStatistics: Sendable, Equatable {
    /// Sessions currently kept.
    public var count: Int
    /// Sessions forgotten because they were idle too long.
    public var expired: Int
    /// Sessions evicted to stay within `maxSessions`.
    public var evicted: Int

    /// Creates statistics.
    public init(count: Int, expired: Int, evicted: Int) {
        self.count = count
        self.expired = expired
        self.evicted = evicted
    }
}

/// How many sessions a `SessionStore` keeps and for how long.
public struct SessionLimits: Sendable, Equatable {
    /// At most this many sessions; storing one more evicts the least recently used.
    public var maxSessions: Int
    /// A session unused for this long is forgotten.
    public var idleTimeout: Duration

    /// Creates limits; `maxSessions` is at least 1.
    public init(maxSessions: Int = 100_000, idleTimeout: Duration = .seconds(30 * 60)) {
        self.maxSessions = max(1, maxSessions)
        self.idleTimeout = idleTimeout
    }
}
