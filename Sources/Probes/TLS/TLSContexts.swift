import NIOCore
import NIOSSL

/// The TLS client context shared by every probe: built once, accepts any certificate (the probes
/// inspect certificates themselves) and allows TLS 1.0 so old servers can be reported, not just failed.
enum TLSContexts {
    private static let shared: Result<NIOSSLContext, any Error> = Result {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv1
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates([])
        // Closing waits for the server's close_notify; a silent server must not hold a probe past its deadline.
        configuration.shutdownTimeout = .milliseconds(250)
        return try NIOSSLContext(configuration: configuration)
    }

    /// The shared client context.
    static func client() throws -> NIOSSLContext {
        try shared.get()
    }
}
