/// The result of one live check: status, one-line summary, findings and structured data.
public struct CheckResult: Sendable, Codable, Equatable {
    /// Which check produced this result.
    public var id: CheckID
    /// The overall status: normally the worst finding's severity.
    public var status: CheckStatus
    /// One line for people.
    public var summary: String
    /// The individual observations, most important first.
    public var findings: [Finding]
    /// Structured details (records, trees, addresses) for JSON consumers.
    public var data: [String: JSONValue]
    /// Wall-clock time the check took, in milliseconds.
    public var elapsedMS: Int

    /// Creates a result.
    public init(
        id: CheckID, status: CheckStatus, summary: String, findings: [Finding] = [],
        data: [String: JSONValue] = [:], elapsedMS: Int = 0
    ) {
        self.id = id
        self.status = status
        self.summary = summary
        self.findings = findings
        self.data = data
        self.elapsedMS = elapsedMS
    }

    enum CodingKeys: String, CodingKey {
        case id, status, summary, findings, data
        case elapsedMS = "elapsed_ms"
    }

    /// Whether a finding with this code is present.
    public func has(_ code: String) -> Bool {
        findings.contains { $0.code == code }
    }
}
