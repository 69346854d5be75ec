import ByteText
import Foundation

/// One delivery attempt read from a mail server's log: a Postfix, Exim or Sendmail log line, or an
/// Exchange message tracking entry (a log row or `Get-MessageTrackingLog` output).
///
/// Formats, as pasted in public threads:
/// - Postfix: `postfix/smtp[592]: F180CB7A: to=<…>, relay=host[ip]:25, delay=5.5, delays=…, dsn=5.4.1,
///   status=bounced (host host[ip] said: 550 5.4.1 … (in reply to RCPT TO command))`
///   (sisimai/rb-sisimai issue #77; knadh/listmonk issue #2623).
/// - Exim main log: `… == addr R=dnslookup T=remote_smtp defer (113): No route to host H=host [ip]: …`
///   (hestiacp/hestiacp issue #3381) and `H=host [ip]: SMTP error from remote mail server after
///   RCPT TO:<addr>: 451 …` (tianon/dockerfiles issue #96); `** addr R=… T=… H=…: …` for a bounce.
/// - Sendmail: `sendmail[31574]: mBDIYhEa031574: to=<…>, delay=…, xdelay=…, mailer=esmtp, pri=41874,
///   relay=mail.example.com., dsn=4.0.0, stat=Deferred` (lists.centos.org, centos 2008-December
///   069432) and `stat=Sent (… Message accepted for delivery)` (Sendmail, 3rd Edition, "stat=").
/// - Exchange message tracking: `EventId : FAIL`, `Recipients : {…}`, `RecipientStatus :
///   {[{LRT=};{LED=550 5.1.1 RESOLVER.ADR.RecipNotFound; not found};{FQDN=};{IP=}]}`, and the log's CSV
///   rows with `…,FAIL,…,recipient,550 5.1.1 RESOLVER.ADR.RecipNotFound; not found,…` (Exchange docs,
///   "Search message tracking logs"; the field names of `Get-MessageTrackingLog`).
struct LogLine: Equatable {
    /// The log format a line was read as.
    enum Format: String {
        case postfix, exim, sendmail, exchange
    }

    var format: Format
    var recipients: [String] = []
    /// The remote host the log names (`relay=`, `H=`, an Exchange `FQDN=`).
    var relay = ""
    /// Its IP address, when given.
    var relayIP = ""
    /// `bounced`, `deferred`, `sent` (lower case).
    var status = ""
    /// The enhanced status code the log gives (`dsn=`), else "".
    var dsn = ""
    /// The reason text: the remote server's reply as the log quotes it, or the MTA's own words.
    var diagnosis = ""
    /// The host that wrote the log (the syslog host name, Exchange's server), else "".
    var reportingHost = ""

    /// Every log entry in `lines` (several lines, each possibly among a person's own words).
    static func all(in lines: [[UInt8]]) -> [LogLine] {
        var found: [LogLine] = []
        var keyValueLines = 0
        for line in lines {
            // Most lines of a paste are no log line: one pass over the bytes rules them out.
            let shape = line.withByteView(Self.shape)
            if shape.keyValue { keyValueLines += 1 }
            if shape.candidate, let entry = parse(ReportText.string(line)) { found.append(entry) }
        }
        if keyValueLines >= 3 { found += exchangeBlocks(lines.map(ReportText.string)) }
        return found
    }

    /// Whether a line may be a log line (it has `=`, `**`, or an upper-case `FAIL` or `DEFER`), and whether
    /// it may be a "Key : value" line of `Get-MessageTrackingLog` output.
    static func shape(_ line: String) -> (candidate: Bool, keyValue: Bool) {
        Array(line.utf8).withByteView(shape)
    }

    /// ``shape(_:)`` of a line's bytes.
    static func shape(_ bytes: ByteView) -> (candidate: Bool, keyValue: Bool) {
        var candidate = false
        var keyValue = false
        var previous: UInt8 = 0
        var upperRun = 0
        for byte in bytes {
            if byte == UInt8(ascii: "=") {
                candidate = true
            } else if byte == UInt8(ascii: "*") && previous == UInt8(ascii: "*") {
                candidate = true
            } else if byte == UInt8(ascii: ":") && previous == UInt8(ascii: " ") {
                keyValue = true
            }
            upperRun = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? upperRun + 1 : 0
            if upperRun >= 4 { candidate = true }
            previous = byte
        }
        return (candidate, keyValue)
    }

