import Localization

/// A plain-language explanation of a bounce: what happened, whose side, what to do, where to read more.
public struct BounceAdvice: Sendable, Equatable {
    /// What happened, in one sentence.
    public var summary: String
    /// Whose side the problem is on.
    public var side: BounceSide
    /// Concrete next steps, most useful first.
    public var whatToDo: [String]
    /// Knowledge-base article ids, most relevant first.
    public var articleIDs: [String]
    /// The one live check that would confirm the explanation, when there is one.
    public var check: SuggestedCheck?
    /// `summary`, to be shown in the reader's language.
    public var summaryText: LocalizedText
    /// `whatToDo`, to be shown in the reader's language.
    public var whatToDoText: [LocalizedText]
    /// The reason explained: the reader's, or the one the server's words name when they are specific
    /// (`speeding` for a 4.7.0 "too many messages"; `deferred` and `greylisted` exist only here).
    public var reason = ""
    /// Whether the server's own words decided `reason` ("relay access denied", "too many messages"): its
    /// articles then come before those of the reply code.
    public var decidedByWords = false
    /// What went wrong in a few plain words, as the advice reads it; nil when it cannot say.
    public var reasonInWordsText: LocalizedText?
    /// Whether the advice is written for the person the failed mail was sent to (their own address).
    public var forRecipient = false

    /// Creates advice.
    public init(
        summary: LocalizedText, side: BounceSide, whatToDo: [LocalizedText], articleIDs: [String],
        check: SuggestedCheck?
    ) {
        self.summary = summary.english
        self.side = side
        self.whatToDo = whatToDo.map(\.english)
        self.articleIDs = articleIDs
        self.check = check
        summaryText = summary
        whatToDoText = whatToDo
    }
}
