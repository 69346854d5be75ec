import ByteText

/// Helpers over a document's report lines shared by the recognisers.
enum ReportText {
    /// Boundaries that start a returned original in most formats.
    static let standardBoundaries = ["Content-Type: message/rfc822", "Content-Type: text/rfc822-headers"]

    /// Splits the report at the first line starting with any boundary: (bounce part, original part).
    static func split(_ lines: [[UInt8]], at boundaries: [String]) -> (ArraySlice<[UInt8]>, ArraySlice<[UInt8]>) {
        let needles = boundaries.map { Array($0.utf8) }
        for (index, line) in lines.enumerated() where needles.contains(where: { line.hasPrefixBytes($0) }) {
            return (lines[..<index], lines[(index + 1)...])
        }
        return (lines[...], [])
    }

    /// Header fields parsed from the lines of an inline original (leading blank lines skipped).
    static func originalHeaders(_ lines: ArraySlice<[UInt8]>) -> HeaderBlock? {
        guard !lines.isEmpty else { return nil }
        var collected = [[UInt8]]()
        var started = false
        for line in lines.prefix(3_000) {
            if !started && line.isBlankLine { continue }
            if !started && !HeaderBlock.isFieldStart(line) { return nil }
            started = true
            if line.isBlankLine { break }
            collected.append(line)
        }
        let block = HeaderBlock.parse(collected, from: 0).0
        return block.isEmpty ? nil : block
    }

    /// The line as a String with tabs already spaces.
    @inline(__always)
    /// The lines after the first one whose text starts with `start` (that line left out), each with its
    /// text; blank lines left out. Vendor formats read their recipients from there.
    static func lines(of lines: some Sequence<[UInt8]>, after start: String) -> [(line: [UInt8], text: String)] {
        var found: [(line: [UInt8], text: String)] = []
        var reading = false
        for line in lines {
            let text = string(line)
            if !reading {
                reading = text.hasPrefix(start)
                continue
            }
            if !line.isEmpty { found.append((line, text)) }
        }
        return found
    }

    static func string(_ line: [UInt8]) -> String { String(decoding: line, as: UTF8.self) }
}