    /// The sender a log names for the message (`from=<…>` of Postfix and Sendmail, Exim's `<= addr`), else "".
    static func sender(in lines: [[UInt8]]) -> String {
        for bytes in lines where bytes.contains(UInt8(ascii: "=")) || bytes.contains(UInt8(ascii: "<")) {
            let line = ReportText.string(bytes)
            if let range = line.rangeOfBytes(" from=<") ?? line.rangeOfBytes(": from=") {
                let value = line[range.upperBound...].prefix { $0 != ">" && $0 != "," && $0 != " " }
                let address = AddressText.clean(String(value))
                if AddressText.isEmailAddress(address) { return address }
            }
            if let range = line.rangeOfBytes(" <= ") {
                let address = AddressText.clean(String(line[range.upperBound...].prefix { $0 != " " }))
                if AddressText.isEmailAddress(address) { return address }
            }
        }
        return ""
    }

    /// Parses one line; nil when it is not a delivery line of a known log format.
    static func parse(_ text: String) -> LogLine? {
        if text.containsBytes("status="), text.containsBytes("to=") { return postfix(text) }
        if text.containsBytes("stat="), text.containsBytes("to=") { return sendmail(text) }
        if text.containsBytes(" ** ") || text.containsBytes(" == ") { return exim(text) }
        return exchangeRow(text)
    }

    // MARK: - Postfix

    static func postfix(_ text: String) -> LogLine? {
        guard let found = keyValueLine(text, format: .postfix, statusKey: "status") else { return nil }
        var line = found.line
        let statusValue = found.status
        line.status = String(statusValue.prefix { $0 != " " && $0 != "(" }).asciiLowercased
        line.diagnosis = parenthesised(statusValue)
        line.reportingHost = syslogHost(text, program: "postfix")
        return line
    }

    // MARK: - Sendmail

    static func sendmail(_ text: String) -> LogLine? {
        guard let found = keyValueLine(text, format: .sendmail, statusKey: "stat") else { return nil }
        var line = found.line
        let stat = found.status
        let word = stat.asciiLowercased
        if word.hasPrefix("sent") {
            line.status = "sent"
        } else if word.hasPrefix("deferred") || word.hasPrefix("queued") || line.dsn.hasPrefix("4.") {
            line.status = "deferred"
        } else {
            line.status = "bounced"
        }
        // "Deferred: 451 4.7.1 …", "User unknown", "Sent (id Message accepted for delivery)"; a `reply=`
        // field, when the log has one, is the server's reply as it was.
        var reason = stat
        if let colon = stat.rangeOfBytes(": "), stat[..<colon.lowerBound].allSatisfy({ $0.isLetter }) {
            reason = String(stat[colon.upperBound...])
        } else if line.status == "sent" {
            reason = parenthesised(stat).isEmpty ? stat : parenthesised(stat)
        }
        if let reply = found.fields["reply"], !reply.isEmpty { reason = reply }
        line.diagnosis = reason
        line.reportingHost = syslogHost(text, program: "sendmail")
        return line
    }

    // MARK: - Exim

