import CAres
import CShims
import MailModel
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// c-ares is initialised once per process.
private let caresLibraryStatus: Int32 = ares_library_init(ARES_LIB_INIT_ALL)

/// Owns a c-ares channel and the thread that drives it.
///
/// Callers hand in ``PendingQuery`` objects through a locked queue and a wake-up pipe; only the
/// driver thread ever touches the channel (c-ares 1.18 channels are not thread-safe). The driver
/// polls the channel's sockets (`ares_getsock` + `poll` + `ares_process_fd`), so no Swift
/// cooperative thread ever blocks on DNS.
final class CAresEngine: Sendable {
    private let inbox = Mutex<Inbox>(Inbox())
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let sent = Atomic<Int>(0)

    struct Inbox {
        var queue: [PendingQuery] = []
        var head = 0
        var stopping = false
    }

    init(serverCSV: String?, timeoutMS: Int, tries: Int, window: Int) throws(ResolverError) {
        guard caresLibraryStatus == ARES_SUCCESS else {
            throw ResolverError("c-ares failed to initialise: \(CAresCalls.errorText(caresLibraryStatus))")
        }
        var options = ares_options()
        options.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_EDNS
        options.timeout = Int32(clamping: timeoutMS)
        options.tries = Int32(clamping: tries)
        options.socket_receive_buffer_size = 4 * 1024 * 1024
        options.ednspsz = 1232
        let mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_RCVBUF | ARES_OPT_EDNSPSZ
        var channel: ares_channel?
        let status = ares_init_options(&channel, &options, mask)
        guard status == ARES_SUCCESS, let channel else {
            throw ResolverError("c-ares could not start: \(CAresCalls.errorText(status))")
        }
        if let serverCSV {
            let setStatus = ares_set_servers_ports_csv(channel, serverCSV)
            guard setStatus == ARES_SUCCESS else {
                ares_destroy(channel)
                throw ResolverError("c-ares rejected the resolver \(serverCSV): \(CAresCalls.errorText(setStatus))")
            }
        }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            ares_destroy(channel)
            throw ResolverError("could not create the resolver's wake-up pipe (errno \(errno))")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        let deadline = Duration.milliseconds(timeoutMS) * tries
        let driver = CAresDriver(
            channel: channel, engine: self, wakeRead: wakeRead, window: window, deadline: deadline)
        guard driver.start() else {
            ares_destroy(channel)
            close(wakeRead)
            close(wakeWrite)
            throw ResolverError("could not start the resolver thread")
        }
    }

    /// Queues a question for the driver thread.
    func submit(_ query: PendingQuery) {
        let accepted = inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            inbox.queue.append(query)
            return true
        }
        if accepted {
            wake()
        } else {
            query.finish(.failure("the resolver has been shut down"))
        }
    }

    /// Takes up to `limit` queued questions (FIFO); also reports whether shutdown was requested.
    func take(limit: Int) -> (queries: [PendingQuery], stopping: Bool) {
        inbox.withLock { inbox in
            let available = inbox.queue.count - inbox.head
            let count = max(0, min(limit, available))
            let taken = Array(inbox.queue[inbox.head..<(inbox.head + count)])
            inbox.head += count
            if inbox.head > 1024 && inbox.head * 2 > inbox.queue.count {
                inbox.queue.removeFirst(inbox.head)
                inbox.head = 0
            }
            return (taken, inbox.stopping)
        }
    }

    /// Whether questions are waiting in the queue.
    var hasQueued: Bool {
        inbox.withLock { $0.queue.count > $0.head }
    }

    /// Asks the driver thread to finish and release the channel.
    func shutdown() {
        inbox.withLock { $0.stopping = true }
        wake()
    }

    /// Called by the driver when it has exited; closes the pipe.
    func driverDidExit() {
        close(wakeRead)
        close(wakeWrite)
    }

    func noteSent() {
        sent.add(1, ordering: .relaxed)
    }

    var queriesSent: Int {
        sent.load(ordering: .relaxed)
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }
}
