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
        let words = value.split(whereSeparator: { $0 == ASCII.space || $0 == ASCII.tab })
        for (index, word) in words.enumerated() where index + 1 < words.count && word.count == 4 {
            guard ASCII.lowercased(word) == Array("from".utf8) else { continue }
            let host = clean(words[index + 1])
            if HostText.isHostName(host) { return host }
            if index + 2 < words.count, words[index + 2].first == UInt8(ascii: "(") {
                let comment = clean(words[index + 2])
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
