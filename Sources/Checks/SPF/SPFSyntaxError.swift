/// A syntax error in an SPF record, with the 1-based character position where it was found.
public struct SPFSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based position in the record text (0 when not tied to a position).
    public var position: Int
    /// What is wrong, in words.
    public var message: String

    /// Creates an error.
    public init(position: Int, message: String) {
        self.position = position
        self.message = message
    }

    /// The value as text, for logs and messages.
    public var description: String {
        position > 0 ? "at position \(position): \(message)" : message
    }
}
