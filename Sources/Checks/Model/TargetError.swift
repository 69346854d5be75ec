/// A target or option the user typed that cannot be used, with a message saying why.
public struct TargetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence shown to the user.
    public var message: String

    /// Creates an error with a user-readable message.
    public init(_ message: String) {
        self.message = message
    }

    /// Creates an error with a user-readable message.
    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
