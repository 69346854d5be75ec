/// A parsed header block with bounded size: at most `maxFields` fields of `maxValueBytes` each.
struct HeaderBlock: Sendable {
    static let maxFields = 2_000
    static let maxValueBytes = 32_768

    private(set) var fields: [HeaderField] = []

    /// True when there is no field at all.
    var isEmpty: Bool { fields.isEmpty }

    /// Raw value of the first field called `name` (lower-case).
    func raw(_ name: String) -> [UInt8]? {
        let key = HeaderField.key(name)
        for field in fields where field.key == key && field.name == name { return field.value }
        return nil
    }

    /// Every raw value of the fields called `name` (lower-case), in order.
    func all(_ name: String) -> [[UInt8]] {
        let key = HeaderField.key(name)
        var values = [[UInt8]]()
        for field in fields where field.key == key && field.name == name { values.append(field.value) }
        return values
    }

    /// Decoded (RFC 2047, charset-converted) and trimmed value of the first field called `name`.
    func text(_ name: String) -> String? {
        guard let value = raw(name) else { return nil }
        return EncodedWords.decode(value).trimmedBytes().utf8String
    }

    /// Lower-cased, trimmed, undecoded value (for structured fields such as Content-Type).
    func lowered(_ name: String) -> String {
        guard let value = raw(name) else { return "" }
        return ASCII.lowercased(value.trimmedBytes()).utf8String
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
            guard !fields.isEmpty else { return .notHeader }
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
        guard fields.count < Self.maxFields else { return }
        if fields.isEmpty { fields.reserveCapacity(24) }
        let base = line.startIndex
        var nameEnd = base + colon
        while nameEnd > base, ASCII.isBlank(line[nameEnd - 1]) { nameEnd -= 1 }
        let name = Self.loweredName(line[base..<nameEnd])
        var valueStart = base + colon + 1
        while valueStart < line.endIndex, ASCII.isBlank(line[valueStart]) { valueStart += 1 }
        var valueEnd = Swift.min(line.endIndex, valueStart + Self.maxValueBytes)
        while valueEnd > valueStart, ASCII.isWhitespace(line[valueEnd - 1]) { valueEnd -= 1 }
        let value = valueStart < valueEnd ? Array(line[valueStart..<valueEnd]) : []
        let key =
            nameEnd > base
            ? HeaderField.key(
                count: nameEnd - base, first: ASCII.lower(line[base]), last: ASCII.lower(line[nameEnd - 1]))
            : 0
        fields.append(HeaderField(name: name, value: value, key: key))
    }

    /// The lower-cased field name as a String, built without an intermediate array.
    private static func loweredName(_ bytes: ArraySlice<UInt8>) -> String {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        guard ascii else { return String(decoding: ASCII.lowercased(bytes), as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { target in
            var index = 0
            for byte in bytes {
                target[index] = ASCII.lower(byte)
                index += 1
            }
            return index
        }
    }

    private mutating func appendContinuation(_ line: ArraySlice<UInt8>) {
        guard let last = fields.indices.last else { return }
        guard fields[last].value.count < Self.maxValueBytes else { return }
        var start = line.startIndex
        var end = line.endIndex
        while start < end, ASCII.isWhitespace(line[start]) { start += 1 }
        while end > start, ASCII.isWhitespace(line[end - 1]) { end -= 1 }
        guard start < end else { return }
        let room = Self.maxValueBytes - fields[last].value.count
        if !fields[last].value.isEmpty { fields[last].value.append(ASCII.space) }
        fields[last].value.append(contentsOf: line[start..<Swift.min(end, start + room)])
    }
}
