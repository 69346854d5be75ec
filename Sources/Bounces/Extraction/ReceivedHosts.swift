import ByteText

/// Host names taken from the bounce's Received: header fields.
struct ReceivedHosts: Sendable {
    /// The oldest internet host found (scanning Received: fields backwards): where the bounce came from.
    let remote: String
    /// The newest internet host found (scanning forwards).
    let local: String

    /// Reads the Received: fields of a header block once.
    init(_ headers: HeaderBlock) {
        let values = headers.all("received")
        var local = ""
        var firstFound = values.endIndex
        for (index, value) in values.enumerated() {
            local = Self.fromHost(value)
            if !local.isEmpty {
                firstFound = index
                break
            }
        }
        var remote = ""
        for index in values.indices.reversed() where index >= firstFound {
            remote = index == firstFound ? local : Self.fromHost(values[index])
            if !remote.isEmpty { break }
        }
        self.local = local
        self.remote = remote
    }

    /// The "from" host of a Received: value, or the host in the comment after it; "" when neither is an internet host.
    static func fromHost(_ value: [UInt8]) -> String {
        // Words are runs of bytes between spaces and tabs; the first "from" word decides.
        let count = value.count
        func isSeparator(_ byte: UInt8) -> Bool { byte == ASCII.space || byte == ASCII.tab }
        /// The word starting at or after `position`, as a range, or nil.
        func word(from position: Int) -> Range<Int>? {
            var start = position
            while start < count, isSeparator(value[start]) { start += 1 }
            guard start < count else { return nil }
            var end = start
            while end < count, !isSeparator(value[end]) { end += 1 }
            return start..<end
        }
        var position = 0
        while let current = word(from: position) {
            position = current.upperBound
            guard current.count == 4, ASCII.lower(value[current.lowerBound]) == UInt8(ascii: "f"),
                ASCII.lower(value[current.lowerBound + 1]) == UInt8(ascii: "r"),
                ASCII.lower(value[current.lowerBound + 2]) == UInt8(ascii: "o"),
                ASCII.lower(value[current.lowerBound + 3]) == UInt8(ascii: "m"),
                let next = word(from: position)
            else { continue }
            let host = clean(value[next])
            if HostText.isHostName(host) { return host }
            if let third = word(from: next.upperBound), value[third.lowerBound] == UInt8(ascii: "(") {
                let comment = clean(value[third])
                if HostText.isHostName(comment) { return comment }
            }
            return ""
        }
        return ""
    }

    private static func clean(_ word: ArraySlice<UInt8>) -> String {
        let trimmed = word.filter {
            $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") && $0 != UInt8(ascii: "[")
                && $0 != UInt8(ascii: "]") && $0 != ASCII.semicolon && $0 != ASCII.lessThan && $0 != ASCII.greaterThan
        }
        return String(decoding: ASCII.lowercased(trimmed), as: UTF8.self)
    }
}
