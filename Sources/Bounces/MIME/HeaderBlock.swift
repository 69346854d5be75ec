import ByteText

/// A parsed header block with bounded size: at most `maxFields` fields of `maxValueBytes` each.
///
/// The lower-cased names and unfolded values of all fields sit back to back in one byte array, so a
/// block costs two allocations however many fields it has; values are copied out only when asked for.
struct HeaderBlock: Sendable {
    static let maxFields = 2_000
    static let maxValueBytes = 32_768

    /// Where one field's lower-cased name and unfolded value sit in `bytes`.
    private struct Span: Sendable {
        /// Start of the name; the name ends where the value starts.
        let nameStart: Int
        /// Start of the value.
        let valueStart: Int
        /// End of the value (continuation lines move it for the last field).
        var valueEnd: Int
        /// `NameKey` of the name.
        let key: UInt64
    }

    private var bytes: [UInt8] = []
    private var spans: [Span] = []

    /// True when there is no field at all.
    var isEmpty: Bool { spans.isEmpty }

    /// Number of fields.
    var count: Int { spans.count }

    /// Raw value of the first field called `name` (lower-case).
    func raw(_ name: String) -> [UInt8]? {
        value(name).map { Array($0) }
    }

    /// Raw value of the first field called `name` (lower-case), as a slice of the block's storage.
    func value(_ name: String) -> ArraySlice<UInt8>? {
        let key = NameKey.of(name)
        for span in spans where span.key == key && hasName(span, name) {
            return bytes[span.valueStart..<span.valueEnd]
        }
        return nil
    }

    /// Every raw value of the fields called `name` (lower-case), in order.
    func all(_ name: String) -> [[UInt8]] {
        let key = NameKey.of(name)
        var values = [[UInt8]]()
        for span in spans where span.key == key && hasName(span, name) {
            values.append(Array(bytes[span.valueStart..<span.valueEnd]))
        }
        return values
    }

    /// True when the block has a field called `name` (lower-case).
    func has(_ name: String) -> Bool {
        let key = NameKey.of(name)
        return spans.contains { $0.key == key && hasName($0, name) }
    }

    /// Number of fields whose name is one of `names`.
    func count(named names: HeaderNames) -> Int {
        var hits = 0
        for span in spans where names.contains(key: span.key, name: bytes[span.nameStart..<span.valueStart]) {
            hits += 1
        }
        return hits
    }

    /// True when every field's name is one of `names` (and so when there is no field).
    func allNamed(_ names: HeaderNames) -> Bool {
        spans.allSatisfy { names.contains(key: $0.key, name: bytes[$0.nameStart..<$0.valueStart]) }
    }

    /// Decoded (RFC 2047, charset-converted) and trimmed value of the first field called `name`.
    func text(_ name: String) -> String? {
        guard let value = raw(name) else { return nil }
        return EncodedWords.decode(value).trimmedBytes().utf8String
    }

    /// Lower-cased, trimmed, undecoded value (for structured fields such as Content-Type).
    func lowered(_ name: String) -> String {
        guard var value = value(name) else { return "" }
        while let first = value.first, ASCII.isWhitespace(first) { value.removeFirst() }
        while let last = value.last, ASCII.isWhitespace(last) { value.removeLast() }
        return ASCII.lowercased(value).utf8String
    }

    /// True when the span's name is `name`; the caller has compared keys, so the lengths agree.
    @inline(__always)
    private func hasName(_ span: Span, _ name: String) -> Bool {
        ByteSearch.matches(name, in: bytes, at: span.nameStart)
    }

    /// True when `line` looks like the start of a header field (`Name: value`).
    static func isFieldStart(_ line: [UInt8]) -> Bool {
        fieldNameEnd(line[...]) != nil
    }

    /// Offset (from the line start) of the colon ending a valid field name, if the line starts a field.
    static func fieldNameEnd(_ line: [UInt8]) -> Int? { fieldNameEnd(line[...]) }

    /// Offset (from the slice start) of the colon ending a valid field name, if the line starts a field.
    static func fieldNameEnd(_ line: ArraySlice<UInt8>) -> Int? {
        let base = line.startIndex
        var index = base
        let limit = base + Swift.min(line.count, 80)
        while index < limit {
            let byte = line[index]
            if byte == ASCII.colon { return index > base ? index - base : nil }
            // Field names are printable ASCII without space or colon; allow trailing blanks before ":".
            if byte == ASCII.space || byte == ASCII.tab {
                var look = index
                while look < limit, ASCII.isBlank(line[look]) { look += 1 }
                return (look < limit && line[look] == ASCII.colon && index > base) ? look - base : nil
            }
            if byte < 0x21 || byte > 0x7E { return nil }
            index += 1
        }
        return nil
    }

