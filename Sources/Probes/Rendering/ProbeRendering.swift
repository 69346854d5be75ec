import MailModel
import Sanitizer

/// Plain-text rendering of probe results. A whole report renders with ``CheckRendering``; these add a
/// single line per probe and the transcripts for people who want to see what was said. What a server
/// said is shown through ``TextSanitizer``.
public enum ProbeRendering {
    /// One line: `SMTP  PASS  mx1.example.com:25 greeting in 12 ms, STARTTLS TLSv1.3, certificate ok`.
    public static func line(_ result: CheckResult) -> String {
        let name = result.id.rawValue.uppercased()
        let padded = name + String(repeating: " ", count: max(1, 11 - name.count))
        let status = result.status.rawValue.uppercased()
        return padded + status + String(repeating: " ", count: max(1, 6 - status.count))
            + TextSanitizer.neutralizeLine(result.summary)
    }

    /// The transcript of every connection in the result, each headed by `host:port`.
    public static func transcripts(_ result: CheckResult) -> String {
        var lines: [String] = []
        for (object, hostPort) in endpoints(of: result) {
            lines.append("--- \(hostPort)")
            for line in object["transcript"]?.arrayValue ?? [] {
                if let text = line.stringValue { lines.append(text) }
            }
        }
        return lines.isEmpty ? "" : TextSanitizer.neutralize(lines.joined(separator: "\n")) + "\n"
    }

    /// The stages of every connection as `stage outcome ms`, one connection per line.
    public static func stages(_ result: CheckResult) -> String {
        var lines: [String] = []
        for (object, hostPort) in endpoints(of: result) {
            let stages = (object["stages"]?.arrayValue ?? []).compactMap { stage -> String? in
                guard let item = stage.objectValue, let name = item["stage"]?.stringValue,
                    let outcome = item["outcome"]?.stringValue
                else { return nil }
                return "\(name) \(outcome)" + (item["ms"]?.intValue.map { " \($0) ms" } ?? "")
            }
            lines.append("\(hostPort)  " + stages.joined(separator: " → "))
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Every connection of the result (its `hosts`, then its `endpoints`) with its `host:port`, `?` for a
    /// missing part.
    private static func endpoints(of result: CheckResult) -> [(object: [String: JSONValue], hostPort: String)] {
        let endpoints = (result.data["hosts"]?.arrayValue ?? []) + (result.data["endpoints"]?.arrayValue ?? [])
        return endpoints.compactMap { endpoint in
            guard let object = endpoint.objectValue else { return nil }
            let host = object["host"]?.stringValue ?? "?"
            let port = object["port"]?.intValue.map(String.init) ?? "?"
            return (object, "\(host):\(port)")
        }
    }
}
