import Localization

/// The one live check that would confirm a bounce explanation.
public struct SuggestedCheck: Sendable, Equatable {
    /// Check ids to run (`["spf", "dkim", "dmarc"]`, `["dnsbl"]`, `["mx"]`, `["ptr"]`, `["domain", "mx"]`).
    public var checkIDs: [String]
    /// What to check: a domain or an IP address; "" when the bounce does not name it (ask the user).
    public var target: String
    /// One sentence on why this check, in English.
    public var why: String { whyText.english }
    /// The sentence, to be shown in the reader's language.
    public var whyText: LocalizedText

    /// Creates a suggested check.
    public init(checkIDs: [String], target: String, why: LocalizedText) {
        self.checkIDs = checkIDs
        self.target = target
        self.whyText = why
    }
}
