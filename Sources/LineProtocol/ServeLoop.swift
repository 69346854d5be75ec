import Conversation
import Localization
import Synchronization

/// How a serve loop ended.
public enum ServeOutcome: Sendable, Equatable {
    /// The input ended and every message was answered.
    case endOfInput
    /// A shutdown was requested; `unanswered` messages got a `shutdown` error instead of a reply.
    case shutdown(unanswered: Int)
    /// The output closed (the gateway went away); remaining work was dropped.
    case outputClosed
}

/// The JSON Lines server: reads inbound lines, answers each message through the engine, writes
/// outbound frames. Replies of one session keep message order; sessions run concurrently, so a
/// slow session never delays another. At most `maxInFlight` messages are unanswered at any time:
/// beyond that the loop stops reading. A session over its queue limit gets `busy`.
public final class ServeLoop<C: Clock>: Sendable where C.Duration == Duration {
    private struct Control {
        var inputEnded = false
        var shutdownRequests = 0
        var graceExpired = false
        var forceExit = false
        var outputClosed = false
        var outputError: OutputClosed?
    }

    private let responder: any MessageResponding
    /// The limits in force.
    public let configuration: ServeConfiguration
    private let clock: C
    /// The sessions' conversation state.
    public let store: SessionStore<C>
    private let queues: SessionQueues
    private let limiter: InFlightLimiter
    private let writer: OutputWriter
    private let control = Locked(Control())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let log: @Sendable (String) -> Void
    private let workThreads: WorkThreads

