import NIOCore

/// Watches the bytes of a TLS handshake as they arrive and reads the server's choice of cipher suite
/// and protocol version from its ServerHello, which is sent in the clear even in TLS 1.3.
///
/// swift-nio-ssl does not report the negotiated cipher; this handler sits in front of it, passes every
/// byte through unchanged and stops looking once it has seen the ServerHello.
final class ServerHelloSniffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// The server's choice, once seen.
    private(set) var hello: ServerHello?
    private var records: [UInt8] = []
    private var handshake: [UInt8] = []
    private var done = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !done {
            let buffer = unwrapInboundIn(data)
            records.append(contentsOf: buffer.readableBytesView)
            parse()
        }
        context.fireChannelRead(data)
    }

    private func parse() {
        while records.count >= 5 {
            let type = records[0]
            let length = Int(records[3]) << 8 | Int(records[4])
            guard records.count >= 5 + length else { break }
            guard type == 22 else {
                done = true
                return
            }
            handshake.append(contentsOf: records[5..<(5 + length)])
            records.removeFirst(5 + length)
            if let parsed = ServerHello(handshake: handshake) {
                hello = parsed
                done = true
                return
            }
            if handshake.count >= 4, handshake[0] != 2 {
                done = true
                return
            }
        }
        if records.count + handshake.count > 65_536 { done = true }
    }
}

/// The cipher suite and version a server chose, as read from its ServerHello.
struct ServerHello: Sendable, Equatable {
    /// The IANA cipher suite number.
    var cipherSuite: UInt16
    /// The negotiated version number (from supported_versions when present): 0x0304 is TLS 1.3.
    var version: UInt16

    /// Parses a ServerHello at the start of handshake bytes; nil when incomplete or not a ServerHello.
    init?(handshake bytes: [UInt8]) {
        guard bytes.count >= 4, bytes[0] == 2 else { return nil }
        let length = Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard bytes.count >= 4 + length else { return nil }
        let body = Array(bytes[4..<(4 + length)])
        var index = 2 + 32
        guard body.count > index else { return nil }
        let legacyVersion = UInt16(body[0]) << 8 | UInt16(body[1])
        index += 1 + Int(body[index])
        guard body.count >= index + 3 else { return nil }
        cipherSuite = UInt16(body[index]) << 8 | UInt16(body[index + 1])
        version = legacyVersion
        index += 3
        guard body.count >= index + 2 else { return }
        let extensionsEnd = min(body.count, index + 2 + (Int(body[index]) << 8 | Int(body[index + 1])))
        index += 2
        while index + 4 <= extensionsEnd {
            let type = Int(body[index]) << 8 | Int(body[index + 1])
            let size = Int(body[index + 2]) << 8 | Int(body[index + 3])
            index += 4
            if type == 43, size == 2, index + 2 <= extensionsEnd {
                version = UInt16(body[index]) << 8 | UInt16(body[index + 1])
            }
            index += size
        }
    }
}
