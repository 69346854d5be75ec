import Localization

/// The result of one live check: status, one-line summary, findings and structured data.
public struct CheckResult: Sendable, Codable, Equatable {
    /// Which check produced this result.
    public var id: CheckID
    /// The overall status: normally the worst finding's severity.
    public var status: CheckStatus
    /// One line for people, in English.
    public var summary: String
    /// The line with its values, to be shown in the reader's language (nil when decoded).
    public var summaryText: LocalizedText?
    /// The individual observations, most important first.
    public var findings: [Finding]
    /// Structured details (records, trees, addresses) for JSON consumers.
    public var data: [String: JSONValue]
    /// Wall-clock time the check took, in milliseconds.
    public var elapsedMS: Int

    /// Creates a result.
    public init(
        id: CheckID, status: CheckStatus, summary: LocalizedText, findings: [Finding] = [],
        data: [String: JSONValue] = [:], elapsedMS: Int = 0
    ) {
        self.id = id
        self.status = status
        self.summary = summary.english
        self.summaryText = summary
        self.findings = findings
        self.data = data
        self.elapsedMS = elapsedMS
    }

    enum CodingKeys: String, CodingKey {
        case id, status, summary, findings, data
        case elapsedMS = "elapsed_ms"
    }

    /// Results are equal when they say the same in English (a decoded one has no `summaryText`).
    public static func == (left: CheckResult, right: CheckResult) -> Bool {
        left.id == right.id && left.status == right.status && left.summary == right.summary
            && left.findings == right.findings && left.data == right.data && left.elapsedMS == right.elapsedMS
    }

    /// The result as shown in the language of the current reply (``Localizer/current``): its summary and
    /// findings translated.
    public func localized() -> CheckResult {
        guard Localizer.current.language != .english else { return self }
        var copy = self
        copy.summary = summaryText.map(tr) ?? summary
        copy.findings = findings.map { finding in
            var shown = finding
            shown.message = finding.localizedMessage
            return shown
        }
        return copy
    }

    /// Whether a finding with this code is present.
    public func has(_ code: FindingCode) -> Bool {
        findings.contains { $0.code == code }
    }
}
