import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns SIGINT into a byte on a pipe, so the line reader and running operations can notice
/// Ctrl-C without doing anything unsafe inside a signal handler.
enum SignalPipe {
    /// What a wait ended with.
    enum Event { case input, signal, closed }

    nonisolated(unsafe) private static var fds: [Int32] = [-1, -1]
    nonisolated(unsafe) private static var installed = false

    /// The read end of the pipe.
    static var readEnd: Int32 { fds[0] }

    /// Installs the SIGINT handler once.
    static func install() {
        guard !installed else { return }
        installed = true
        var pair: [Int32] = [-1, -1]
        guard pipe(&pair) == 0 else { return }
        for fd in pair { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        fds = pair
        signalWriteEnd = pair[1]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = signalPipeHandler
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Empties the pipe; returns whether a signal was pending.
    @discardableResult
    static func drain() -> Bool {
        guard fds[0] >= 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        var any = false
        while Glibc.read(fds[0], &buffer, buffer.count) > 0 { any = true }
        return any
    }

    /// Blocks until standard input is readable or Ctrl-C was pressed.
    static func waitForInputOrSignal() -> Event {
        var polls = [
            pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
            pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let result = poll(&polls, fds[0] >= 0 ? 2 : 1, -1)
            if result < 0 {
                if errno == EINTR { continue }
                return .closed
            }
            if polls[1].revents & Int16(POLLIN) != 0 {
                drain()
                return .signal
            }
            if polls[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 { return .input }
            if polls[0].revents & Int16(POLLNVAL) != 0 { return .closed }
        }
    }

    /// Whether standard input has data within `milliseconds` (pasted text still arriving).
    static func inputPending(milliseconds: Int32) -> Bool {
        var polls = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
        return poll(&polls, 1, milliseconds) > 0 && polls[0].revents & Int16(POLLIN) != 0
    }
}

nonisolated(unsafe) private var signalWriteEnd: Int32 = -1

private func signalPipeHandler(_ signal: Int32) {
    var byte: UInt8 = 1
    _ = write(signalWriteEnd, &byte, 1)
}
