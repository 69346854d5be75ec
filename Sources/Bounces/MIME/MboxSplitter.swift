import ByteText

/// Splits an mbox file (several messages, each starting with a "From " line) into messages.
enum MboxSplitter {
    /// Upper bound on messages read from one input.
    static let maxMessages = 1_000

    /// Byte ranges of the messages; one range covering everything when the input is a single message.
    static func split(_ bytes: [UInt8]) -> [Range<Int>] {
        let from = Array("From ".utf8)
        guard bytes.count > 5, Array(bytes.prefix(5)) == from else { return [0..<bytes.count] }
        var starts = [0]
        var index = 0
        let count = bytes.count
        // A new message starts at an mbox "From sender date" line followed by a header field.
        while let hit = ByteSearch.find([ASCII.lf] + from, in: bytes, from: index) {
            let lineStart = hit + 1
            if isFromLine(bytes, lineStart), looksLikeHeaderAfter(bytes, lineStart) {
                starts.append(lineStart)
                if starts.count >= maxMessages { break }
            }
            index = lineStart
            if index >= count { break }
        }
        var ranges = [Range<Int>]()
        for (position, start) in starts.enumerated() {
            let end = position + 1 < starts.count ? starts[position + 1] : count
            ranges.append(start..<end)
        }
        return ranges
    }

    /// True for "From sender Www Mmm dd hh:mm:ss yyyy" (a time and a four-digit year after the sender).
    private static func isFromLine(_ bytes: [UInt8], _ start: Int) -> Bool {
        var end = start
        while end < bytes.count, end - start < 300, bytes[end] != ASCII.lf { end += 1 }
        let line = bytes[start..<end]
        var hasTime = false
        var hasYear = false
        var index = line.startIndex
        while index + 7 < line.endIndex {
            if ASCII.isDigit(line[index]), ASCII.isDigit(line[index + 1]), line[index + 2] == ASCII.colon,
                ASCII.isDigit(line[index + 3]), ASCII.isDigit(line[index + 4]), line[index + 5] == ASCII.colon
            {
                hasTime = true
            }
            index += 1
        }
        var run = 0
        for byte in line {
            if ASCII.isDigit(byte) {
                run += 1
            } else {
                if run == 4 { hasYear = true }
                run = 0
            }
        }
        if run == 4 { hasYear = true }
        return hasTime && hasYear
    }

    /// True when the line after the "From " line at `start` is a header field.
    private static func looksLikeHeaderAfter(_ bytes: [UInt8], _ start: Int) -> Bool {
        guard let lineEnd = ByteSearch.find([ASCII.lf], in: bytes, from: start) else { return false }
        let next = lineEnd + 1
        var end = next
        while end < bytes.count, end - next < 200, bytes[end] != ASCII.lf { end += 1 }
        guard next < end else { return false }
        var line = Array(bytes[next..<end])
        if line.last == ASCII.cr { line.removeLast() }
        return HeaderBlock.isFieldStart(line)
    }
}
