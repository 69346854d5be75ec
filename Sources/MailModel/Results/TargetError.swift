import Localization

/// A target (domain, IP, host:port, check name) that cannot be checked, with a sentence that says why.
public struct TargetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence shown to the user, in English.
    public var message: String
    /// The sentence, to be shown in the reader's language.
    public var text: LocalizedText

    /// Creates an error with a user-readable message.
    public init(_ message: LocalizedText) {
        self.message = message.english
        self.text = message
    }

    /// Creates an error with a user-readable message.
    public init(message: LocalizedText) {
        self.init(message)
    }

    /// Errors are equal when they say the same in English.
    public static func == (left: TargetError, right: TargetError) -> Bool { left.message == right.message }

    /// The value as text, for logs and messages.
    public var description: String { message }
}
