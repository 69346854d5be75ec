import Localization
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ConnectionError {
    /// Classifies an error raised by SwiftNIO or swift-nio-ssl.
    init(_ error: any Error) {
        switch error {
        case let known as ConnectionError:
            self = known
        case let io as IOError:
            self = ConnectionError(errno: io.errnoCode, fallback: "\(io)")
        case let channel as ChannelError:
            switch channel {
            case .connectTimeout: self = .connectTimeout
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed: self = .closed(received: 0)
            default: self = .other(ConnectionError.systemText("\(channel)"))
            }
        case let connection as NIOConnectionError:
            if let first = connection.connectionErrors.first {
                self = ConnectionError(first.error)
            } else {
                self = .other(ConnectionError.systemText("\(connection)"))
            }
        case let ssl as NIOSSLError:
            switch ssl {
            case .uncleanShutdown: self = .closed(received: 0)
            case .handshakeFailed(let inner): self = .tls(ConnectionError.describe(inner))
            default: self = .tls(.verbatim("\(ssl)"))
            }
        case let boring as BoringSSLError:
            self = .tls(ConnectionError.describe(boring))
        case is CancellationError:
            self = .cancelled
        default:
            self = .other(ConnectionError.systemText("\(error)"))
        }
    }

    private init(errno code: CInt, fallback: String) {
        switch code {
        case ECONNREFUSED: self = .refused
        case ECONNRESET, EPIPE: self = .reset
        case ETIMEDOUT: self = .connectTimeout
        case ENETUNREACH: self = .unreachable(L("the network is unreachable"))
        case EHOSTUNREACH: self = .unreachable(L("there is no route to the host"))
        case EADDRNOTAVAIL:
            self = .unreachable(L("this computer has no address to reach it from (for example no IPv6)"))
        default: self = .other(ConnectionError.systemText(fallback))
        }
    }

    /// A system's or library's description of an error, made safe to show and kept as it is.
    private static func systemText(_ text: String) -> LocalizedText {
        .verbatim(SafeText.clean(text))
    }

    /// BoringSSL's error stack in a sentence: "certificate verify failed", "wrong version number"… (its
    /// own words, kept as they are).
    private static func describe(_ error: BoringSSLError) -> LocalizedText {
        let text = "\(error)"
        // The description looks like: sslError([Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED]).
        let reasons = text.split(separator: ":").compactMap { part -> String? in
            let word = part.prefix { $0 != "]" && $0 != "," && $0 != ")" }
            guard word.count > 3, word.allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) else { return nil }
            return String(word.map { $0 == "_" ? " " : $0 }).lowercased()
        }
        if let last = reasons.last { return .verbatim(last) }
        switch error {
        case .syscallError: return L("the connection failed during the handshake")
        case .zeroReturn: return L("the server closed the connection during the handshake")
        default: return .verbatim(text)
        }
    }
}
