import Checks
import MailModel

extension CheckResult {
    /// The codes of all findings, in order.
    package var codes: [String] { findings.map(\.code.rawValue) }

    /// The first finding with `code`, if any.
    package func finding(_ code: String) -> Finding? {
        findings.first { $0.code.rawValue == code }
    }
}
