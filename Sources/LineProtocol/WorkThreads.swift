import Foundation

/// Threads of their own for the CPU-heavy part of serving (reading a long bounce), so that it never
/// occupies the concurrency pool the serve loop, its reader and light messages run on: the system
/// shares the processors between these threads and the pool's, so a `ping` or a short message is
/// answered at once however many bounces are being read.
///
/// Jobs run in arrival order. A session has at most one message running at a time (its queue is
/// served one message after the other), so each session holds at most one of these threads and
/// sessions take turns: that is each session's budget of the heavy work.
public final class WorkThreads: TaskExecutor, @unchecked Sendable {
    // @unchecked: `jobs` and `head` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var head = 0

    /// The threads every serve loop of the process shares: one per processor, at least two.
    public static let shared = WorkThreads(threads: max(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Starts `threads` threads (at least one) that live as long as the process.
    public init(threads: Int) {
        for index in 0..<max(1, threads) {
            let started = DispatchSemaphore(value: 0)
            let thread = Thread {
                // Named from the thread itself, once `start()` has returned: only then does Foundation
                // pass the name on to the system (at most 15 bytes); before, the thread kept the system
                // name of the thread that started it ("oot.default-qos", about one start in 25).
                started.wait()
                Thread.current.name = "md-work-\(index)"
                self.serve()
            }
            thread.start()
            started.signal()
        }
    }

    /// Queues a job; a free thread runs it.
    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func serve() {
        while true {
            condition.lock()
            while head == jobs.count { condition.wait() }
            let job = jobs[head]
            head += 1
            if head == jobs.count {
                jobs.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
