import MCP
import MailModel

/// Where a tool call's progress goes: `notifications/progress` to the client when it asked for them
/// (a `progressToken`), nowhere otherwise.
public struct ProgressSink: Sendable {
    /// Reports `done` of `total` steps with a line for a person.
    public var report: @Sendable (_ done: Int, _ total: Int, _ message: String) async -> Void

    /// Creates a sink.
    public init(report: @escaping @Sendable (_ done: Int, _ total: Int, _ message: String) async -> Void) {
        self.report = report
    }

    /// A sink that drops every report.
    public static let none = ProgressSink { _, _, _ in }
}

/// The progress of a set of checks: nothing is reported during a quiet first second (most checks finish
/// sooner); after it, a report every second and one for each check that finishes.
actor CheckProgress {
    private let quiet: Duration
    private let sink: ProgressSink
    private let total: Int
    private let target: String
    private let started = ContinuousClock.now
    private var done = 0
    private var last = ""

    init(sink: ProgressSink, total: Int, target: String, quiet: Duration) {
        self.quiet = quiet
        self.sink = sink
        self.total = max(total, 1)
        self.target = target
    }

    /// Starts the once-a-second report; cancel the task when the checks are done.
    nonisolated func startTicking() -> Task<Void, Never> {
        Task {
            var pause = quiet
            while (try? await Task.sleep(for: pause)) != nil {
                await tick()
                pause = .seconds(1)
            }
        }
    }

    /// Counts a finished check, reporting it once the quiet second is over.
    func finished(_ result: CheckResult) async {
        done += 1
        last = "\(result.id.rawValue): \(result.status.rawValue)"
        guard ContinuousClock.now - started >= quiet else { return }
        await sink.report(done, total, "Checking \(target): \(last) (\(done) of \(total) done)")
    }

    private func tick() async {
        await sink.report(done, total, "Checking \(target)… \(done) of \(total) done")
    }
}
