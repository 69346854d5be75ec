import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGTERM and SIGINT into calls of a handler (on a dispatch queue, not in signal context)
/// and ignores SIGPIPE, so a closed output shows up as EPIPE on write. Signals that arrive before
/// a handler is set are kept and delivered when it is, so start-up is covered too.
public final class TerminationSignals {
    private let relay = SignalRelay()
    private let sources: [any DispatchSourceSignal]

    /// Starts watching SIGTERM and SIGINT at once.
    public init() {
        signal(SIGPIPE, SIG_IGN)
        let queue = DispatchQueue(label: "maildoctor.serve.signals")
        let relay = self.relay
        sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { relay.deliver(number) }
            source.resume()
            return source
        }
    }

    /// Sets the handler; signals received so far are delivered to it now, in order.
    public func onSignal(_ handler: @escaping @Sendable (Int32) -> Void) {
        relay.setHandler(handler)
    }

    /// Stops watching (the signals stay ignored).
    public func cancel() {
        for source in sources { source.cancel() }
    }
}

/// Holds signals until a handler is set, then passes them on.
private final class SignalRelay: Sendable {
    private struct State {
        var pending: [Int32] = []
        var handler: (@Sendable (Int32) -> Void)?
    }

    private let state = Mutex(State())

    func setHandler(_ handler: @escaping @Sendable (Int32) -> Void) {
        let pending = state.withLock { state in
            state.handler = handler
            defer { state.pending = [] }
            return state.pending
        }
        for number in pending { handler(number) }
    }

    func deliver(_ number: Int32) {
        let handler: (@Sendable (Int32) -> Void)? = state.withLock { state in
            if state.handler == nil { state.pending.append(number) }
            return state.handler
        }
        handler?(number)
    }
}
