import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// An in-process TCP server on 127.0.0.1 that runs a script for every connection: the misbehaving
/// peers (silent, dripping, garbage, endless line, reset during TLS…) and small well-behaved ones.
package final class ScriptedPeer: Sendable {
    /// What the peer does with one accepted connection.
    package typealias Script = @Sendable (PeerConnection) async throws -> Void

    /// The port the peer listens on, on 127.0.0.1.
    package let port: Int
    private let server: any Channel
    private let accepted: Counter

    /// How many connections were accepted so far.
    package var connectionCount: Int { accepted.value }

    private init(port: Int, server: any Channel, accepted: Counter) {
        self.port = port
        self.server = server
        self.accepted = accepted
    }

    /// Starts a server; each accepted connection runs `script` in its own task, then is closed.
    package static func start(_ script: @escaping Script) async throws -> ScriptedPeer {
        let accepted = Counter()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                accepted.increment()
                let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(PeerInbound(continuation))
                    Task {
                        try? await script(PeerConnection(channel: channel, stream: stream))
                        try? await channel.close()
                    }
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = server.localAddress?.port else { throw PeerError("no local port") }
        return ScriptedPeer(port: port, server: server, accepted: accepted)
    }

    /// Stops accepting connections.
    /// Closes the listening socket.
    package func stop() async {
        try? await server.close()
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}

/// A scripted peer's own failure (not the client's).
package struct PeerError: Error, CustomStringConvertible {
    /// What went wrong.
    package var description: String
    /// A failure saying `description`.
    package init(_ description: String) { self.description = description }
}

/// Hands the bytes a connection receives to its script.
private final class PeerInbound: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let continuation: AsyncStream<[UInt8]>.Continuation

    init(_ continuation: AsyncStream<[UInt8]>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        continuation.yield(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish()
        context.close(promise: nil)
    }
}

/// One accepted connection, as the script sees it (used by that script's task only).
package final class PeerConnection: @unchecked Sendable {
    /// The connection's channel.
    package let channel: any Channel
    private var iterator: AsyncStream<[UInt8]>.AsyncIterator
    private var buffered: [UInt8] = []

    init(channel: any Channel, stream: AsyncStream<[UInt8]>) {
        self.channel = channel
        self.iterator = stream.makeAsyncIterator()
    }

    /// Sends text as is (add "\r\n" yourself).
    package func send(_ text: String) async throws {
        try await send(Array(text.utf8))
    }

    /// Sends bytes as they are.
    package func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    /// Sends each byte separately, `interval` apart.
    package func drip(_ text: String, every interval: Duration) async throws {
        for byte in text.utf8 {
            try await send([byte])
            try await Task.sleep(for: interval)
        }
    }

    /// The next line without its line ending; nil at end of stream.
    package func readLine() async throws -> String? {
        while true {
            if let newline = buffered.firstIndex(of: 0x0A) {
                var line = Array(buffered[..<newline])
                buffered.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard let chunk = await iterator.next() else { return nil }
            buffered += chunk
        }
    }

    /// Reads whatever arrives next (at least one byte); nil at end of stream.
    package func readChunk() async throws -> [UInt8]? {
        if !buffered.isEmpty {
            defer { buffered = [] }
            return buffered
        }
        return await iterator.next()
    }

    /// Sends `reply` in the clear and switches the connection to TLS as a server, atomically on the
    /// event loop so the client's ClientHello is read through TLS.
    package func replyThenStartTLS(_ reply: String, context: NIOSSLContext) async throws {
        let channel = self.channel
        try await channel.eventLoop.flatSubmit { () -> EventLoopFuture<Void> in
            let written = channel.writeAndFlush(ByteBuffer(string: reply))
            do {
                try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
            return written
        }.get()
    }

    /// Starts TLS at once (implicit TLS).
    package func startTLS(context: NIOSSLContext) async throws {
        let channel = self.channel
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
        }.get()
    }

    /// Resets the connection (RST instead of an orderly close).
    package func reset() async throws {
        guard let provider = channel as? any SocketOptionProvider else { throw PeerError("no socket options") }
        try await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        try await channel.close()
    }

    /// Reads and ignores everything until the client closes the connection.
    package func waitForClose() async {
        while (try? await readChunk()) != nil {}
    }
}
