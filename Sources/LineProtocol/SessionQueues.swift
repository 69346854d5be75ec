import Localization
import Synchronization

/// One unit of work for a session: a message to answer, or a reset.
struct SessionWork: Sendable {
    /// Unique per work item, so a late answer can be told from the current one.
    let ticket: UInt64
    /// The session.
    let session: String
    /// The message id (nil for a reset).
    let id: String?
    /// The message text (nil for a reset).
    let text: String?
    /// The language the message asks answers in (its `lang` field).
    var lang: Language? = nil
}

/// The per-session queues: each session's work runs one item at a time, in arrival order, on one
/// task per active session; different sessions run concurrently. Everything that decides whether
/// a frame may still be written happens under one lock, so that a message is answered exactly
/// once even when shutdown aborts it while it runs.
final class SessionQueues: Sendable {
    private struct Queue {
        var pending: [SessionWork] = []
        var head = 0
        var running: SessionWork?
        var task: Task<Void, Never>?

        var waiting: Int { pending.count - head }
        var load: Int { waiting + (running == nil ? 0 : 1) }
    }

    private struct State {
        var queues: [String: Queue] = [:]
        var closed = false
        var nextTicket: UInt64 = 0
    }

    /// The outcome of offering work to a session.
    enum Admission: Equatable {
        /// Queued; it will be answered.
        case queued
        /// The session already has its maximum of queued work.
        case busy
        /// The queues are closed (shutdown); nothing more is accepted.
        case closed
    }

    private let state = Mutex(State())
    private let maxPerSession: Int

    init(maxPerSession: Int) {
        self.maxPerSession = max(1, maxPerSession)
    }

    /// Sessions with queued or running work.
    var activeSessions: Int { state.withLock { $0.queues.count } }

    /// Offers work; when the session had nothing running, `start` is called (under the lock) to
    /// create the task that will drain the session's queue.
    func admit(
        session: String, id: String?, text: String?, lang: Language? = nil, start: (String) -> Task<Void, Never>
    ) -> Admission {
        state.withLock { state in
            if state.closed { return .closed }
            var queue = state.queues.removeValue(forKey: session) ?? Queue()
            guard queue.load < maxPerSession else {
                state.queues[session] = queue
                return .busy
            }
            state.nextTicket += 1
            queue.pending.append(
                SessionWork(ticket: state.nextTicket, session: session, id: id, text: text, lang: lang))
            if queue.task == nil { queue.task = start(session) }
            state.queues[session] = queue
            return .queued
        }
    }

    /// The session's next work item, now marked running; nil (and the session forgotten) when its
    /// queue is empty or was aborted.
    func next(_ session: String) -> SessionWork? {
        state.withLock { state in
            guard var queue = state.queues.removeValue(forKey: session) else { return nil }
            guard queue.head < queue.pending.count else { return nil }
            let work = queue.pending[queue.head]
            queue.head += 1
            if queue.head == queue.pending.count {
                queue.pending.removeAll(keepingCapacity: true)
                queue.head = 0
            }
            queue.running = work
            state.queues[session] = queue
            return work
        }
    }

    /// Whether `work` is still the running item of its session (not aborted).
    func isCurrent(_ work: SessionWork) -> Bool {
        state.withLock { $0.queues[work.session]?.running?.ticket == work.ticket }
    }

    /// Runs `emit` under the lock if `work` is still current, then marks it done. Returns whether
    /// it was current (false: shutdown already answered it).
    @discardableResult
    func finish(_ work: SessionWork, emit: () -> Void) -> Bool {
        state.withLock { state in
            guard state.queues[work.session]?.running?.ticket == work.ticket else { return false }
            emit()
            state.queues[work.session]?.running = nil
            return true
        }
    }

    /// Runs `emit` under the lock if `work` is still current (for progress frames).
    func whileCurrent(_ work: SessionWork, emit: () -> Void) {
        state.withLock { state in
            if state.queues[work.session]?.running?.ticket == work.ticket { emit() }
        }
    }

    /// Closes the queues: every running and waiting item is removed and passed to `emit` (under the
    /// lock, in session order), and the session tasks are cancelled. Returns how many there were.
    @discardableResult
    func abortAll(emit: (SessionWork) -> Void) -> Int {
        let (tasks, count): ([Task<Void, Never>], Int) = state.withLock { state in
            state.closed = true
            var tasks: [Task<Void, Never>] = []
            var count = 0
            for (_, queue) in state.queues {
                if let running = queue.running {
                    emit(running)
                    count += 1
                }
                for work in queue.pending[queue.head...] {
                    emit(work)
                    count += 1
                }
                if let task = queue.task { tasks.append(task) }
            }
            state.queues = [:]
            return (tasks, count)
        }
        for task in tasks { task.cancel() }
        return count
    }
}
