import ByteText

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where output lines go: stdout in production, memory in tests. Only the serve loop's single
/// writer calls it, one call at a time.
public protocol ByteSink: Sendable {
    /// Writes every byte, blocking as needed; throws `OutputClosed` when the reader is gone.
    func write(_ bytes: [UInt8]) throws(OutputClosed)
}

/// The output's reader has gone away (EPIPE, or any other write failure).
public struct OutputClosed: Error, Sendable, Equatable {
    /// The `errno` value, when the failure came from the system.
    public var errorNumber: Int32

    /// Creates the error.
    public init(errorNumber: Int32 = 0) { self.errorNumber = errorNumber }
}

/// Writes to a file descriptor (stdout by default), retrying on EINTR and waiting on EAGAIN.
/// SIGPIPE must be ignored by the process so that a closed pipe surfaces as EPIPE.
public struct FileDescriptorSink: ByteSink {
    /// The descriptor written to.
    public let descriptor: Int32

    /// Creates a sink; it does not own (or close) the descriptor.
    public init(descriptor: Int32 = 1) { self.descriptor = descriptor }

    /// Writes every byte.
    public func write(_ bytes: [UInt8]) throws(OutputClosed) {
        var offset = 0
        while offset < bytes.count {
            let written = FileDescriptorIO.write(descriptor, bytes, from: offset)
            if written > 0 {
                offset += written
                continue
            }
            let error = errno
            if written < 0, error == EINTR { continue }
            if written < 0, error == EAGAIN || error == EWOULDBLOCK {
                var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&poller, 1, 1000)
                continue
            }
            throw OutputClosed(errorNumber: written < 0 ? error : 0)
        }
    }
}
