/// All check results for one target, as printed by `maildoctor check`.
public struct CheckReport: Sendable, Codable, Equatable {
    /// The target as the user gave it (normalised).
    public var target: String
    /// The results, in display order.
    public var checks: [CheckResult]

    /// Creates a report.
    public init(target: String, checks: [CheckResult]) {
        self.target = target
        self.checks = checks
    }
}
