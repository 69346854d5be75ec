import Synchronization

/// Runs `work` with a time limit: its value, or nil when `limit` passes first. The work is cancelled
/// and left to finish in the background (never awaited past the limit), so a task that ignores
/// cancellation cannot hold up the caller.
func withTimeLimit<Value: Sendable>(
    _ limit: Duration, _ work: @escaping @Sendable () async -> Value
) async -> Value? {
    let race = Race<Value?>()
    return await withTaskCancellationHandler {
        await withCheckedContinuation { continuation in
            race.install(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                if race.resume(with: nil) { race.cancelWorker() }
            }
            race.setWorker(
                Task {
                    let value = await work()
                    if race.resume(with: value) { timer.cancel() }
                })
        }
    } onCancel: {
        // The caller was cancelled: pass it on to the work, which then finishes early.
        race.cancelWorker()
    }
}

/// A continuation resumed by whichever party comes first, and the worker to cancel if it loses.
private final class Race<Value: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Value, Never>?
        var done = false
        var worker: Task<Void, Never>?
        var cancelRequested = false
    }

    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<Value, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    func setWorker(_ task: Task<Void, Never>) {
        let cancel = state.withLock { state -> Bool in
            state.worker = task
            return state.cancelRequested
        }
        if cancel { task.cancel() }
    }

    func cancelWorker() {
        let task = state.withLock { state -> Task<Void, Never>? in
            state.cancelRequested = true
            return state.worker
        }
        task?.cancel()
    }

    /// Resumes unless already resumed; true when this call resumed it.
    @discardableResult
    func resume(with value: Value) -> Bool {
        let continuation = state.withLock { state -> CheckedContinuation<Value, Never>? in
            guard !state.done else { return nil }
            state.done = true
            let continuation = state.continuation
            state.continuation = nil
            return continuation
        }
        continuation?.resume(returning: value)
        return continuation != nil
    }
}
