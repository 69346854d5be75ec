import Checks
import DNSResolver
import Foundation
import MailModel

#if canImport(Glibc)
    import Glibc
#endif

/// The Knot DNS server that scripts/with-fixtures.sh started (scripts/knot-fixture.sh, serving
/// Tests/ChecksTests/Fixtures/*.zone), found through `MAILDOCTOR_FIXTURE_RESOLVER`; and a black hole, a
/// UDP and TCP socket on 127.0.0.1 that never answers, for timeouts.
package enum KnotFixture {
    /// The environment variable naming the server.
    package static let variable = "MAILDOCTOR_FIXTURE_RESOLVER"

    /// `127.0.0.1:PORT` of the running server.
    ///
    /// - Throws: `FixtureError` when `MAILDOCTOR_FIXTURE_RESOLVER` is missing.
    package static func address() throws(FixtureError) -> String {
        try FixtureError.value(of: variable, "the Knot DNS fixture, scripts/knot-fixture.sh")
    }

    /// One resolver pointed at the server, shared by the tests.
    package static func sharedResolver() throws -> CAresResolver {
        try shared.get()
    }

    private static let shared = Result { try resolver() }

    /// A new resolver pointed at the server.
    package static func resolver(timeoutMS: Int = 2000, tries: Int = 2) throws -> CAresResolver {
        try CAresResolver(server: try address(), timeoutMS: timeoutMS, tries: tries)
    }

    /// A resolver pointed at the black hole: every query times out.
    package static func blackHoleResolver(timeoutMS: Int = 150) throws -> CAresResolver {
        try CAresResolver(server: "127.0.0.1:\(try blackHolePort.get())", timeoutMS: timeoutMS, tries: 1)
    }

    /// The black hole's port, opened on first use and kept open for the life of the process.
    private static let blackHolePort = Result { () throws(LoopbackSocket.Failure) -> Int in
        let udp = try LoopbackSocket.bind(type: SOCK_DGRAM, port: 0)
        let port = LoopbackSocket.port(of: udp)
        let tcp = try LoopbackSocket.bind(type: SOCK_STREAM, port: port)
        listen(tcp, 16)
        return port
    }
}
