#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A POSIX thread running one closure: the `explain` batch's workers and the bounce reader's warm-up,
/// and the c-ares resolver's driver loop.
///
/// Plain threads, not tasks: starting the concurrency pool's threads and hopping onto them is a visible
/// share of a short batch (`bench/bounces.sh`), and the pool has one thread per processor while the
/// batch wants the calling thread to work too; the resolver's loop blocks in `poll` and must not hold a
/// pool thread. Join or detach every thread started.
package struct PlainThread {
    private let thread: pthread_t

    /// The closure handed to the new thread through pthread_create's single pointer.
    private final class Body: Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Starts a thread running `body`; nil when the system refuses one (the caller then does the work).
    package static func start(_ body: @escaping @Sendable () -> Void) -> PlainThread? {
        // Unsafe: the closure travels to the new thread as pthread's one opaque pointer, retained once;
        // the thread takes that reference back (or this function does, when no thread starts).
        let box = Unmanaged.passRetained(Body(body))
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        let result = pthread_create(
            &thread, nil,
            { pointer in
                guard let pointer else { return nil }
                // Unsafe: the reference `start` retained for this thread, taken back exactly once.
                Unmanaged<Body>.fromOpaque(pointer).takeRetainedValue().run()
                return nil
            }, box.toOpaque())
        guard result == 0 else {
            box.release()
            return nil
        }
        #if canImport(Glibc)
            return PlainThread(thread: thread)
        #else
            guard let thread else { return nil }
            return PlainThread(thread: thread)
        #endif
    }

    /// Waits for the thread to finish.
    package func join() {
        pthread_join(thread, nil)
    }

    /// Lets the thread run on its own: nobody waits for it, and its resources go when it ends.
    package func detach() {
        pthread_detach(thread)
    }
}
