import ByteText
import Foundation
import Logging
import MCP
import Synchronization

/// MCP over a pair of file descriptors (standard input and output), one JSON-RPC message per line.
///
/// Unlike the library's stdio transport it reads on a thread of its own with blocking reads (no polling),
/// finds line breaks in linear time, bounds a line's size while reading it, answers malformed messages
/// itself (``RequestScreen``), and knows which requests are still unanswered, so that the server can
/// finish them after the client closes its end.
public actor LineTransport: Transport {
    /// Longest message accepted, in bytes: an 8 MiB bounce, JSON-escaped, fits.
    public static let defaultMaxLineBytes = 24 << 20

    /// Where the library logs (nowhere: MailDoctor's own messages go to standard error).
    public nonisolated let logger = Logger(label: "maildoctor.mcp", factory: { _ in SwiftLogNoOpLogHandler() })

    private let input: Int32
    private let writer: LineWriter
    private let maxLineBytes: Int
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let pending = PendingRequests()
    private var started = false

    /// Creates a transport on `input` and `output` (standard input and output by default).
    public init(input: Int32 = 0, output: Int32 = 1, maxLineBytes: Int = defaultMaxLineBytes) {
        self.input = input
        writer = LineWriter(descriptor: output)
        self.maxLineBytes = maxLineBytes
        (messages, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
    }

    /// Starts reading.
    public func connect() async throws {
        guard !started else { return }
        started = true
        let reader = LineReader(
            descriptor: input, maxLineBytes: maxLineBytes, continuation: continuation, writer: writer, pending: pending)
        let thread = Thread { reader.run() }
        thread.name = "mcp-stdin"
        thread.start()
    }

    /// Stops delivering messages.
    public func disconnect() async {
        continuation.finish()
    }

    /// Writes one message and its line break.
    public func send(_ data: Data) async throws {
        if let id = PendingRequests.answeredID(in: data) { pending.remove(id) }
        guard writer.write(data) else {
            continuation.finish()
            throw MCPError.connectionClosed
        }
    }

    /// The messages read, in order; finishes at the end of input.
    public nonisolated func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }

    /// Waits until every request read so far is answered (or cancelled), for at most `limit`.
    public func drain(within limit: Duration) async {
        let deadline = ContinuousClock.now + limit
        while !pending.isEmpty, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Whether standard output could not be written (the client is gone).
    public var outputClosed: Bool { writer.failed }
}

/// Reads lines on its own thread and hands them on.
private final class LineReader: Sendable {
    private let descriptor: Int32
    private let maxLineBytes: Int
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let writer: LineWriter
    private let pending: PendingRequests
    /// Whether an `initialize` request was read (this thread alone reads and writes it).
    nonisolated(unsafe) private var initialized = false

    init(
        descriptor: Int32, maxLineBytes: Int, continuation: AsyncThrowingStream<Data, any Error>.Continuation,
        writer: LineWriter, pending: PendingRequests
    ) {
        self.descriptor = descriptor
        self.maxLineBytes = maxLineBytes
        self.continuation = continuation
        self.writer = writer
        self.pending = pending
    }

    func run() {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var skipping = false  // inside an over-long line, until its line break
        var scanned = 0  // bytes of `buffer` known to hold no line break
        while true {
            let count = FileDescriptorIO.read(descriptor, into: &chunk, count: chunk.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            buffer.append(contentsOf: chunk[0..<count])
            var start = 0
            while let newline = buffer[(start + scanned)...].firstIndex(of: 0x0A) {
                if skipping {
                    skipping = false
                } else {
                    deliver(buffer[start..<newline])
                }
                start = newline + 1
                scanned = 0
            }
            buffer.removeFirst(start)
            scanned = buffer.count
            if buffer.count > maxLineBytes {
                if !skipping { tooLong() }
                skipping = true
                buffer.removeAll(keepingCapacity: true)
                scanned = 0
            }
        }
        if !buffer.isEmpty, !skipping { deliver(buffer[...]) }
        continuation.finish()
    }

    private func deliver(_ line: ArraySlice<UInt8>) {
        var line = line
        if line.last == 0x0D { line = line.dropLast() }
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        let data = Data(line)
        switch RequestScreen.screen(data, initialized: initialized) {
        case .pass(let method):
            if method == Initialize.name { initialized = true }
            pending.noteIncoming(data)
            continuation.yield(data)
        case .reject(let error):
            if !writer.write(Data(error.utf8)) { continuation.finish() }
        }
    }

    private func tooLong() {
        let error = RequestScreen.errorLine(
            id: nil, code: -32600, message: "Invalid Request: message over \(maxLineBytes >> 20) MiB; it was not read")
        _ = writer.write(Data(error.utf8))
    }
}

/// Writes whole lines to a descriptor, one at a time.
final class LineWriter: Sendable {
    private let descriptor: Int32
    private let state = Mutex(false)  // whether a write failed

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `data` and a line break; false when the descriptor cannot be written (now or before).
    func write(_ data: Data) -> Bool {
        state.withLock { failed in
            guard !failed else { return false }
            var bytes = [UInt8](data)
            bytes.append(0x0A)
            var offset = 0
            while offset < bytes.count {
                let written = FileDescriptorIO.write(descriptor, bytes, from: offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    failed = true
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// Whether a write failed.
    var failed: Bool { state.withLock { $0 } }
}

/// The ids of the requests read and not yet answered.
final class PendingRequests: Sendable {
    private let ids = Mutex(Set<String>())

    /// Notes a request (to be answered) or a cancellation (whose request will not be).
    func noteIncoming(_ data: Data) {
        guard let head = try? JSONDecoder().decode(Head.self, from: data) else { return }
        if head.method == CancelledNotification.name, let cancelled = head.params?.requestId {
            remove(Self.key(cancelled))
        } else if head.method != nil, let id = head.id {
            ids.withLock { _ = $0.insert(Self.key(id)) }
        }
    }

    /// Forgets an answered request.
    func remove(_ key: String) {
        ids.withLock { _ = $0.remove(key) }
    }

    var isEmpty: Bool { ids.withLock { $0.isEmpty } }

    /// The id a response answers (nil for requests and notifications of ours).
    static func answeredID(in data: Data) -> String? {
        guard let head = try? JSONDecoder().decode(Head.self, from: data), head.method == nil, let id = head.id
        else { return nil }
        return key(id)
    }

    private static func key(_ id: ID) -> String {
        switch id {
        case .string(let text): "s:" + text
        case .number(let number): "n:\(number)"
        }
    }

    /// The fields of a message that say what it is.
    private struct Head: Decodable {
        var id: ID?
        var method: String?
        var params: Params?

        struct Params: Decodable {
            var requestId: ID?
        }
    }
}
