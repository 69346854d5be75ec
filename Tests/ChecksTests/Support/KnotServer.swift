import Foundation
import Testing

@testable import DNSResolver

#if canImport(Glibc)
    import Glibc
#endif

/// The PID of the Knot server this test process started; the exit hook stops it by this PID.
nonisolated(unsafe) private var knotPID: pid_t = 0
/// The server's private state directory, removed at exit.
nonisolated(unsafe) private var knotStateDirectory = ""

/// A private Knot DNS server on 127.0.0.1, serving Tests/ChecksTests/Fixtures/*.zone, started once per
/// test process through scripts/knot-fixture.sh and stopped by PID when the process exits.
///
/// Also owns a black hole: a UDP and TCP socket on 127.0.0.1 that never answers, for timeouts.
actor KnotServer {
    static let shared = KnotServer()

    struct Endpoint: Sendable {
        var port: Int
        var blackHolePort: Int
    }

    /// Why the fixture server could not be started.
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    private var starting: Task<Endpoint, any Error>?
    private var cachedResolver: CAresResolver?

    /// One resolver pointed at the fixture server, shared by the tests.
    func sharedResolver() async throws -> CAresResolver {
        if let cachedResolver { return cachedResolver }
        let endpoint = try await endpoint()
        let resolver = try CAresResolver(server: "127.0.0.1:\(endpoint.port)", timeoutMS: 2000, tries: 2)
        cachedResolver = resolver
        return resolver
    }

    /// The running server, starting it on first use.
    func endpoint() async throws -> Endpoint {
        if let starting { return try await starting.value }
        let task = Task { try await KnotServer.start() }
        starting = task
        return try await task.value
    }

    /// A resolver pointed at the fixture server.
    static func resolver(timeoutMS: Int = 2000, tries: Int = 2) async throws -> CAresResolver {
        let endpoint = try await shared.endpoint()
        return try CAresResolver(server: "127.0.0.1:\(endpoint.port)", timeoutMS: timeoutMS, tries: tries)
    }

    /// A resolver pointed at the black hole: every query times out.
    static func blackHoleResolver(timeoutMS: Int = 150) async throws -> CAresResolver {
        let endpoint = try await shared.endpoint()
        return try CAresResolver(server: "127.0.0.1:\(endpoint.blackHolePort)", timeoutMS: timeoutMS, tries: 1)
    }

    private static func start() async throws -> Endpoint {
        let blackHole = try BlackHole.open()
        let state = FileManager.default.temporaryDirectory
            .appendingPathComponent("maildoctor-knot-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let port = try freePort()
        let output = try await run(
            "/bin/bash", [TestPaths.knotScript.path, "start", state.path, String(port)])
        guard output.status == 0, let printed = Int(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            throw StartError(description: "knot-fixture.sh start failed (\(output.status)): \(output.stderr)")
        }
        let pidText = try String(contentsOf: state.appendingPathComponent("knotd.pid"), encoding: .utf8)
        guard let pid = pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw StartError(description: "no PID file in \(state.path)")
        }
        knotPID = pid
        knotStateDirectory = state.path
        atexit {
            guard knotPID > 0 else { return }
            kill(knotPID, SIGTERM)
            for _ in 0..<100 where kill(knotPID, 0) == 0 { usleep(20_000) }
            if kill(knotPID, 0) == 0 { kill(knotPID, SIGKILL) }
            try? FileManager.default.removeItem(atPath: knotStateDirectory)
        }
        return Endpoint(port: printed, blackHolePort: blackHole)
    }

    /// A port that is free for UDP and TCP on 127.0.0.1 right now.
    private static func freePort() throws -> Int {
        for _ in 0..<20 {
            let udp = try BlackHole.bind(type: SOCK_DGRAM, port: 0)
            let port = BlackHole.port(of: udp)
            close(udp)
            if let tcp = try? BlackHole.bind(type: SOCK_STREAM, port: port) {
                close(tcp)
                return port
            }
        }
        throw StartError(description: "no free port found")
    }

    /// Runs a program to completion without blocking a cooperative thread.
    static func run(_ path: String, _ arguments: [String]) async throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: (finished.terminationStatus, stdout, stderr))
            }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}

/// Sockets that accept DNS queries and never answer.
enum BlackHole {
    /// Opens a UDP socket and a TCP listener on the same port, kept open for the life of the process.
    static func open() throws -> Int {
        let udp = try bind(type: SOCK_DGRAM, port: 0)
        let port = port(of: udp)
        let tcp = try bind(type: SOCK_STREAM, port: port)
        listen(tcp, 16)
        return port
    }

    static func bind(type: __socket_type, port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(type.rawValue), 0)
        guard fd >= 0 else { throw KnotServer.StartError(description: "socket() failed") }
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
            throw KnotServer.StartError(description: "bind() to port \(port) failed")
        }
        return fd
    }

    static func port(of fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
