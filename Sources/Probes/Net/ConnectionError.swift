import Localization

/// What went wrong on the wire, independent of the protocol spoken. Reasons are texts for people: a
/// sentence of ours is translated, a system's or library's own words (already made safe) are kept as
/// they are.
enum ConnectionError: Error, Sendable, Equatable {
    /// The server actively refused the TCP connection (RST): nothing listens on the port.
    case refused
    /// The TCP connection was not established before the deadline (packets dropped or filtered).
    case connectTimeout
    /// The network or host is unreachable from here (no route).
    case unreachable(LocalizedText)
    /// The deadline passed while waiting for a complete line; `received` bytes of it had arrived.
    case timeout(received: Int)
    /// The server closed the connection; `received` bytes of an unfinished line had arrived.
    case closed(received: Int)
    /// The server reset the connection.
    case reset
    /// The server sent a line longer than `limit` bytes without ending it.
    case lineTooLong(limit: Int)
    /// The TLS handshake failed.
    case tls(LocalizedText)
    /// The probe was cancelled.
    case cancelled
    /// Any other I/O failure.
    case other(LocalizedText)
}
