import Conversation
import Localization

/// What the serve loop needs from the engine: a message and a session in, the updated session and
/// a reply out, with progress reported on the way. `ConversationEngine` is the live one; tests
/// put stand-ins here (a slow one, one that never finishes).
public protocol MessageResponding: Sendable {
    /// Answers one message of a session. Cancellation means the server is shutting down.
    func respond(
        to message: String, in session: Session, progress: @escaping @Sendable (ProgressEvent) -> Void
    ) async -> (Session, Reply)

    /// The translations replies are rendered with.
    var strings: StringsTable { get }
}

extension MessageResponding {
    /// No translations: labels read in English.
    public var strings: StringsTable { .empty }
}

extension ConversationEngine: MessageResponding {}
