import Bounces

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A plain thread that runs `BounceParser.warmUp()` beside the start of an `explain` batch.
///
/// It is a thread, not a task: the concurrency pool has one thread per processor and the batch's
/// workers need all of them. Join it before the process exits.
struct WarmUpThread {
    private let thread: pthread_t

    /// Starts the thread; nil when it cannot be started (the batch then warms up on its first file).
    static func start() -> WarmUpThread? {
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        let result = pthread_create(
            &thread, nil,
            { _ in
                BounceParser.warmUp()
                return nil
            }, nil)
        #if canImport(Glibc)
            return result == 0 ? WarmUpThread(thread: thread) : nil
        #else
            guard result == 0, let thread else { return nil }
            return WarmUpThread(thread: thread)
        #endif
    }

    /// Waits for the warm-up to finish.
    func join() {
        pthread_join(thread, nil)
    }
}
