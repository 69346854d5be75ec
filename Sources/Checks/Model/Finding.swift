/// One observation of a check: a stable machine code, its severity and a sentence for people.
public struct Finding: Sendable, Codable, Equatable, Hashable {
    /// A stable code such as `spf.too-many-lookups`; never renamed once shipped.
    public var code: String
    /// How serious the observation is.
    public var severity: CheckStatus
    /// A sentence a non-expert understands.
    public var message: String

    /// Creates a finding.
    public init(code: String, severity: CheckStatus, message: String) {
        self.code = code
        self.severity = severity
        self.message = message
    }
}
