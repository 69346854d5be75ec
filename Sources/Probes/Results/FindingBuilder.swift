import Localization
import Checks

/// Collects findings and data and builds a ``CheckResult`` whose status follows DESIGN.md: the worst
/// warn/error/fail, otherwise pass.
struct FindingBuilder {
    private(set) var findings: [Finding] = []
    var data: [String: JSONValue] = [:]

    mutating func add(_ code: String, _ severity: CheckStatus, _ message: String) {
        // Probe findings are not translated yet: they read in English in every language.
        findings.append(Finding(code: code, severity: severity, message: .verbatim(message)))
    }

    mutating func add(_ finding: Finding) {
        findings.append(finding)
    }

    func has(_ code: String) -> Bool {
        findings.contains { $0.code == code }
    }

    /// The result, findings ordered most severe first (stable within a severity).
    func result(_ id: CheckID, summary: String, elapsedMS: Int = 0) -> CheckResult {
        let ordered = findings.enumerated().sorted { left, right in
            left.element.severity.rank != right.element.severity.rank
                ? left.element.severity.rank > right.element.severity.rank : left.offset < right.offset
        }.map(\.element)
        return CheckResult(
            id: id, status: CheckStatus.overall(of: findings), summary: .verbatim(summary), findings: ordered, data: data,
            elapsedMS: elapsedMS)
    }
}
