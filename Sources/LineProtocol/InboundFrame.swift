import Localization

/// A line a gateway sends to `maildoctor serve`.
public enum InboundFrame: Sendable, Equatable {
    /// A chat message from a user: `{"session": "s1", "id": "m1", "text": "…"}`; `type` may be
    /// omitted or `"message"`. An optional `"lang"` (`en`, `fr`, `de`, `es`, `it`, `pt`) makes the
    /// session answer in that language from this message on, whatever the text is written in.
    case message(session: String, id: String, text: String, lang: Language? = nil)
    /// Forget a session's state: `{"type": "reset", "session": "s1"}`. Ordered after the session's
    /// earlier messages; produces no output.
    case reset(session: String)
    /// A liveness check: `{"type": "ping", "id": "p1"}`, answered at once with a pong.
    case ping(id: String)
}
