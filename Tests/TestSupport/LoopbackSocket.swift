#if canImport(Glibc)
    import Glibc
#endif

/// Sockets bound on 127.0.0.1, for peers that never answer and ports nobody listens on.
package enum LoopbackSocket {
    /// Why a socket could not be opened.
    package struct Failure: Error, CustomStringConvertible {
        /// What failed.
        package var description: String
    }

    /// A socket of `type` bound to `port` on 127.0.0.1 (0: a free one); the caller closes it.
    package static func bind(type: __socket_type, port: Int) throws(Failure) -> Int32 {
        let fd = socket(AF_INET, Int32(type.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw Failure(description: "bind() to port \(port) failed")
        }
        return fd
    }

    /// The local port of a bound socket.
    package static func port(of fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A port on 127.0.0.1 with nothing listening: a socket is bound to it but never listens, so connections
/// are refused and no other test's listener can take the port meanwhile (closing a listener and reusing
/// its port would race with the tests running in parallel). Call ``close()`` when done.
package final class ReservedPort: Sendable {
    /// The reserved port.
    package let port: Int
    private let descriptor: Int32

    /// Reserves a free port.
    package init() throws(LoopbackSocket.Failure) {
        descriptor = try LoopbackSocket.bind(type: SOCK_STREAM, port: 0)
        port = LoopbackSocket.port(of: descriptor)
    }

    /// Releases the port.
    package func close() {
        Glibc.close(descriptor)
    }
}
