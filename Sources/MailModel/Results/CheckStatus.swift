/// The outcome of a check or the severity of one finding.
///
/// `error` means the check could not determine the answer (timeout, SERVFAIL, refused…);
/// it is never reported as `pass` or `fail`.
public enum CheckStatus: String, Sendable, Codable, Hashable, CaseIterable {
    case pass, info, warn, fail, error

    /// Orders statuses by how much attention they need: pass < info < warn < error < fail.
    ///
    /// A definite failure outranks "could not determine" because it is actionable.
    public var rank: Int {
        switch self {
        case .pass: 0
        case .info: 1
        case .warn: 2
        case .error: 3
        case .fail: 4
        }
    }

    /// The worst status of a list of findings, or `pass` when there is none.
    public static func worst(of findings: [Finding]) -> CheckStatus {
        findings.map(\.severity).max { $0.rank < $1.rank } ?? .pass
    }

    /// The status a check reports for its findings: the worst warn/error/fail; otherwise `pass` when
    /// something passed, `info` when there are only remarks, `pass` when there is nothing at all.
    public static func overall(of findings: [Finding]) -> CheckStatus {
        let worst = worst(of: findings)
        if worst == .info && findings.contains(where: { $0.severity == .pass }) { return .pass }
        return worst
    }
}
