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

    /// The lines after the first one whose text starts with `start` (that line left out), each with its
    /// text; blank lines left out. Vendor formats read their recipients from there.
    static func lines(of lines: some Sequence<[UInt8]>, after start: String) -> some Sequence<
        (line: [UInt8], text: String)
    > {
        self.lines(of: lines, after: { $0.hasPrefix(start) })
    }

    /// The lines after the first one whose text passes `isStart` (that line left out), each with its text;
    /// blank lines left out. Read lazily: a loop that stops early decodes no more lines than it reads.
    static func lines(of lines: some Sequence<[UInt8]>, after isStart: @escaping (String) -> Bool) -> some Sequence<
        (line: [UInt8], text: String)
    > {
        lines.lazy.map { (line: $0, text: string($0)) }.drop { !isStart($0.text) }.dropFirst().filter {
            !$0.line.isEmpty
        }
    }

    /// The line as a String with tabs already spaces.
    @inline(__always)
    static func string(_ line: [UInt8]) -> String { String(decoding: line, as: UTF8.self) }
}
