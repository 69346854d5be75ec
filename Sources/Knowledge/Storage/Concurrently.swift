import Dispatch
import Synchronization

/// Two pieces of work at once, on this thread and one other core: a cold start decodes the knowledge
/// base's sections this way, since a one-shot `ask` waits for all of them.
enum Concurrently {
    /// Runs `first` and `second` at the same time and returns both results once both are done.
    static func both<First: Sendable, Second: Sendable>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        let firstResult = Mutex<First?>(nil)
        let secondResult = Mutex<Second?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let made = first()
                firstResult.withLock { $0 = made }
            } else {
                let made = second()
                secondResult.withLock { $0 = made }
            }
        }
        guard let one = firstResult.withLock({ $0 }), let two = secondResult.withLock({ $0 }) else {
            preconditionFailure("concurrentPerform returned before running both parts")
        }
        return (one, two)
    }
}
