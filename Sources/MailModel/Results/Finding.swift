import Localization

/// One observation a check made, with a stable code, a severity and a sentence for people.
public struct Finding: Sendable, Codable, Equatable, Hashable {
    /// A stable code such as `spf.too-many-lookups`; never renamed once shipped.
    public var code: FindingCode
    /// How serious the observation is.
    public var severity: CheckStatus
    /// A sentence a non-expert understands, in English.
    public var message: String
    /// The sentence with its values, to be shown in the reader's language (nil when decoded).
    public var text: LocalizedText?

    /// Creates a finding.
    public init(code: FindingCode, severity: CheckStatus, message: LocalizedText) {
        self.code = code
        self.severity = severity
        self.message = message.english
        self.text = message
    }

    /// The sentence in the language of the current reply (``Localizer/current``).
    public var localizedMessage: String { text.map(tr) ?? message }

    enum CodingKeys: String, CodingKey {
        case code, severity, message
    }

    /// Findings are equal when they say the same in English (a decoded one has no `text`).
    public static func == (left: Finding, right: Finding) -> Bool {
        left.code == right.code && left.severity == right.severity && left.message == right.message
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(severity)
        hasher.combine(message)
    }
}
