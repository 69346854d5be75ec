import Foundation
import Synchronization

/// A user name and a way to get the password, for a login test. The password is asked for only when a
/// login is actually attempted (after TLS), is sent only over TLS, and never enters a transcript or result.
struct LoginCredentials: Sendable {
    var user: String
    var password: @Sendable () -> String?

    /// SASL PLAIN initial response: base64 of NUL user NUL password.
    static func plainResponse(user: String, password: String) -> String {
        Data(([0] + Array(user.utf8) + [0] + Array(password.utf8))).base64EncodedString()
    }

    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// Whether text can be sent on a protocol line (no CR, LF or NUL).
    static func isLineSafe(_ text: String) -> Bool {
        !text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }
    }
}

/// Asks for the password at most once per probe, however many ports need it, and only when a login
/// is actually attempted.
final class PasswordOnce: Sendable {
    private let source: @Sendable () -> String?
    private let state = Mutex<(asked: Bool, value: String?)>((false, nil))

    init(_ source: @escaping @Sendable () -> String?) {
        self.source = source
    }

    func value() -> String? {
        state.withLock { state in
            if !state.asked {
                state.asked = true
                state.value = source()
            }
            return state.value
        }
    }
}
