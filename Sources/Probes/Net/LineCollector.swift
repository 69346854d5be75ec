import Localization
import NIOCore
import NIOSSL
import NIOTLS

/// Splits what the server sends into lines (on LF bytes; a trailing CR is removed) and hands them to
/// one waiting reader, with a deadline.
///
/// Lives on the channel's event loop. Lines that arrive before anyone asks are kept (a banner often
/// arrives before the reader is waiting); the first transport error is remembered and reported to
/// every later read and write, so a failure is never turned into a timeout.
final class LineCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private struct Waiter<Value: Sendable> {
        var promise: EventLoopPromise<Value>
        var timer: Scheduled<Void>?

        /// Cancels the deadline and completes the promise.
        func settle(_ outcome: Result<Value, ConnectionError>) {
            timer?.cancel()
            switch outcome {
            case .success(let value): promise.succeed(value)
            case .failure(let error): promise.fail(error)
            }
        }
    }

    private let maxLineLength: Int
    private var partial: [UInt8] = []
    private var lines = CircularBuffer<[UInt8]>()
    private(set) var failure: ConnectionError?
    private var inactive = false
    private var handshakeDone = false
    private var lineWaiter: Waiter<[UInt8]>?
    private var handshakeWaiter: Waiter<Void>?
    private var context: ChannelHandlerContext?

    /// The server's certificates as presented in the last TLS handshake, leaf first.
    var peerCertificates: [NIOSSLCertificate] = []

    init(maxLineLength: Int) {
        self.maxLineLength = maxLineLength
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        guard failure == nil, let bytes = buffer.readBytes(length: buffer.readableBytes) else { return }
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            partial.append(contentsOf: bytes[start..<index])
            if partial.last == 0x0D { partial.removeLast() }
            lines.append(partial)
            partial = []
            start = index + 1
        }
        partial.append(contentsOf: bytes[start...])
        if partial.count > maxLineLength {
            fail(.lineTooLong(limit: maxLineLength))
            context.close(promise: nil)
        }
        deliver()
    }

    func channelInactive(context: ChannelHandlerContext) {
        inactive = true
        deliver()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(ConnectionError(error))
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            handshakeDone = true
            deliver()
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// The next complete line, or the error that prevents one, at the latest at `deadline`.
    func nextLine(deadline: NIODeadline, on loop: any EventLoop) -> EventLoopFuture<[UInt8]> {
        let promise = loop.makePromise(of: [UInt8].self)
        if let previous = lineWaiter {
            previous.timer?.cancel()
            previous.promise.fail(ConnectionError.other(L("a second read started before the first finished")))
        }
        let timer = loop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            guard let waiter = lineWaiter else { return }
            lineWaiter = nil
            waiter.promise.fail(ConnectionError.timeout(received: partial.count))
        }
        lineWaiter = Waiter(promise: promise, timer: timer)
        deliver()
        return promise.futureResult
    }

    /// Completes when the TLS handshake has, or fails with the error that stopped it, at the latest at `deadline`.
    func handshake(deadline: NIODeadline, on loop: any EventLoop) -> EventLoopFuture<Void> {
        let promise = loop.makePromise(of: Void.self)
        let timer = loop.assumeIsolated().scheduleTask(deadline: deadline) { [self] in
            guard let waiter = handshakeWaiter else { return }
            handshakeWaiter = nil
            waiter.promise.fail(ConnectionError.timeout(received: 0))
        }
        handshakeWaiter = Waiter(promise: promise, timer: timer)
        deliver()
        return promise.futureResult
    }

    /// Drops lines already received but not read; returns how many there were.
    func discardBuffered() -> Int {
        let count = lines.count + (partial.isEmpty ? 0 : 1)
        lines.removeAll()
        partial = []
        return count
    }

    /// Records the first failure; later ones are consequences.
    func fail(_ error: ConnectionError) {
        if failure == nil { failure = error }
        deliver()
    }

    private func deliver() {
        if let waiter = lineWaiter, let outcome = outcome(lines.popFirst(), received: partial.count) {
            lineWaiter = nil
            waiter.settle(outcome)
        }
        if let waiter = handshakeWaiter, let outcome = outcome(handshakeDone ? () : nil, received: 0) {
            handshakeWaiter = nil
            waiter.settle(outcome)
        }
    }

    /// What a waiter gets now: its value once it has come, else the first transport error, else the close
    /// once the channel is inactive (`received` bytes of an unfinished line); nil while it should wait.
    private func outcome<Value: Sendable>(_ value: Value?, received: Int) -> Result<Value, ConnectionError>? {
        if let value { return .success(value) }
        if let failure { return .failure(failure) }
        return inactive ? .failure(.closed(received: received)) : nil
    }
}
