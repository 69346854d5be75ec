import Localization
import MailModel
import NIOCore
import NIOPosix
import NIOSSL

/// A TCP connection to a mail server, read line by line with deadlines, optionally upgraded to TLS.
///
/// All socket work happens on SwiftNIO's event loops; the async methods only suspend, so a slow or
/// silent server never occupies one of Swift's cooperative threads.
final class ProbeConnection: Sendable {
    let channel: any Channel
    private let collector: NIOLoopBound<LineCollector>

    private init(channel: any Channel, collector: NIOLoopBound<LineCollector>) {
        self.channel = channel
        self.collector = collector
    }

    /// Opens a TCP connection to `address` on `port`, giving up at `deadline`.
    static func connect(
        to address: IPAddress, port: Int, deadline: NIODeadline, maxLineLength: Int
    ) async throws(ConnectionError) -> ProbeConnection {
        let timeout = deadline - .now()
        guard timeout > .zero else { throw .connectTimeout }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        do {
            let socketAddress = try SocketAddress(ipAddress: address.description, port: port)
            let collector = try await loop.submit {
                NIOLoopBound(LineCollector(maxLineLength: maxLineLength), eventLoop: loop)
            }.get()
            let channel = try await ClientBootstrap(group: loop)
                .connectTimeout(timeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(collector.value)
                    }
                }
                .connect(to: socketAddress).get()
            return ProbeConnection(channel: channel, collector: collector)
        } catch {
            throw ConnectionError(error)
        }
    }

    /// The next line from the server without its line ending, waiting at most until `deadline`.
    func readLine(deadline: NIODeadline) async throws(ConnectionError) -> [UInt8] {
        let collector = self.collector
        let loop = channel.eventLoop
        return try await wait(loop.flatSubmit { collector.value.nextLine(deadline: deadline, on: loop) })
    }

    /// Sends bytes; fails at once with the connection's first error if it already broke.
    func send(_ bytes: [UInt8]) async throws(ConnectionError) {
        let collector = self.collector
        let channel = self.channel
        let loop = channel.eventLoop
        try await wait(
            loop.flatSubmit { () -> EventLoopFuture<Void> in
                if let failure = collector.value.failure { return loop.makeFailedFuture(failure) }
                var buffer = channel.allocator.buffer(capacity: bytes.count)
                buffer.writeBytes(bytes)
                return channel.writeAndFlush(buffer)
            })
    }

    /// Drops lines received but not yet read (text sent before a TLS upgrade must not count after it);
    /// returns how many lines were dropped.
    func discardBufferedInput() async -> Int {
        let collector = self.collector
        return (try? await channel.eventLoop.submit { collector.value.discardBuffered() }.get()) ?? 0
    }

    /// Starts TLS on the connection and waits for the handshake until `deadline`.
    ///
    /// Every certificate is accepted so that it can be inspected afterwards; `serverName` is sent as SNI
    /// (nil for an IP address).
    func startTLS(serverName: String?, deadline: NIODeadline) async throws(ConnectionError) -> TLSHandshake {
        let context: NIOSSLContext
        do {
            context = try TLSContexts.client()
        } catch {
            throw .tls(L("TLS could not be set up on this computer: \(error)"))
        }
        let collector = self.collector
        let channel = self.channel
        let loop = channel.eventLoop
        return try await wait(
            loop.flatSubmit { () -> EventLoopFuture<TLSHandshake> in
                do {
                    let handler = try NIOSSLClientHandler(
                        context: context, serverHostname: serverName,
                        customVerificationCallback: { certificates, promise in
                            collector.value.peerCertificates = certificates
                            promise.succeed(.certificateVerified)
                        })
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(handler, position: .first)
                    try sync.addHandler(ServerHelloSniffer(), position: .first)
                } catch {
                    return loop.makeFailedFuture(error)
                }
                return collector.value.handshake(deadline: deadline, on: loop).flatMapThrowing {
                    let sync = channel.pipeline.syncOperations
                    let version = try sync.nioSSL_tlsVersion()
                    let hello = try sync.handler(type: ServerHelloSniffer.self).hello
                    let certificates = try collector.value.peerCertificates.map { try $0.toDERBytes() }
                    return TLSHandshake(
                        version: version.map(TLSHandshake.name) ?? hello.map {
                            CipherSuiteNames.versionName($0.version)
                        }
                            ?? "TLS",
                        cipherSuite: hello?.cipherSuite, certificates: certificates)
                }
            })
    }

    /// Closes the connection.
    func close() async {
        try? await channel.close()
    }

    private func wait<Value: Sendable>(_ future: EventLoopFuture<Value>) async throws(ConnectionError) -> Value {
        do {
            return try await withTaskCancellationHandler {
                try await future.get()
            } onCancel: { [channel] in
                channel.close(promise: nil)
            }
        } catch {
            if Task.isCancelled { throw .cancelled }
            throw ConnectionError(error)
        }
    }
}

/// What a TLS handshake negotiated and the certificates the server presented.
struct TLSHandshake: Sendable, Equatable {
    /// "TLSv1.3", "TLSv1.2"…
    var version: String
    /// The IANA number of the cipher suite, when the ServerHello was seen.
    var cipherSuite: UInt16?
    /// The server's certificates in DER, leaf first.
    var certificates: [[UInt8]]

    /// The cipher suite's IANA name, or "unknown".
    var cipherName: String {
        cipherSuite.map(CipherSuiteNames.name) ?? "unknown"
    }

    static func name(_ version: TLSVersion) -> String {
        switch version {
        case .tlsv1: "TLSv1"
        case .tlsv11: "TLSv1.1"
        case .tlsv12: "TLSv1.2"
        case .tlsv13: "TLSv1.3"
        }
    }
}
