/// The resolver could not be set up (bad `--resolver` value, c-ares initialisation failure).
public struct ResolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence shown to the user.
    public var message: String

    /// Creates an error with a user-readable message.
    public init(_ message: String) {
        self.message = message
    }

    /// The value as text, for logs and messages.
    public var description: String { message }
}
