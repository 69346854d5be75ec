import Synchronization

/// Counts messages (and reader-made frames) between being read and having their answer written.
/// The reader acquires a permit per line it serves and waits when none is left: that is the
/// server's back-pressure — it stops reading instead of buffering.
final class InFlightLimiter: Sendable {
    private struct State {
        var available: Int
        var waiter: CheckedContinuation<Bool, Never>?
    }

    /// Permits in all.
    let capacity: Int
    private let state: Mutex<State>
    private let onIdle: @Sendable () -> Void

    /// Creates a limiter; `onIdle` is called whenever every permit is back.
    init(capacity: Int, onIdle: @escaping @Sendable () -> Void) {
        self.capacity = max(1, capacity)
        self.state = Mutex(State(available: max(1, capacity)))
        self.onIdle = onIdle
    }

    /// Permits currently held.
    var inUse: Int { capacity - state.withLock { $0.available } }

    /// Takes a permit, waiting for one if needed; false when the calling task is cancelled while
    /// none is free. Only one task (the reader) waits at a time.
    func acquire() async -> Bool {
        let immediate = state.withLock { state in
            guard state.available > 0 else { return false }
            state.available -= 1
            return true
        }
        if immediate { return true }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let result: Bool? = state.withLock { state in
                    if state.available > 0 {
                        state.available -= 1
                        return true
                    }
                    if Task.isCancelled { return false }
                    state.waiter = continuation
                    return nil
                }
                if let result { continuation.resume(returning: result) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: false)
        }
    }

    /// Hands back permits.
    func release(_ count: Int) {
        guard count > 0 else { return }
        let (waiter, idle): (CheckedContinuation<Bool, Never>?, Bool) = state.withLock { state in
            state.available += count
            var waiter: CheckedContinuation<Bool, Never>?
            if let pending = state.waiter {
                state.available -= 1
                state.waiter = nil
                waiter = pending
            }
            return (waiter, state.available == capacity)
        }
        waiter?.resume(returning: true)
        if idle { onIdle() }
    }
}
