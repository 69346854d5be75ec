import CAres
import CShims
import MailModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loop on the resolver's own thread: submits queued questions (windowed), polls the
/// channel's sockets, processes answers and enforces each question's hard deadline.
///
/// Sendable only to be handed whole to that thread by ``start()``: from then on only the thread (and
/// the c-ares callbacks it runs) touches the driver and its channel.
final class CAresDriver: @unchecked Sendable {
    private let channel: ares_channel
    private let engine: CAresEngine
    private let wakeRead: Int32
    private let window: Int
    private let deadline: Duration
    private let clock = ContinuousClock()
    /// Questions handed to c-ares whose callback has not run yet.
    fileprivate var inFlight = 0
    /// Questions with their hard deadline, until they finish.
    private var active: [(query: PendingQuery, deadline: ContinuousClock.Instant)] = []

    init(channel: ares_channel, engine: CAresEngine, wakeRead: Int32, window: Int, deadline: Duration) {
        self.channel = channel
        self.engine = engine
        self.wakeRead = wakeRead
        self.window = window
        self.deadline = deadline
    }

    /// Starts the detached thread; it keeps the driver until it exits.
    func start() -> Bool {
        guard let thread = PlainThread.start({ self.run() }) else { return false }
        thread.detach()
        return true
    }

    private func run() {
        var sockets = [ares_socket_t](repeating: ARES_SOCKET_BAD, count: Int(ARES_GETSOCK_MAXNUM))
        var pollSet: [pollfd] = []
        while true {
            let (queries, stopping) = engine.take(limit: window - inFlight)
            if stopping { break }
            for query in queries { send(query) }

            let bits = ares_getsock(channel, &sockets, Int32(sockets.count))
            pollSet.removeAll(keepingCapacity: true)
            pollSet.append(pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0))
            for index in 0..<sockets.count {
                var events: Int16 = 0
                if maildoctor_ares_sock_readable(bits, Int32(index)) != 0 { events |= Int16(POLLIN) }
                if maildoctor_ares_sock_writable(bits, Int32(index)) != 0 { events |= Int16(POLLOUT) }
                if events != 0 { pollSet.append(pollfd(fd: sockets[index], events: events, revents: 0)) }
            }
            let ready = poll(&pollSet, nfds_t(pollSet.count), pollTimeoutMS())
            if ready > 0 {
                if pollSet[0].revents != 0 { drainWakePipe() }
                for entry in pollSet.dropFirst() where entry.revents != 0 {
                    let readable = entry.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0
                    let writable = entry.revents & Int16(POLLOUT) != 0
                    ares_process_fd(
                        channel, readable ? entry.fd : ARES_SOCKET_BAD, writable ? entry.fd : ARES_SOCKET_BAD)
                }
            }
            ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD)
            enforceDeadlines()
        }
        ares_destroy(channel)
        for entry in active { entry.query.finish(.failure("the resolver has been shut down")) }
        active.removeAll()
        while true {
            let (queries, _) = engine.take(limit: Int.max)
            if queries.isEmpty { break }
            for query in queries { query.finish(.failure("the resolver has been shut down")) }
        }
        engine.driverDidExit()
    }

    private func send(_ query: PendingQuery) {
        guard !query.isFinished else { return }
        active.append((query, clock.now.advanced(by: deadline)))
        inFlight += 1
        engine.noteSent()
        CAresCalls.query(channel, name: query.question.name, type: Int32(query.question.type.rawValue)) {
            status, answer in
            self.inFlight -= 1
            query.finish(CAresDriver.answer(query.question, status: status, bytes: answer))
        }
    }

    /// Milliseconds until c-ares next needs attention or the nearest hard deadline; -1 when idle.
    private func pollTimeoutMS() -> Int32 {
        if active.isEmpty && inFlight == 0 {
            return engine.hasQueued ? 0 : -1
        }
        var milliseconds = 1000
        if let timeout = CAresCalls.timeout(channel, atMost: timeval(tv_sec: 1, tv_usec: 0)) {
            milliseconds = Int(timeout.tv_sec) * 1000 + Int(timeout.tv_usec + 999) / 1000
        }
        if let nearest = active.map(\.deadline).min() {
            let remaining = clock.now.duration(to: nearest)
            let remainingMS =
                Int(remaining.components.seconds) * 1000
                + Int(remaining.components.attoseconds / 1_000_000_000_000_000) + 1
            milliseconds = min(milliseconds, max(0, remainingMS))
        }
        return Int32(clamping: milliseconds)
    }

    private func enforceDeadlines() {
        let now = clock.now
        active.removeAll { entry in
            if entry.query.isFinished { return true }
            if entry.deadline <= now {
                entry.query.finish(.timeout)
                return true
            }
            return false
        }
    }

    private func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }

    /// Converts a c-ares completion into an answer; decodes the raw message when there is one.
    static func answer(_ question: DNSQuestion, status: Int32, bytes: [UInt8]?) -> DNSAnswer {
        if let bytes, !bytes.isEmpty {
            do {
                return try DNSMessage(bytes: bytes).answer(to: question)
            } catch {
                return DNSAnswer(question: question, outcome: .failure("malformed DNS answer: \(error)"))
            }
        }
        let outcome: DNSOutcome
        switch status {
        case ARES_ENODATA: outcome = .noData
        case ARES_ENOTFOUND: outcome = .nxdomain
        case ARES_ESERVFAIL: outcome = .servfail
        case ARES_EREFUSED: outcome = .refused
        case ARES_ETIMEOUT: outcome = .timeout
        case ARES_ECONNREFUSED: outcome = .failure("the DNS server refused the connection (nothing listening?)")
        case ARES_EBADNAME: outcome = .failure("\"\(question.name)\" is not a name DNS can look up")
        default: outcome = .failure(CAresCalls.errorText(status))
        }
        return DNSAnswer(question: question, outcome: outcome)
    }
}