    /// Creates a loop answering with `responder` and writing to `output`; `log` receives lines for
    /// stderr (never for the output). Long texts are answered on `work`.
    public init(
        responder: any MessageResponding, configuration: ServeConfiguration = ServeConfiguration(), clock: C,
        output: any ByteSink, log: @escaping @Sendable (String) -> Void = { _ in }, work: WorkThreads = .shared
    ) {
        self.responder = responder
        self.workThreads = work
        self.configuration = configuration
        self.clock = clock
        self.log = log
        store = SessionStore(clock: clock, limits: configuration.sessionLimits)
        queues = SessionQueues(maxPerSession: configuration.maxQueuedPerSession)
        let (wakeups, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        self.wakeups = wakeups
        self.wake = wake
        let limiter = InFlightLimiter(capacity: configuration.maxInFlight, onIdle: { wake.yield() })
        self.limiter = limiter
        let control = self.control
        writer = OutputWriter(
            sink: output, onWritten: { limiter.release($0) },
            onClosed: { error in
                control.withLock {
                    $0.outputClosed = true
                    $0.outputError = error
                }
                wake.yield()
            })
    }

    /// Why the output closed, once it has (the failed write's error); nil while it is open.
    public var outputError: OutputClosed? { control.withLock { $0.outputError } }

    /// Asks the loop to stop: it stops reading, lets unfinished messages complete for the grace
    /// period, then answers the rest with `shutdown` errors. A second request skips the grace.
    /// Safe to call from any thread (a signal handler's queue).
    public func requestShutdown() {
        control.withLock { $0.shutdownRequests += 1 }
        wake.yield()
    }

    /// Serves until the input ends (then finishes every message), a shutdown is requested, or the
    /// output closes. Returns once everything that will be written is written.
    public func run<Input: AsyncSequence & Sendable>(input: Input) async -> ServeOutcome
    where Input.Element == [UInt8] {
        let reader = Task {
            await self.read(input)
            self.control.withLock { $0.inputEnded = true }
            self.wake.yield()
        }
        var graceTimer: Task<Void, Never>?
        var forceTimer: Task<Void, Never>?
        var unanswered: Int?
        var outcome = ServeOutcome.endOfInput
        for await _ in wakeups {
            let now = control.withLock { $0 }
            if now.outputClosed {
                reader.cancel()
                queues.abortAll { _ in }
                outcome = .outputClosed
                break
            }
            if now.shutdownRequests > 0, graceTimer == nil {
                reader.cancel()
                let grace = configuration.shutdownGrace
                graceTimer = Task {
                    try? await Task.sleep(for: grace)
                    self.control.withLock { $0.graceExpired = true }
                    self.wake.yield()
                }
            }
            if now.shutdownRequests > 1 {
                // A second request: answer what is left with `shutdown` errors and stop now, whatever
                // is still running or being read.
                unanswered = (unanswered ?? 0) + abortUnfinished()
                break
            }
            if now.graceExpired, unanswered == nil {
                unanswered = abortUnfinished()
                forceTimer = Task {
                    // The reader normally ends at once; do not wait for a stuck input forever.
                    try? await Task.sleep(for: .seconds(1))
                    self.control.withLock { $0.forceExit = true }
                    self.wake.yield()
                }
            }
            if now.inputEnded || now.forceExit, limiter.inUse == 0 { break }
            if now.forceExit {
                unanswered = (unanswered ?? 0) + abortUnfinished()
                break
            }
        }
        graceTimer?.cancel()
        forceTimer?.cancel()
        if outcome != .outputClosed, control.withLock({ $0.shutdownRequests > 0 }) {
            outcome = .shutdown(unanswered: unanswered ?? 0)
        }
        await writer.waitUntilDrained()
        return outcome
    }

    /// Answers every queued and running message with a `shutdown` error; returns how many.
    private func abortUnfinished() -> Int {
        var count = 0
        queues.abortAll { work in
            guard let id = work.id else {
                limiter.release(1)
                return
            }
            count += 1
            let frame = ErrorFrame(
                session: work.session, inReplyTo: id, code: .shutdown,
                message: "the server stopped before this message was answered")
            writer.enqueue(FrameCodec.encode(.error(frame)), permits: 1)
        }
        if count > 0 { log("shutdown: \(count) unanswered message(s) got a shutdown error") }
        return count
    }

    // MARK: Reading

    private func read<Input: AsyncSequence & Sendable>(_ input: Input) async where Input.Element == [UInt8] {
        var framer = LineFramer(limit: configuration.maxLineBytes)
        var rateLimiter = configuration.rateLimit.map {
            SessionRateLimiter(clock: clock, limit: $0, maxBuckets: configuration.maxSessions)
        }
        var events: [LineFramer.Event] = []
        do {
            for try await chunk in input {
                framer.feed(chunk) { events.append($0) }
                for event in events { await handle(event, rateLimiter: &rateLimiter) }
                events.removeAll(keepingCapacity: true)
                if Task.isCancelled { return }
            }
        } catch {
            log("input error: \(error); finishing")
        }
        if Task.isCancelled { return }
        framer.finish { events.append($0) }
        for event in events { await handle(event, rateLimiter: &rateLimiter) }
    }

    private func handle(_ event: LineFramer.Event, rateLimiter: inout SessionRateLimiter<C>?) async {
        switch event {
        case .tooLong(let bytes):
            await respondNow(
                .error(
                    FrameError(
                        .lineTooLong,
                        "the line is longer than \(configuration.maxLineBytes) bytes (\(bytes) read before skipping to the next newline)"
                    ).frame))
        case .line(let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            switch FrameCodec.decodeInbound(bytes) {
            case .failure(let error):
                await respondNow(.error(error.frame))
            case .success(.ping(let id)):
                await respondNow(.pong(PongFrame(inReplyTo: id)))
            case .success(.reset(let session)):
                guard session.utf8.count <= configuration.maxIdentifierBytes else {
                    return await respondNow(.error(tooLong("session", session: nil, id: nil)))
                }
                await admit(session: session, id: nil, text: nil)
            case .success(.message(let session, let id, let text, let lang)):
                if let error = validate(session: session, id: id, text: text) {
                    return await respondNow(.error(error))
                }
                if var limiter = rateLimiter {
                    let allowed = limiter.allow(session)
                    rateLimiter = limiter
                    guard allowed else {
                        return await respondNow(
                            .error(
                                ErrorFrame(
                                    session: session, inReplyTo: id, code: .rateLimited,
                                    message: "too many messages from this session; wait a little and send it again")))
                    }
                }
                await admit(session: session, id: id, text: text, lang: lang)
            }
        }
    }

    private func validate(session: String, id: String, text: String) -> ErrorFrame? {
        let limit = configuration.maxIdentifierBytes
        if session.utf8.count > limit { return tooLong("session", session: nil, id: id.utf8.count <= limit ? id : nil) }
        if id.utf8.count > limit { return tooLong("id", session: session, id: nil) }
        if text.utf8.count > configuration.maxTextBytes {
            return ErrorFrame(
                session: session, inReplyTo: id, code: .fieldTooLong,
                message: "the text is longer than \(configuration.maxTextBytes) bytes")
        }
        return nil
    }

    private func tooLong(_ field: String, session: String?, id: String?) -> ErrorFrame {
        ErrorFrame(
            session: session, inReplyTo: id, code: .fieldTooLong,
            message: "the field \"\(field)\" is longer than \(configuration.maxIdentifierBytes) bytes")
    }

    /// Writes a frame the reader itself answers with, holding a permit until it is written.
    private func respondNow(_ frame: OutboundFrame) async {
        let permit = await limiter.acquire()
        writer.enqueue(FrameCodec.encode(frame), permits: permit ? 1 : 0)
    }

    private func admit(session: String, id: String?, text: String?, lang: Language? = nil) async {
        guard await limiter.acquire() else {
            // Cancelled while waiting: shutting down. The message still gets its answer.
            if let id {
                writer.enqueue(FrameCodec.encode(.error(shutdownError(session: session, id: id))), permits: 0)
            }
            return
        }
        let admission = queues.admit(session: session, id: id, text: text, lang: lang) { session in
            Task { await self.drain(session) }
        }
        switch admission {
        case .queued: break
        case .busy:
            guard let id else {
                // A reset on a full queue: forget the session as soon as it is idle again is not
                // possible without queueing, so say so.
                return writer.enqueue(
                    FrameCodec.encode(
                        .error(
                            ErrorFrame(
                                session: session, code: .busy,
                                message: "too many messages waiting for this session; the reset was not applied"))),
                    permits: 1)
            }
            writer.enqueue(
                FrameCodec.encode(
                    .error(
                        ErrorFrame(
                            session: session, inReplyTo: id, code: .busy,
                            message:
                                "too many messages waiting for this session (\(configuration.maxQueuedPerSession)); send it again after the answers"
                        ))), permits: 1)
        case .closed:
            if let id {
                writer.enqueue(FrameCodec.encode(.error(shutdownError(session: session, id: id))), permits: 1)
            } else {
                limiter.release(1)
            }
        }
    }

    private func shutdownError(session: String, id: String) -> ErrorFrame {
        ErrorFrame(
            session: session, inReplyTo: id, code: .shutdown,
            message: "the server is stopping; this message was not answered")
    }

    // MARK: Answering

    /// Answers a session's work items one after the other until its queue is empty.
    private func drain(_ session: String) async {
        while let work = queues.next(session) {
            await process(work)
        }
    }

    private func process(_ work: SessionWork) async {
        guard let id = work.id, let text = work.text else {
            store.remove(work.session)
            queues.finish(work) { limiter.release(1) }
            return
        }
        var current = store.session(work.session)
        if let lang = work.lang { current.pin(lang) }
        let writer = self.writer
        let queues = self.queues
        let progress: @Sendable (ProgressEvent) -> Void = { event in
            let frame = ProgressFrame(session: work.session, inReplyTo: id, text: event.text, check: event.check)
            let bytes = FrameCodec.encode(.progress(frame))
            var wake = false
            queues.whileCurrent(work) { wake = writer.append(bytes, permits: 0) }
            if wake { writer.scheduleDrain() }
        }
        let responder = self.responder
        let (updated, reply): (Session, Reply)
        if text.utf8.count >= configuration.heavyTextBytes {
            // A long text (a pasted bounce) is read on the work threads, off the pool this loop, its
            // reader and the short messages run on (see `WorkThreads`). A task of its own starts
            // there for sure (a preference set on this task would not move a call that needs no hop).
            let heavy = Task(executorPreference: workThreads) {
                await responder.respond(to: text, in: current, progress: progress)
            }
            (updated, reply) = await withTaskCancellationHandler {
                await heavy.value
            } onCancel: {
                heavy.cancel()
            }
        } else {
            (updated, reply) = await responder.respond(to: text, in: current, progress: progress)
        }
        var saved = updated
        saved.id = work.session
        store.save(saved)
        let bytes = FrameCodec.encode(
            .reply(ReplyFrame(session: work.session, inReplyTo: id, reply: reply, strings: responder.strings)))
        var wake = false
        queues.finish(work) { wake = writer.append(bytes, permits: 1) }
        if wake { writer.scheduleDrain() }
    }
}
