import ByteText
import Sanitizer

/// The value of one member of the bounce JSON.
package enum BounceJSONValue {
    /// A string, shown to someone (a gateway posts it, a terminal prints it).
    case string(String)
    /// `true` or `false`.
    case bool(Bool)
    /// The recipients, an array of objects.
    case recipients([BounceRecipient])
}

/// The shape of the bounce JSON, stated once: every encoding of a report (`explain --json` lines, the
/// `bounce` of `serve` replies and MCP results, `Codable`) walks these members.
extension BounceReport {
    /// Calls `body` with each member of the report's JSON object, in order; `nil` members are left out.
    package func forEachJSONMember(_ body: (String, BounceJSONValue) throws -> Void) rethrows {
        try body("is_bounce", .bool(isBounce))
        try body("kind", .string(kind.rawValue))
        if let reportingMTA { try body("reporting_mta", .string(reportingMTA)) }
        try body("recipients", .recipients(recipients))
        if let originalMessageID { try body("original_message_id", .string(originalMessageID)) }
        if let originalSubject { try body("original_subject", .string(originalSubject)) }
        if let sender { try body("sender", .string(sender)) }
        if let problem { try body("problem", .string(problem)) }
    }
}

extension BounceRecipient {
    /// Calls `body` with each member of the recipient's JSON object, in order.
    package func forEachJSONMember(_ body: (String, BounceJSONValue) throws -> Void) rethrows {
        try body("address", .string(address))
        try body("action", .string(action))
        try body("status", .string(status))
        try body("replycode", .string(replyCode))
        try body("reason", .string(reason))
        try body("hardbounce", .bool(hardBounce))
        try body("remote_mta", .string(remoteMTA))
        try body("diagnostic", .string(diagnostic))
        try body("command", .string(command))
        try body("feedbacktype", .string(feedbackType))
        try body("remote_server", .string(remoteServer))
        try body("remote_ip", .string(remoteIP))
        try body("reporting_server", .string(reportingServer))
        try body("blocked_ip", .string(blockedIP))
        try body("sending_domain", .string(sendingDomain))
        try body("server_text", .string(serverText))
    }
}

/// A coding key read from the members' names.
private struct MemberKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension BounceReport {
    /// Encodes the members of ``forEachJSONMember(_:)``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MemberKey.self)
        try forEachJSONMember { name, value in try container.encodeMember(name, value) }
    }
}

extension BounceRecipient {
    /// Encodes the members of ``forEachJSONMember(_:)``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: MemberKey.self)
        try forEachJSONMember { name, value in try container.encodeMember(name, value) }
    }
}

extension KeyedEncodingContainer<MemberKey> {
    fileprivate mutating func encodeMember(_ name: String, _ value: BounceJSONValue) throws {
        let key = MemberKey(stringValue: name)
        switch value {
        case .string(let text): try encode(text, forKey: key)
        case .bool(let flag): try encode(flag, forKey: key)
        case .recipients(let recipients): try encode(recipients, forKey: key)
        }
    }
}

/// A fast one-line JSON writer with the same keys as the `Codable` encoding.
///
/// Every string it writes is shown to someone (a gateway posts it, a terminal prints it), so each passes
/// through ``TextSanitizer`` first; strings of plain printable ASCII skip that after one quick scan.
extension BounceReport {
    /// The report as one line of JSON (the `explain --json` keys, ARCHITECTURE.md “Output contracts”), with
    /// `extraFields` first.
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
        var out = JSONWriter(capacity: 0)
        swap(&out.bytes, &buffer)
        defer { swap(&out.bytes, &buffer) }
        out.openObject()
        for field in extraFields {
            out.member(field.key)
            out.raw(field.json)
        }
        forEachJSONMember { name, value in
            out.member(name)
            out.shown(value)
        }
        out.closeObject()
    }

    /// A JSON line for one input file: `{"file": name, …report…}`.
    public func jsonLine(file: String) -> String {
        jsonLine(extraFields: [("file", Self.jsonString(file))])
    }

    /// `text`, neutralised (``TextSanitizer``), as a JSON string literal (quotes, escapes for `"`, `\`,
    /// control characters; `/` is not escaped).
    public static func jsonString(_ text: String) -> String {
        let asIs =
            text.utf8.withContiguousStorageIfAvailable { !JSONWriter.needsEscape($0) && TextSanitizer.isPlain($0) }
            ?? false
        if asIs { return "\"" + text + "\"" }
        var out = JSONWriter(capacity: text.utf8.count + 8)
        out.shownString(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

extension JSONWriter {
    /// Appends a member's value; strings neutralised (``TextSanitizer``).
    fileprivate mutating func shown(_ value: BounceJSONValue) {
        switch value {
        case .string(let text): shownString(text)
        case .bool(let flag): bool(flag)
        case .recipients(let recipients):
            raw("[")
            for (index, recipient) in recipients.enumerated() {
                if index > 0 { raw(",") }
                openObject()
                recipient.forEachJSONMember { name, value in
                    member(name)
                    shown(value)
                }
                closeObject()
            }
            raw("]")
        }
    }

    /// Appends `text`, neutralised (``TextSanitizer``), as a JSON string literal.
    fileprivate mutating func shownString(_ text: String) {
        // Text with nothing to escape or neutralise (most) goes out as it is, after two quick scans; other
        // text is neutralised if need be, then escaped.
        let plain: Bool? =
            text.utf8.withContiguousStorageIfAvailable { source -> Bool? in
                let isPlain = TextSanitizer.isPlain(source)
                if isPlain && !Self.needsEscape(source) {
                    bytes.append(UInt8(ascii: "\""))
                    bytes.append(contentsOf: source)
                    bytes.append(UInt8(ascii: "\""))
                    return nil
                }
                return isPlain
            } ?? false
        if let plain {
            string(plain ? text : TextSanitizer.neutralize(text, maxLine: nil), controls: .unicode)
        }
    }
}
