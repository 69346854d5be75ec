import Sanitizer

/// Renders a check report for people (plain text) or programs (`check --json`, shape in ARCHITECTURE.md “Output contracts”).
///
/// Everything shown (target, summaries, finding messages) goes through ``TextSanitizer``: DNS records and
/// server replies are chosen by whoever runs the domain. `data` is written byte for byte, JSON-escaped.
public enum CheckRendering {
    /// Plain text: a line per check with its status word and summary, then its findings indented.
    ///
    ///     example.com
    ///     PASS   mx        10 mx1.example.com
    ///            - pass: Mail for example.com goes to … [mx.ok]
    public static func text(_ report: CheckReport) -> String {
        var lines = [TextSanitizer.neutralizeLine(report.target)]
        let width = max(8, (report.checks.map(\.id.rawValue.count).max() ?? 0) + 1)
        for check in report.checks.map({ $0.neutralized() }) {
            let word = check.status.rawValue.uppercased().padded(to: 6)
            lines.append(word + " " + check.id.rawValue.padded(to: width) + " " + check.summary)
            for finding in check.findings {
                let indent = String(repeating: " ", count: 7)
                let messageLines = finding.message.split(separator: "\n", omittingEmptySubsequences: false)
                let first = messageLines.first.map(String.init) ?? ""
                lines.append("\(indent)- \(finding.severity.rawValue): \(first) [\(finding.code)]")
                for continuation in messageLines.dropFirst() {
                    lines.append(indent + "  " + continuation)
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object: `{"target": …, "checks": [{"id", "status", "summary", "findings", "data", "elapsed_ms"}]}`.
    public static func json(_ report: CheckReport) -> String {
        var out = "{\"target\":"
        JSONValue.writeString(TextSanitizer.neutralize(report.target, maxLine: nil), to: &out)
        out += ",\"checks\":["
        for (index, check) in report.checks.enumerated() {
            if index > 0 { out += "," }
            out += json(check)
        }
        out += "]}"
        return out
    }

    /// One check result as a JSON object, keys in the documented order.
    public static func json(_ check: CheckResult) -> String {
        let check = check.neutralized()
        var out = "{"
        writeStrings(["id": check.id.rawValue, "status": check.status.rawValue, "summary": check.summary], to: &out)
        out += ",\"findings\":["
        for (index, finding) in check.findings.enumerated() {
            if index > 0 { out += "," }
            out += "{"
            writeStrings(
                ["code": finding.code.rawValue, "severity": finding.severity.rawValue, "message": finding.message],
                to: &out)
            out += "}"
        }
        out += "],\"data\":"
        JSONValue.object(check.data).write(to: &out)
        out += ",\"elapsed_ms\":\(check.elapsedMS)}"
        return out
    }

    /// Appends `"key":"value"` for each member, comma-separated (the keys need no escaping).
    private static func writeStrings(_ members: KeyValuePairs<String, String>, to out: inout String) {
        for (index, (key, value)) in members.enumerated() {
            out += index > 0 ? ",\"\(key)\":" : "\"\(key)\":"
            JSONValue.writeString(value, to: &out)
        }
    }
}

extension String {
    /// The string followed by spaces up to `width` characters.
    fileprivate func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
