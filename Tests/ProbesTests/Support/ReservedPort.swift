#if canImport(Glibc)
    import Glibc
#endif

/// A port on 127.0.0.1 with nothing listening: a socket is bound to it but never listens, so connections
/// are refused and no other test's listener can take the port meanwhile (closing a listener and reusing
/// its port would race with the tests running in parallel). Call ``close()`` when done.
final class ReservedPort: Sendable {
    let port: Int
    private let descriptor: Int32

    struct Failure: Error {}

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(descriptor)
            throw Failure()
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Releases the port.
    func close() {
        Glibc.close(descriptor)
    }
}
