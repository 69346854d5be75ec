import Localization
import MailModel

/// Collects findings and data and builds a ``CheckResult`` whose status follows `CheckStatus.overall(of:)`
/// (ARCHITECTURE.md, “Output contracts”).
struct FindingBuilder {
    private(set) var findings: [Finding] = []
    var data: [String: JSONValue] = [:]

    mutating func add(_ code: FindingCode, _ severity: CheckStatus, _ message: LocalizedText) {
        findings.append(Finding(code: code, severity: severity, message: message))
    }

    mutating func add(_ finding: Finding) {
        findings.append(finding)
    }

    func has(_ code: FindingCode) -> Bool {
        findings.contains { $0.code == code }
    }

    /// The result, findings ordered most severe first (stable within a severity).
    func result(_ id: CheckID, summary: LocalizedText, elapsedMS: Int = 0) -> CheckResult {
        let ordered = findings.enumerated().sorted { left, right in
            left.element.severity.rank != right.element.severity.rank
                ? left.element.severity.rank > right.element.severity.rank : left.offset < right.offset
        }.map(\.element)
        return CheckResult(
            id: id, status: CheckStatus.overall(of: findings), summary: summary, findings: ordered, data: data,
            elapsedMS: elapsedMS)
    }
}

extension Finding {
    /// The message as a text to translate (a decoded finding has only its English).
    var messageText: LocalizedText { text ?? .verbatim(message) }

    /// The finding with its message replaced, in English and in its translatable text alike.
    func with(message: LocalizedText) -> Finding {
        Finding(code: code, severity: severity, message: message)
    }
}

extension LocalizedText {
    /// How the items of a list are separated; a template each, so that a translation can use its own
    /// punctuation (French writes a space before a semicolon).
    enum ListSeparator {
        /// "a, b, c".
        case comma
        /// "a; b; c".
        case semicolon
    }

    /// Texts that each stand on their own (summary phrases, endpoints) as one list; empty for none.
    static func list(_ items: [LocalizedText], separator: ListSeparator = .comma) -> LocalizedText {
        guard var joined = items.first else { return "" }
        for item in items.dropFirst() {
            switch separator {
            case .comma: joined = L("\(joined), \(item)")
            case .semicolon: joined = L("\(joined); \(item)")
            }
        }
        return joined
    }
}
