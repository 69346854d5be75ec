import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one writer of output lines: frames from any task are appended to a buffer under a lock
/// (so lines never interleave and a session's frames keep their order) and written by a single
/// serial queue, several frames per system call when they pile up.
///
/// A frame can carry in-flight permits; they are handed back once its bytes are written (or
/// dropped because the output closed), which is what bounds everything the server buffers.
final class OutputWriter: Sendable {
    private struct State {
        var buffer: [UInt8] = []
        var permits = 0
        var draining = false
        var closed = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let sink: any ByteSink
    private let queue = DispatchQueue(label: "maildoctor.serve.output")
    private let onWritten: @Sendable (Int) -> Void
    private let onClosed: @Sendable (OutputClosed) -> Void

    /// Creates a writer. `onWritten(n)` returns `n` permits; `onClosed` reports a closed output once,
    /// with the write's error.
    init(
        sink: any ByteSink, onWritten: @escaping @Sendable (Int) -> Void,
        onClosed: @escaping @Sendable (OutputClosed) -> Void
    ) {
        self.sink = sink
        self.onWritten = onWritten
        self.onClosed = onClosed
    }

    /// Whether the output has closed.
    var isClosed: Bool { state.withLock { $0.closed } }

    /// Appends whole lines; `permits` come back once they are written.
    func enqueue(_ bytes: [UInt8], permits: Int) {
        if append(bytes, permits: permits) { scheduleDrain() }
    }

    /// Appends whole lines without starting the writer; returns true when the caller must call
    /// `scheduleDrain()` (after releasing any lock of its own: it may wake a thread).
    func append(_ bytes: [UInt8], permits: Int) -> Bool {
        let outcome: Int = state.withLock { state in
            if state.closed { return 2 }
            state.buffer.append(contentsOf: bytes)
            state.permits += permits
            if state.draining { return 0 }
            state.draining = true
            return 1
        }
        if outcome == 2, permits > 0 { onWritten(permits) }
        return outcome == 1
    }

    /// Starts the writer after `append` said so.
    func scheduleDrain() {
        queue.async { self.drain() }
    }

    /// Returns once everything enqueued so far is written (or dropped on a closed output).
    func waitUntilDrained() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = state.withLock { state in
                if !state.draining { return true }
                state.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func drain() {
        var lingered = false
        while true {
            let next: (bytes: [UInt8], permits: Int)? = state.withLock { state in
                if state.buffer.isEmpty {
                    if !lingered { return ([], 0) }
                    state.draining = false
                    return nil
                }
                defer {
                    state.buffer = []
                    state.permits = 0
                }
                return (state.buffer, state.permits)
            }
            guard let next else { break }
            if next.bytes.isEmpty {
                // Nothing pending: wait a moment for more frames rather than waking up again soon.
                lingered = true
                usleep(100)
                continue
            }
            lingered = false
            let failure: OutputClosed?
            do throws(OutputClosed) {
                try sink.write(next.bytes)
                failure = nil
            } catch {
                failure = error
            }
            if let failure {
                let dropped = state.withLock { state in
                    state.closed = true
                    state.buffer = []
                    defer { state.permits = 0 }
                    return state.permits
                }
                onWritten(next.permits + dropped)
                onClosed(failure)
            } else if next.permits > 0 {
                onWritten(next.permits)
            }
        }
        let waiters = state.withLock { state in
            defer { state.waiters = [] }
            return state.draining ? [] : state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
