import Localization
import Sanitizer

/// Size limits on what one check reports, so a record built to be huge (a 51 KB TXT record) cannot make a
/// reply huge. Each cut says so where it happens.
public enum CheckLimits {
    /// The most characters of one finding's message.
    public static let messageCharacters = 1_000
    /// The most characters of a summary line.
    public static let summaryCharacters = 300
    /// The most characters of one string in `data` (a TXT record, a banner).
    public static let dataStringCharacters = 2_048
    /// The most MX hosts examined (by preference); the rest are counted, not looked up.
    public static let mxHosts = 10

    /// `text` cut to `limit` characters, with a note of how much there was; unchanged when short enough.
    public static func cut(_ text: String, to limit: Int, what: String = "characters") -> String {
        guard text.utf8.count > limit else { return text }
        let total = text.count
        guard total > limit else { return text }
        return String(text.prefix(limit)) + "… [showing \(limit.grouped) of \(total.grouped) \(what)]"
    }
}

extension CheckResult {
    /// The result with its summary, messages and data strings cut to ``CheckLimits``.
    public func bounded() -> CheckResult {
        var copy = self
        copy.summary = CheckLimits.cut(summary, to: CheckLimits.summaryCharacters)
        // A cut text is shown as cut, in English: its translation would carry the whole value again.
        if copy.summary != summary { copy.summaryText = .verbatim(copy.summary) }
        copy.findings = findings.map { finding in
            var finding = finding
            finding.message = CheckLimits.cut(finding.message, to: CheckLimits.messageCharacters)
            if finding.message != finding.text?.english { finding.text = .verbatim(finding.message) }
            return finding
        }
        copy.data = data.mapValues { $0.bounded() }
        return copy
    }

    /// The result as it may be shown: summary and finding messages through ``TextSanitizer``.
    ///
    /// `data` is left byte for byte: it is data, not text to show, and JSON escaping is applied when it is
    /// written.
    public func neutralized() -> CheckResult {
        var copy = self
        copy.summary = TextSanitizer.neutralize(summary, maxLine: nil)
        copy.findings = findings.map { finding in
            var finding = finding
            finding.code = FindingCode(rawValue: TextSanitizer.neutralize(finding.code.rawValue, maxLine: nil))
            finding.message = TextSanitizer.neutralize(finding.message, maxLine: nil)
            return finding
        }
        return copy
    }
}

extension JSONValue {
    /// The value with every string longer than ``CheckLimits/dataStringCharacters`` cut.
    func bounded() -> JSONValue {
        switch self {
        case .string(let text): .string(CheckLimits.cut(text, to: CheckLimits.dataStringCharacters))
        case .array(let values): .array(values.map { $0.bounded() })
        case .object(let members): .object(members.mapValues { $0.bounded() })
        case .null, .bool, .int, .double: self
        }
    }
}