    /// What one header line did to the block.
    enum LineResult {
        /// The line was a field or a continuation.
        case consumed
        /// A blank line: the header block ends after it.
        case blank
        /// Neither field nor continuation: the header block ends before it.
        case notHeader
    }

    /// Adds one header line (a field start or a continuation line) to the block.
    mutating func consume(_ line: ArraySlice<UInt8>) -> LineResult {
        var blank = true
        for byte in line where !ASCII.isWhitespace(byte) {
            blank = false
            break
        }
        if blank { return .blank }
        if ASCII.isBlank(line[line.startIndex]) {
            // Continuation of the previous field.
            guard !spans.isEmpty else { return .notHeader }
            appendContinuation(line)
            return .consumed
        }
        guard let colon = Self.fieldNameEnd(line) else { return .notHeader }
        append(line, colon: colon)
        return .consumed
    }

    /// Parses header lines starting at `lines[start]`; returns the block and the index after the blank line.
    ///
    /// Parsing stops at the first blank line, or at the first line that is neither a field nor a
    /// continuation (that line then starts the body).
    static func parse(_ lines: [[UInt8]], from start: Int) -> (HeaderBlock, Int) {
        var block = HeaderBlock()
        var index = start
        while index < lines.count {
            switch block.consume(lines[index][...]) {
            case .blank: return (block, index + 1)
            case .notHeader: return (block, index)
            case .consumed: index += 1
            }
        }
        return (block, index)
    }

    /// Parses a header block from raw LF-separated bytes (used for returned originals).
    static func parse(bytes: [UInt8]) -> HeaderBlock {
        var block = HeaderBlock()
        var started = false
        for range in Lines.ranges(bytes) {
            let line = bytes[range]
            let result = block.consume(line)
            if result == .blank && !started { continue }
            started = true
            if result != .consumed { break }
        }
        return block
    }

    private mutating func append(_ line: ArraySlice<UInt8>, colon: Int) {
        guard spans.count < Self.maxFields else { return }
        if spans.isEmpty {
            spans.reserveCapacity(24)
            bytes.reserveCapacity(1_024)
        }
        let base = line.startIndex
        var nameEnd = base + colon
        while nameEnd > base, ASCII.isBlank(line[nameEnd - 1]) { nameEnd -= 1 }
        var valueStart = base + colon + 1
        while valueStart < line.endIndex, ASCII.isBlank(line[valueStart]) { valueStart += 1 }
        var valueEnd = Swift.min(line.endIndex, valueStart + Self.maxValueBytes)
        while valueEnd > valueStart, ASCII.isWhitespace(line[valueEnd - 1]) { valueEnd -= 1 }
        let key =
            nameEnd > base
            ? NameKey.of(
                count: nameEnd - base, first: ASCII.lower(line[base]), last: ASCII.lower(line[nameEnd - 1]))
            : 0
        let nameStart = bytes.count
        bytes.append(contentsOf: line[base..<nameEnd])
        for index in nameStart..<bytes.count { bytes[index] = ASCII.lower(bytes[index]) }
        let storedValueStart = bytes.count
        if valueStart < valueEnd { bytes.append(contentsOf: line[valueStart..<valueEnd]) }
        spans.append(Span(nameStart: nameStart, valueStart: storedValueStart, valueEnd: bytes.count, key: key))
    }

    /// Folded lines join the last field's value with one space; the last value always ends `bytes`.
    private mutating func appendContinuation(_ line: ArraySlice<UInt8>) {
        guard let last = spans.indices.last else { return }
        let length = spans[last].valueEnd - spans[last].valueStart
        guard length < Self.maxValueBytes else { return }
        var start = line.startIndex
        var end = line.endIndex
        while start < end, ASCII.isWhitespace(line[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(line[end - 1]) { end -= 1 }
        guard start < end else { return }
        let room = Self.maxValueBytes - length
        if length > 0 { bytes.append(ASCII.space) }
        bytes.append(contentsOf: line[start..<Swift.min(end, start + room)])
        spans[last].valueEnd = bytes.count
    }
}

/// A fixed list of lower-case header field names, matched against a block's fields without building Strings.
struct HeaderNames: Sendable {
    private let entries: [(key: UInt64, name: [UInt8])]

    /// Creates the list; `names` must be lower-case.
    init(_ names: [String]) {
        entries = names.map { (NameKey.of($0), Array($0.utf8)) }
    }

    /// True when the name (lower-case bytes) with key `key` is in the list.
    func contains(key: UInt64, name: ArraySlice<UInt8>) -> Bool {
        entries.contains { $0.key == key && $0.name.elementsEqual(name) }
    }
}
