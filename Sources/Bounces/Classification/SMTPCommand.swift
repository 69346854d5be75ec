import ByteText

/// SMTP command names: validation and finding the last command named in an error message.
enum SMTPCommand {
    static let available = [
        "HELO", "EHLO", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP", "VRFY", "ETRN", "EXPN", "HELP",
        "AUTH", "STARTTLS", "XFORWARD", "CONN",
    ]
    /// Commands sent before DATA (content filters cannot have acted yet).
    static let beforeData: Set<String> = ["CONN", "EHLO", "HELO", "MAIL", "RCPT"]
    private static let detectable = [
        "HELO", "EHLO", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "AUTH CRAM-", "AUTH DIGEST-", "MAIL F",
        "RCPT", "RCPT T", "DATA", "QUIT", "XFORWARD",
    ]

    /// True when the argument contains a known command name.
    static func isValid(_ command: String) -> Bool {
        guard command.utf8.count >= 4 else { return false }
        return available.contains { command.containsBytes($0) }
    }

    /// Every name searched for: `available` (any of them makes a text name a command), then `detectable`.
    private static let needles: [[UInt8]] = (available + detectable).map { Array($0.utf8) }

    /// Indices into `needles` by their first byte.
    private static let needlesByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, needle) in needles.enumerated() { table[Int(needle[0])].append(index) }
        return table
    }()

    /// True for the bytes some name starts with.
    private static let startsName: [Bool] = needlesByFirstByte.map { !$0.isEmpty }

    /// The last SMTP command named in `text` (upper case as written), or "".
    ///
    /// One pass over the bytes finds the first occurrence of every name; the rules then run on those.
    static func find(_ text: String) -> String {
        guard text.utf8.count >= 4 else { return "" }
        let first =
            text.utf8.withContiguousByteView(firstOccurrences(in:))
            ?? Array(text.utf8).withByteView(firstOccurrences(in:))
        guard first[..<available.count].contains(where: { $0 >= 0 }) else { return "" }
        let bytes = Array(text.utf8)
        var found = [String]()
        for (offset, word) in detectable.enumerated() {
            let hit = first[available.count + offset]
            guard hit >= 0 else { continue }
            let length = needles[available.count + offset].count
            if !word.utf8.contains(ASCII.space) {
                // Skip names inside words or addresses (DATABASE@EXAMPLE.JP).
                let before = hit > 0 ? bytes[hit - 1] : ASCII.space
                let after = hit + length < bytes.count ? bytes[hit + length] : ASCII.space
                if ASCII.isAlnum(before) || before == ASCII.at || ASCII.isAlnum(after) || after == ASCII.at { continue }
            }
            var name = String(word.prefix(4))
            if found.contains(where: { $0.hasPrefix(name) }) { continue }
            if name == "STAR" { name = "STARTTLS" }
            if name == "XFOR" { name = "XFORWARD" }
            found.append(name)
        }
        return found.last ?? ""
    }

    /// The offset of the first occurrence of each of `needles` in `bytes`, or -1.
    private static func firstOccurrences(in bytes: ByteView) -> [Int] {
        var first = [Int](repeating: -1, count: needles.count)
        var missing = needles.count
        let starts = startsName
        var position = 0
        while position < bytes.count && missing > 0 {
            guard starts[Int(bytes[position])] else {
                position += 1
                continue
            }
            for index in needlesByFirstByte[Int(bytes[position])] where first[index] < 0 {
                let needle = needles[index]
                guard position + needle.count <= bytes.count else { continue }
                var offset = 1
                while offset < needle.count, bytes[position + offset] == needle[offset] { offset += 1 }
                if offset == needle.count {
                    first[index] = position
                    missing -= 1
                }
            }
            position += 1
        }
        return first
    }
}
