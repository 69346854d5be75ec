import ByteText
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Chunks read from a file descriptor (stdin by default) as an async sequence. Each `next()` does
/// one blocking `read` on a dedicated queue, so nothing is read ahead of the consumer: when the
/// serve loop stops asking, the server stops reading. Cancelling the consumer ends the sequence
/// at once, even while a read is blocked.
public struct FileDescriptorInput: AsyncSequence, Sendable {
    /// A chunk of bytes, never empty.
    public typealias Element = [UInt8]

    /// The descriptor read from.
    public let descriptor: Int32
    /// Bytes requested per read.
    public let chunkSize: Int

    /// Creates the sequence; it does not own (or close) the descriptor.
    public init(descriptor: Int32 = 0, chunkSize: Int = 64 * 1024) {
        self.descriptor = descriptor
        self.chunkSize = Swift.max(1, chunkSize)
    }

    /// Creates an iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(reader: BlockingReader(descriptor: descriptor, chunkSize: chunkSize))
    }

    /// Reads chunk after chunk until end of file, an error or cancellation.
    public struct Iterator: AsyncIteratorProtocol {
        let reader: BlockingReader

        /// The next chunk, or nil at end of file or on cancellation; throws on a read error.
        public mutating func next() async throws -> [UInt8]? {
            try await reader.next()
        }
    }
}

/// A failed `read(2)`.
public struct InputError: Error, Sendable, Equatable {
    /// The `errno` value.
    public var errorNumber: Int32
}

/// Performs blocking reads on its own queue and hands each result to exactly one waiter.
final class BlockingReader: Sendable {
    private let descriptor: Int32
    private let chunkSize: Int
    private let queue = DispatchQueue(label: "maildoctor.serve.input")
    private let finished = Mutex(false)

    init(descriptor: Int32, chunkSize: Int) {
        self.descriptor = descriptor
        self.chunkSize = chunkSize
    }

    func next() async throws -> [UInt8]? {
        if finished.withLock({ $0 }) || Task.isCancelled { return nil }
        let slot = Mutex<CheckedContinuation<Result<[UInt8]?, InputError>, Never>?>(nil)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<[UInt8]?, InputError>, Never>) in
                slot.withLock { $0 = continuation }
                if Task.isCancelled,
                    let waiting = slot.withLock({ state in
                        defer { state = nil }
                        return state
                    })
                {
                    waiting.resume(returning: .success(nil))
                    return
                }
                queue.async { [descriptor, chunkSize] in
                    let outcome = Self.read(descriptor: descriptor, chunkSize: chunkSize)
                    slot.withLock { state in
                        defer { state = nil }
                        return state
                    }?.resume(returning: outcome)
                }
            }
        } onCancel: {
            slot.withLock { state in
                defer { state = nil }
                return state
            }?.resume(returning: .success(nil))
        }
        switch result {
        case .success(let chunk?): return chunk
        case .success(nil):
            finished.withLock { $0 = true }
            return nil
        case .failure(let error):
            finished.withLock { $0 = true }
            throw error
        }
    }

    private static func read(descriptor: Int32, chunkSize: Int) -> Result<[UInt8]?, InputError> {
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let count = FileDescriptorIO.read(descriptor, into: &buffer, count: chunkSize)
            if count > 0 {
                buffer.removeSubrange(count...)
                return .success(buffer)
            }
            if count == 0 { return .success(nil) }
            if errno == EINTR { continue }
            return .failure(InputError(errorNumber: errno))
        }
    }
}
