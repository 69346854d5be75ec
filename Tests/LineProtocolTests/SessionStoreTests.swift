import Conversation
import TestSupport
import Testing

@Suite struct SessionStoreTests {
    func session(_ id: String, turns: Int) -> Session {
        var session = Session(id: id)
        session.turns = turns
        return session
    }

    @Test func unknownSessionIsFreshAndNotStored() async {
        let store = SessionStore(clock: ManualClock())
        #expect(store.session("a") == Session(id: "a"))
        #expect(store.contains("a") == false)
    }

    @Test func savedSessionComesBack() async {
        let store = SessionStore(clock: ManualClock())
        store.save(session("a", turns: 3))
        #expect(store.session("a").turns == 3)
        store.save(session("a", turns: 4))
        #expect(store.session("a").turns == 4)
        #expect(store.statistics().count == 1)
    }

    @Test func idleSessionsExpire() async {
        let clock = ManualClock()
        let store = SessionStore(clock: clock, limits: SessionLimits(maxSessions: 10, idleTimeout: .seconds(60)))
        store.save(session("a", turns: 1))
        clock.advance(by: .seconds(30))
        store.save(session("b", turns: 1))
        clock.advance(by: .seconds(29))
        #expect(store.contains("a"))
        clock.advance(by: .seconds(1))
        #expect(store.contains("a") == false)
        #expect(store.session("a").turns == 0)
        #expect(store.contains("b"))
        #expect(store.statistics() == .init(count: 1, expired: 1, evicted: 0))
    }

    @Test func readingASessionKeepsItAlive() async {
        let clock = ManualClock()
        let store = SessionStore(clock: clock, limits: SessionLimits(maxSessions: 10, idleTimeout: .seconds(60)))
        store.save(session("a", turns: 1))
        for _ in 0..<5 {
            clock.advance(by: .seconds(50))
            #expect(store.session("a").turns == 1)
        }
    }

    @Test func leastRecentlyUsedIsEvicted() async {
        let clock = ManualClock()
        let store = SessionStore(clock: clock, limits: SessionLimits(maxSessions: 3, idleTimeout: .seconds(3600)))
        for id in ["a", "b", "c"] {
            store.save(session(id, turns: 1))
            clock.advance(by: .seconds(1))
        }
        _ = store.session("a")  // a is now the most recently used
        store.save(session("d", turns: 1))
        #expect(store.contains("b") == false)
        #expect(store.contains("a"))
        #expect(store.contains("c"))
        #expect(store.contains("d"))
        #expect(store.statistics() == .init(count: 3, expired: 0, evicted: 1))
    }

    @Test func removeForgets() async {
        let store = SessionStore(clock: ManualClock())
        store.save(session("a", turns: 2))
        store.remove("a")
        #expect(store.contains("a") == false)
        store.remove("never")
        store.save(session("a", turns: 5))
        #expect(store.session("a").turns == 5)
    }

    /// Many sessions with churn: the list stays consistent and bounded.
    @Test func churnKeepsTheBound() async {
        let clock = ManualClock()
        let store = SessionStore(clock: clock, limits: SessionLimits(maxSessions: 100, idleTimeout: .seconds(50)))
        for index in 0..<5_000 {
            store.save(session("s\(index % 357)", turns: index))
            if index % 7 == 0 { store.remove("s\((index * 13) % 357)") }
            clock.advance(by: .milliseconds(100))
        }
        let statistics = store.statistics()
        #expect(statistics.count <= 100)
        #expect(statistics.evicted > 0)
        #expect(store.session("s\(4_999 % 357)").turns == 4_999)
        clock.advance(by: .seconds(51))
        #expect(store.statistics().count == 0)
    }
}
