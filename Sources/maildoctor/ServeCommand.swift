import ArgumentParser
import Conversation
import Foundation
import LineProtocol
import Synchronization

/// `maildoctor serve`: the JSON Lines protocol for chat gateways on stdin/stdout.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer chat messages as JSON Lines on stdin/stdout, for chat gateways (see docs/PROTOCOL.md).",
        discussion: """
            One JSON object per line in, one per line out; logs go to stderr only.
              in:  {"session": "alice", "id": "m1", "text": "my mailbox is full"}
                   {"type": "reset", "session": "alice"}      {"type": "ping", "id": "p1"}
              out: {"type": "reply", "session": "alice", "in_reply_to": "m1", "text": "…", …}
                   {"type": "progress", …}  {"type": "error", "code": "…", …}  {"type": "pong", …}

            End of input: every message is answered, then exit 0. SIGTERM/SIGINT: stop reading, finish within the grace period, answer the rest with "shutdown" errors, exit 0. Live checks on private or loopback addresses stay refused unless --allow-private.

            Example:
              echo '{"session":"s1","id":"m1","text":"my mailbox is full"}' | maildoctor serve
            """)

    @Option(help: ArgumentHelp("Sessions remembered; the least recently used is forgotten first.", valueName: "n"))
    var maxSessions = 100_000

    @Option(help: ArgumentHelp("Forget a session after this many idle seconds.", valueName: "seconds"))
    var idleTimeout = 1800.0

    @Option(help: ArgumentHelp("Unanswered messages at once; beyond it input is not read.", valueName: "n"))
    var maxInFlight = 1024

    @Option(help: ArgumentHelp("Messages one session may have waiting; beyond it they get 'busy'.", valueName: "n"))
    var maxQueued = 32

    @Option(help: ArgumentHelp("Longest message text, in bytes.", valueName: "bytes"))
    var maxTextBytes = 64 * 1024

    @Option(help: ArgumentHelp("Messages a session may send at once (0: no rate limit).", valueName: "n"))
    var rateBurst = 20

    @Option(help: ArgumentHelp("Messages per minute a session may send in the long run.", valueName: "n"))
    var ratePerMinute = 30.0

    @Option(help: ArgumentHelp("Seconds unfinished messages get after SIGTERM/SIGINT.", valueName: "seconds"))
    var grace = 5.0

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard maxSessions >= 1 else { throw ValidationError("--max-sessions must be at least 1") }
        guard idleTimeout > 0, idleTimeout <= 31_536_000 else {
            throw ValidationError("--idle-timeout must be between 0 and 31536000 seconds (a year)")
        }
        guard maxInFlight >= 1 else { throw ValidationError("--max-in-flight must be at least 1") }
        guard maxQueued >= 1 else { throw ValidationError("--max-queued must be at least 1") }
        guard maxTextBytes >= 1 else { throw ValidationError("--max-text-bytes must be at least 1") }
        guard rateBurst >= 0, ratePerMinute >= 0, ratePerMinute.isFinite else {
            throw ValidationError("rate limits must be finite numbers, not negative")
        }
        guard grace >= 0, grace <= 600 else { throw ValidationError("--grace must be between 0 and 600 seconds") }
    }

    func run() async throws {
        // Watch signals before the (slow) start-up, so an early SIGTERM still ends cleanly.
        let signals = TerminationSignals()
        defer { signals.cancel() }
        let settings = try global.settings()
        let engine = try settings.makeEngine()
        var configuration = ServeConfiguration()
        configuration.maxSessions = maxSessions
        configuration.idleTimeout = .milliseconds(Int64(idleTimeout * 1000))
        configuration.maxInFlight = maxInFlight
        configuration.maxQueuedPerSession = maxQueued
        configuration.maxTextBytes = maxTextBytes
        configuration.rateLimit =
            rateBurst == 0 ? nil : ServeConfiguration.RateLimit(burst: rateBurst, perMinute: ratePerMinute)
        configuration.shutdownGrace = .milliseconds(Int64(grace * 1000))
        let loop = ServeLoop(
            responder: engine, configuration: configuration, clock: ContinuousClock(), output: FileDescriptorSink(),
            log: { Log.error("serve: \($0)") })
        let deadline = ShutdownDeadline(grace: grace)
        signals.onSignal { _ in
            loop.requestShutdown()
            deadline.signalled()
        }
        let outcome = await loop.run(input: FileDescriptorInput(chunkSize: configuration.readChunkBytes))
        if case .shutdown(let unanswered) = outcome, unanswered > 0 {
            Log.error("serve: stopped with \(unanswered) message(s) unanswered (each got a shutdown error)")
        }
        if outcome == .outputClosed, let error = loop.outputError {
            // The gateway going away (EPIPE) is a normal end; any other write error is not.
            if error.errorNumber == EPIPE {
                Log.error("serve: stdout was closed; stopping")
            } else {
                Log.error("serve: cannot write to stdout (\(String(cString: strerror(error.errorNumber)))); stopping")
                Foundation.exit(1)
            }
        }
        // The blocked stdin read (after a signal) must not keep the process alive.
        Foundation.exit(0)
    }
}

/// The last word on a shutdown: whatever the loop is doing (a thread stuck reading a bounce, a
/// gateway that no longer reads stdout), the process exits one second after the grace period that
/// the first signal started, and half a second after a second signal.
final class ShutdownDeadline: Sendable {
    private let grace: Double
    private let count = Mutex(0)
    private let queue = DispatchQueue(label: "maildoctor.serve.deadline")

    init(grace: Double) {
        self.grace = grace
    }

    /// Called for each SIGTERM/SIGINT.
    func signalled() {
        let number = count.withLock { count in
            count += 1
            return count
        }
        let delay = number == 1 ? grace + 1 : 0.5
        queue.asyncAfter(deadline: .now() + delay) {
            Log.error("serve: the shutdown took too long; exiting")
            Foundation.exit(0)
        }
    }
}