    static func exim(_ text: String) -> LogLine? {
        let marker = text.rangeOfBytes(" ** ") ?? text.rangeOfBytes(" == ")
        guard let marker else { return nil }
        var line = LogLine(format: .exim)
        line.status = text[marker].containsBytes("*") ? "bounced" : "deferred"
        let after = text[marker.upperBound...]
        let first = String(after.prefix { $0 != " " }).trimming("<>:")
        guard AddressText.isEmailAddress(first) else { return nil }
        line.recipients = [first]
        if let host = after.rangeOfBytes(" H=") {
            let rest = after[host.upperBound...]
            if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                line.relayIP = Roles.ipText(String(rest[rest.index(after: rest.startIndex)..<close]))
            } else {
                (line.relay, line.relayIP) = Roles.hostAndIP(rest)
            }
        }
        // The reason: after "defer (n): " up to " H=", or what follows the host ("…]: SMTP error …"),
        // or what follows the address ("** bob@example.org: Unrouteable address").
        if let deferral = after.rangeOfBytes("defer (") ?? after.rangeOfBytes("defer: "),
            let colon = after[deferral.upperBound...].rangeOfBytes(": ")
        {
            var reason = after[colon.upperBound...]
            if let host = reason.rangeOfBytes(" H=") {
                let tail = reason[host.upperBound...]
                if let quoted = tail.rangeOfBytes("]: "), tail[quoted.upperBound...].contains(where: \.isNumber),
                    tail[quoted.upperBound...].containsBytes("error")
                {
                    reason = tail[quoted.upperBound...]
                } else {
                    reason = reason[..<host.lowerBound]
                }
            }
            line.diagnosis = String(reason)
        } else if let quoted = after.rangeOfBytes("]: ") {
            line.diagnosis = String(after[quoted.upperBound...])
        } else if let colon = after.rangeOfBytes(": ") {
            line.diagnosis = String(after[colon.upperBound...])
        }
        line.diagnosis = line.diagnosis.trimmingCharactersBlank()
        return line
    }

    // MARK: - Exchange message tracking

    /// A one-line Exchange entry: a tracking log row (CSV) or a table row of `Get-MessageTrackingLog`.
    static func exchangeRow(_ text: String) -> LogLine? {
        let upper = text.uppercased()
        let event: String
        if upper.containsBytes(",FAIL,") || upper.rangeOfBytes(" FAIL ") != nil || upper.hasPrefix("FAIL ") {
            event = "bounced"
        } else if upper.containsBytes(",DEFER,") || upper.rangeOfBytes(" DEFER ") != nil || upper.hasPrefix("DEFER ") {
            event = "deferred"
        } else {
            return nil
        }
        let reason = exchangeReason(text)
        guard !reason.isEmpty else { return nil }
        var line = LogLine(format: .exchange)
        line.status = event
        line.diagnosis = reason
        if text.containsBytes(",") && !text.containsBytes("{") {
            // CSV: the recipient-address field follows the event id and the message ids.
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimming("\" ")
            }
            if let eventIndex = fields.firstIndex(where: { $0.uppercased() == "FAIL" || $0.uppercased() == "DEFER" }) {
                line.recipients = fields[(eventIndex + 1)...].lazy.filter { !$0.hasPrefix("<") }
                    .flatMap { addresses($0) }.prefix(1).map { $0 }
                if eventIndex >= 4 {
                    let server = Roles.hostName(fields[4])
                    line.reportingHost = server.isEmpty ? fields[4].asciiLowercased : server
                }
            }
        } else {
            // Table rows put the recipients in braces: {bob@example.org, carol@example.org}.
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                let inside = rest[rest.index(after: open)..<close]
                if !inside.containsBytes("=") { line.recipients += addresses(String(inside)) }
                rest = rest[rest.index(after: close)...]
            }
        }
        (line.relay, line.relayIP) = exchangeRemote(text)
        return line.recipients.isEmpty ? nil : line
    }

    /// `Get-MessageTrackingLog | Format-List` output: "Key : value" lines, one block per event.
    static func exchangeBlocks(_ lines: [String]) -> [LogLine] {
        var result: [LogLine] = []
        var block: [String: String] = [:]
        var lastKey = ""
        func flush() {
            defer {
                block = [:]
                lastKey = ""
            }
            guard let event = block["eventid"]?.uppercased(), event == "FAIL" || event == "DEFER" else { return }
            let status = block["recipientstatus"] ?? ""
            let reason = exchangeReason(status)
            var line = LogLine(format: .exchange)
            line.status = event == "FAIL" ? "bounced" : "deferred"
            line.diagnosis = reason
            line.recipients = addresses((block["recipients"] ?? "").trimming("{}"))
            line.reportingHost = Roles.hostName(block["serverhostname"] ?? "")
            if line.reportingHost.isEmpty { line.reportingHost = (block["serverhostname"] ?? "").asciiLowercased }
            (line.relay, line.relayIP) = exchangeRemote(status)
            if !line.recipients.isEmpty { result.append(line) }
        }
        for raw in lines {
            let text = raw.trimmingCharactersBlank()
            guard let colon = text.rangeOfBytes(" : ") ?? text.rangeOfBytes(": "),
                text[..<colon.lowerBound].trimmingCharactersBlank().allSatisfy({ $0.isLetter || $0.isNumber })
            else {
                if text.isEmpty {
                    flush()
                } else if !lastKey.isEmpty, text.hasPrefix("{") || raw.hasPrefix("   ") {
                    block[lastKey, default: ""] += text  // a wrapped value
                }
                continue
            }
            let key = text[..<colon.lowerBound].trimmingCharactersBlank().lowercased()
            if key == "timestamp" || (key == "eventid" && block["eventid"] != nil) { flush() }
            block[key] = text[colon.upperBound...].trimmingCharactersBlank()
            lastKey = key
        }
        flush()
        return result
    }

    /// The reason of an Exchange entry: `LED=…` of RecipientStatus, else the "550 5.1.1 …" text.
    static func exchangeReason(_ text: String) -> String {
        if let led = text.rangeOfBytes("LED=") {
            return String(text[led.upperBound...].prefix { $0 != "}" }).trimmingCharactersBlank()
        }
        let bytes = Array(text.utf8)
        var index = 0
        while index + 8 < bytes.count {
            if ASCII.isDigit(bytes[index]), ASCII.isDigit(bytes[index + 1]), ASCII.isDigit(bytes[index + 2]),
                bytes[index + 3] == ASCII.space, bytes[index] == UInt8(ascii: "4") || bytes[index] == UInt8(ascii: "5"),
                index == 0 || !ASCII.isAlnum(bytes[index - 1]),
                ASCII.isDigit(bytes[index + 4]), bytes[index + 5] == ASCII.dot
            {
                var end = index
                while end < bytes.count, bytes[end] != UInt8(ascii: "}"), bytes[end] != UInt8(ascii: ","),
                    bytes[end] != UInt8(ascii: "\"")
                {
                    end += 1
                }
                return String(decoding: bytes[index..<end], as: UTF8.self).trimmingCharactersBlank()
            }
            index += 1
        }
        return ""
    }

    /// `{FQDN=mx.example.org};{IP=192.0.2.1}` of an Exchange RecipientStatus.
    static func exchangeRemote(_ text: String) -> (String, String) {
        func value(_ key: String) -> String {
            guard let range = text.rangeOfBytes("{" + key + "=") else { return "" }
            return String(text[range.upperBound...].prefix { $0 != "}" }).trimmingCharactersBlank()
        }
        return (Roles.hostName(value("FQDN")), Roles.ipText(value("IP")))
    }

    // MARK: - Pieces

    /// What Postfix and Sendmail lines share: their `key=value` fields, the recipients of `to=` (nil when
    /// there are none), `relay=`, `dsn=` when it is a status code, and the value of `statusKey`.
    static func keyValueLine(_ text: String, format: Format, statusKey: String)
        -> (line: LogLine, status: String, fields: [String: String])?
    {
        let fields = keyValues(text)
        guard let to = fields["to"], let status = fields[statusKey] else { return nil }
        var line = LogLine(format: format)
        line.recipients = addresses(to)
        guard !line.recipients.isEmpty else { return nil }
        (line.relay, line.relayIP) = relay(fields["relay"] ?? "")
        line.dsn = StatusCode.isValid(fields["dsn"] ?? "") ? fields["dsn"] ?? "" : ""
        return (line, status, fields)
    }

    /// `key=value` fields of a Postfix or Sendmail line: a value runs to ", " (a list of addresses keeps
    /// its bare commas); `status=` and `stat=` take the rest of the line.
    static func keyValues(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            let keyStart =
                rest[..<equals].lastIndex { $0 == " " || $0 == "," }.map { rest.index(after: $0) } ?? rest.startIndex
            let key = String(rest[keyStart..<equals]).lowercased()
            let valueStart = rest.index(after: equals)
            if key == "status" || key == "stat" {
                var value = String(rest[valueStart...]).trimmingCharactersBlank()
                // Sendmail may log `stat=` before other fields only in odd set-ups; cut a trailing field list.
                if key == "stat", !value.hasPrefix("Sent"), let next = value.rangeOfBytes(", reply=") {
                    fields["reply"] = String(value[next.upperBound...])
                    value = String(value[..<next.lowerBound])
                }
                if fields[key] == nil { fields[key] = value }
                break
            }
            let end = rest[valueStart...].rangeOfBytes(", ")?.lowerBound ?? rest.endIndex
            if fields[key] == nil, key.allSatisfy({ $0.isLetter || $0 == "_" }), !key.isEmpty {
                fields[key] = String(rest[valueStart..<end])
            }
            rest = rest[end...]
        }
        return fields
    }

    /// The addresses of a `to=` value: `<a@b>`, `a@b,c@d`, `<a@b>,<c@d>`.
    static func addresses(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " }).map { AddressText.clean(String($0)) }.filter {
            AddressText.isEmailAddress($0)
        }
    }

    /// Host and IP of a `relay=` value: `mx.b.com[1.2.3.4]:25`, `mx.b.com[2001:db8::1]:25`,
    /// `mail.example.com. [192.0.2.1]`, `[192.0.2.1]`, `none`, `local`.
    static func relay(_ value: String) -> (String, String) {
        let text = Substring(value.trimmingCharactersBlank())
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            return ("", Roles.ipText(String(text[text.index(after: text.startIndex)..<close])))
        }
        let found = Roles.hostAndIP(text)
        if !found.host.isEmpty { return found }
        return ("", "")
    }

    /// The text inside the outermost parentheses ("bounced (host … said: … (in reply to …))"), else "".
    static func parenthesised(_ text: String) -> String {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
            return ""
        }
        return String(text[text.index(after: open)..<close])
    }

    /// The syslog host before `program/…[pid]:` or `program[pid]:` ("Dec  6 10:12:01 mail postfix/smtp[1]:").
    static func syslogHost(_ text: String, program: String) -> String {
        let tokens = text.split(separator: " ")
        guard let index = tokens.firstIndex(where: { $0.hasPrefix(program + "/") || $0.hasPrefix(program + "[") }),
            index > 0
        else { return "" }
        let host = String(tokens[index - 1]).asciiLowercased
        guard host.allSatisfy({ HostText.isHostByte($0.asciiValue ?? 0) }), host.contains(where: \.isLetter),
            !host.containsBytes(":")
        else { return "" }
        return host
    }
}
