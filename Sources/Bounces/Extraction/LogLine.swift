import Foundation

/// Reads one MTA log line (Postfix `to=<…>, relay=…, status=bounced (…)`, Exim `** addr … : 550 …`).
struct LogLine {
    var recipient = ""
    var relay = ""
    var status = ""
    var diagnosis = ""

    /// Parses a log line; nil when it is not a recognised log format.
    static func parse(_ text: String) -> LogLine? {
        if let to = text.range(of: "to=<"), let statusRange = text.range(of: "status=") {
            var line = LogLine()
            line.recipient = String(text[to.upperBound...].prefix { $0 != ">" })
            if let relay = text.range(of: "relay=") {
                line.relay = String(text[relay.upperBound...].prefix { $0 != "[" && $0 != "," && $0 != " " })
            }
            let after = text[statusRange.upperBound...]
            line.status = String(after.prefix { $0 != " " })
            if let open = after.utf8.firstIndex(of: UInt8(ascii: "(")),
                let close = after.utf8.lastIndex(of: UInt8(ascii: ")")), open < close
            {
                line.diagnosis = String(after[after.index(after: open)..<close])
            }
            return line
        }
        // Exim main log: "<id> ** kijitora@example.jp R=dnslookup T=remote_smtp H=mx.example.jp [192.0.2.1]: SMTP error …: 550 …"
        if let stars = text.range(of: " ** ") ?? text.range(of: " == ") {
            var line = LogLine()
            let after = text[stars.upperBound...]
            line.recipient = String(after.prefix { $0 != " " }).trimming("<>:")
            if let host = after.range(of: " H=") { line.relay = String(after[host.upperBound...].prefix { $0 != " " }) }
            if let colon = after.range(of: "]: ") { line.diagnosis = String(after[colon.upperBound...]) }
            line.status = text.contains(" ** ") ? "bounced" : "deferred"
            return AddressText.isEmailAddress(line.recipient) ? line : nil
        }
        return nil
    }
}
