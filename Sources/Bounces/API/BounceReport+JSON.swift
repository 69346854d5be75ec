import Sanitizer

/// A fast one-line JSON writer with the same keys as the `Codable` encoding.
///
/// Every string it writes is shown to someone (a gateway posts it, a terminal prints it), so each passes
/// through ``TextSanitizer`` first; strings of plain printable ASCII skip that after one quick scan.
extension BounceReport {
    /// The report as one line of JSON (the `explain --json` keys, ARCHITECTURE.md “Output contracts”), with `extraFields` first.
    ///
    /// `extraFields` are pre-encoded JSON values keyed by name, for example
    /// `[("file", "\"x.eml\"")]` or an `articles` array; use ``jsonString(_:)`` to encode strings.
    /// Much faster than `JSONEncoder` for bulk `explain --json` output; `nil` members are omitted.
    public func jsonLine(extraFields: [(key: String, json: String)] = []) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512 + recipients.count * 384)
        appendJSONLine(to: &bytes, extraFields: extraFields)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``jsonLine(extraFields:)`` (without a line break) to `buffer`, as UTF-8.
    public func appendJSONLine(to buffer: inout [UInt8], extraFields: [(key: String, json: String)] = []) {
        var out = JSONBytes()
        swap(&out.bytes, &buffer)
        defer { swap(&out.bytes, &buffer) }
        out.open()
        for field in extraFields {
            out.key(field.key)
            out.raw(field.json)
        }
        out.key("is_bounce")
        out.raw(isBounce ? "true" : "false")
        out.key("kind")
        out.string(kind.rawValue)
        if let reportingMTA {
            out.key("reporting_mta")
            out.string(reportingMTA)
        }
        out.key("recipients")
        out.raw("[")
        for (index, recipient) in recipients.enumerated() {
            if index > 0 { out.raw(",") }
            recipient.writeJSON(to: &out)
        }
        out.raw("]")
        if let originalMessageID {
            out.key("original_message_id")
            out.string(originalMessageID)
        }
        if let originalSubject {
            out.key("original_subject")
            out.string(originalSubject)
        }
        if let sender {
            out.key("sender")
            out.string(sender)
        }
        if let problem {
            out.key("problem")
            out.string(problem)
        }
        out.raw("}")
    }

    /// A JSON line for one input file: `{"file": name, …report…}`.
    public func jsonLine(file: String) -> String {
        jsonLine(extraFields: [("file", Self.jsonString(file))])
    }

    /// `text`, neutralised (``TextSanitizer``), as a JSON string literal (quotes, escapes for `"`, `\`,
    /// control characters; `/` is not escaped).
    public static func jsonString(_ text: String) -> String {
        let asIs =
            text.utf8.withContiguousStorageIfAvailable { !JSONBytes.needsEscape($0) && TextSanitizer.isPlain($0) }
            ?? false
        if asIs { return "\"" + text + "\"" }
        var out = JSONBytes()
        out.string(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

/// A UTF-8 byte buffer that JSON is written into.
struct JSONBytes {
    var bytes: [UInt8] = []
    /// Set once a member has been written to the current object.
    private var hasMember = false

    private static let hex = Array("0123456789abcdef".utf8)

    /// Appends pre-encoded JSON or punctuation.
    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Starts an object: `{`, with no member yet.
    mutating func open() {
        bytes.append(0x7B)
        hasMember = false
    }

    /// Appends `"name":`, preceded by a comma after the first member.
    mutating func key(_ name: String) {
        if hasMember { bytes.append(0x2C) }
        hasMember = true
        bytes.append(0x22)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [0x22, 0x3A])
    }

    /// Appends `text`, neutralised (``TextSanitizer``), as a JSON string literal.
    mutating func string(_ text: String) {
        bytes.append(0x22)
        // Text with nothing to escape or neutralise (most) goes out as it is, after two quick scans; other
        // text is neutralised if need be, then escaped byte by byte.
        let plain: Bool? =
            text.utf8.withContiguousStorageIfAvailable { source -> Bool? in
                let isPlain = TextSanitizer.isPlain(source)
                if isPlain && !Self.needsEscape(source) {
                    bytes.append(contentsOf: source)
                    return nil
                }
                return isPlain
            } ?? false
        if let plain {
            let shown = plain ? text : TextSanitizer.neutralize(text, maxLine: nil)
            for byte in shown.utf8 {
                switch byte {
                case 0x22, 0x5C:
                    bytes.append(0x5C)
                    bytes.append(byte)
                case 0x0A:
                    bytes.append(0x5C)
                    bytes.append(UInt8(ascii: "n"))
                case 0x0D:
                    bytes.append(0x5C)
                    bytes.append(UInt8(ascii: "r"))
                case 0x09:
                    bytes.append(0x5C)
                    bytes.append(UInt8(ascii: "t"))
                case 0..<0x20:
                    for escaped in [
                        0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)],
                    ] {
                        bytes.append(escaped)
                    }
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(0x22)
    }

    /// True when some byte must be escaped in a JSON string: a control byte, `"` or `\`.
    ///
    /// Reads 8 bytes at a time: a word has such a byte when one of its bytes is below 0x20 or, XORed
    /// with the quote or the backslash, becomes zero (the usual "has a byte less than n" word tricks).
    static func needsEscape(_ source: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasLess(_ word: UInt64, _ limit: UInt64) -> Bool {
            (word &- ones &* limit) & ~word & highs != 0
        }
        var index = 0
        if let base = source.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index &+ 8 <= source.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if hasLess(word, 0x20) || hasLess(word ^ (ones &* 0x22), 1) || hasLess(word ^ (ones &* 0x5C), 1) {
                    return true
                }
                index &+= 8
            }
        }
        while index < source.count {
            let byte = source[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            index += 1
        }
        return false
    }
}

extension BounceRecipient {
    /// The recipient as a JSON object with the `explain --json` keys.
    func jsonObject() -> String {
        var out = JSONBytes()
        writeJSON(to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Writes the recipient as a JSON object with the `explain --json` keys.
    func writeJSON(to out: inout JSONBytes) {
        out.open()
        out.key("address")
        out.string(address)
        out.key("action")
        out.string(action)
        out.key("status")
        out.string(status)
        out.key("replycode")
        out.string(replyCode)
        out.key("reason")
        out.string(reason)
        out.key("hardbounce")
        out.raw(hardBounce ? "true" : "false")
        out.key("remote_mta")
        out.string(remoteMTA)
        out.key("diagnostic")
        out.string(diagnostic)
        out.key("command")
        out.string(command)
        out.key("feedbacktype")
        out.string(feedbackType)
        out.key("remote_server")
        out.string(remoteServer)
        out.key("remote_ip")
        out.string(remoteIP)
        out.key("reporting_server")
        out.string(reportingServer)
        out.key("blocked_ip")
        out.string(blockedIP)
        out.key("sending_domain")
        out.string(sendingDomain)
        out.key("server_text")
        out.string(serverText)
        out.raw("}")
    }
}
