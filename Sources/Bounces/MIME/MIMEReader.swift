import ByteText

/// A single-pass MIME reader: finds every leaf part of a message in time linear in its size.
///
/// Boundaries are tracked on a stack, so a missing close delimiter, a wrong boundary or a
/// truncated message still yields the parts seen so far. Nesting deeper than `maxDepth` is
/// read as an opaque leaf instead of being descended into.
struct MIMEReader {
    static let maxDepth = 40
    static let maxHeaderLines = 2_000
    private static let plainText = ContentType(Array("text/plain".utf8))

    private let buffer: [UInt8]
    private let lines: [Range<Int>]

    /// Creates a reader over an LF-normalised buffer and its line ranges.
    init(buffer: [UInt8], lines: [Range<Int>]) {
        self.buffer = buffer
        self.lines = lines
    }

    /// Materialises header lines from `start`; returns the header block and the first body line index.
    func headers(from start: Int) -> (HeaderBlock, Int) {
        var block = HeaderBlock()
        var index = start
        var taken = 0
        while index < lines.count, taken < Self.maxHeaderLines {
            let range = lines[index]
            if range.isEmpty {
                index += 1
                break
            }
            let result = block.consume(buffer[range])
            if result == .blank {
                index += 1
                break
            }
            if result == .notHeader { break }
            taken += 1
            index += 1
        }
        return (block, index)
    }

    /// Reads the leaves of the body that starts at line `bodyStart`, given the top-level headers.
    func leaves(topHeaders: HeaderBlock, bodyStart: Int) -> [MIMELeaf] {
        let topType = ContentType(topHeaders.value("content-type"))
        let bodyRange = byteRange(fromLine: bodyStart, toLine: lines.count)
        let topLeaf = MIMELeaf(
            headers: topHeaders, contentType: topType,
            transferEncoding: topHeaders.lowered("content-transfer-encoding"),
            body: bodyRange, parentSubtype: "", depth: 0)
        guard topType.isMultipart, let boundary = topType.boundary else { return [topLeaf] }

        var found = [MIMELeaf]()
        var stack: [(boundary: [UInt8], subtype: String)] = [(Array(boundary.utf8), subtype(topType))]
        enum State { case skipping, partStart }
        var state = State.skipping
        var partHeaders: HeaderBlock?
        var partType = ContentType(nil as [UInt8]?)
        var partBodyStart = 0
        var index = bodyStart

        func closePart(at endLine: Int) {
            guard let headers = partHeaders, let parent = stack.last else { return }
            let type = partType
            found.append(
                MIMELeaf(
                    headers: headers,
                    contentType: type.mediaType.isEmpty ? Self.plainText : type,
                    transferEncoding: headers.lowered("content-transfer-encoding"),
                    body: byteRange(fromLine: partBodyStart, toLine: endLine),
                    parentSubtype: parent.subtype, depth: stack.count))
            partHeaders = nil
        }

        while index < lines.count {
            let range = lines[index]
            if range.count >= 3, buffer[range.lowerBound] == ASCII.hyphen, buffer[range.lowerBound + 1] == ASCII.hyphen,
                let (level, closing) = matchBoundary(range, stack)
            {
                closePart(at: index)
                stack.removeSubrange((level + 1)...)
                if closing {
                    stack.removeLast()
                    if stack.isEmpty { break }
                    state = .skipping
                } else {
                    state = .partStart
                }
                index += 1
                continue
            }
            if state == .partStart {
                let (headers, next) = self.headers(from: index)
                let type = ContentType(headers.value("content-type"))
                if type.isMultipart, let inner = type.boundary, stack.count < Self.maxDepth {
                    stack.append((Array(inner.utf8), subtype(type)))
                    state = .skipping
                } else {
                    partHeaders = headers
                    partType = type
                    partBodyStart = next
                    state = .skipping
                }
                // A part without headers starts its body on this very line.
                index = next
                continue
            }
            index += 1
        }
        closePart(at: lines.count)
        // A multipart whose boundary never appears is read as one plain body.
        if found.isEmpty {
            var plain = topLeaf
            plain.contentType = Self.plainText
            return [plain]
        }
        return found
    }

    private func subtype(_ type: ContentType) -> String {
        guard let slash = type.mediaType.utf8.firstIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(type.mediaType[type.mediaType.index(after: slash)...])
    }

    /// Checks a "--" line against the boundary stack, innermost first; returns the level and whether it closes.
    private func matchBoundary(_ range: Range<Int>, _ stack: [(boundary: [UInt8], subtype: String)]) -> (Int, Bool)? {
        let start = range.lowerBound + 2
        for level in stack.indices.reversed() {
            let boundary = stack[level].boundary
            guard range.upperBound - start >= boundary.count else { continue }
            var matches = true
            for offset in 0..<boundary.count where buffer[start + offset] != boundary[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            let rest = start + boundary.count
            let closing =
                rest + 1 < range.upperBound && buffer[rest] == ASCII.hyphen && buffer[rest + 1] == ASCII.hyphen
            // After the boundary only blanks (or "--" then blanks) may follow.
            var tail = closing ? rest + 2 : rest
            while tail < range.upperBound, ASCII.isWhitespace(buffer[tail]) { tail += 1 }
            if tail != range.upperBound { continue }
            return (level, closing)
        }
        return nil
    }

    private func byteRange(fromLine start: Int, toLine end: Int) -> Range<Int> {
        guard start < end, start < lines.count else {
            let position = start < lines.count ? lines[start].lowerBound : buffer.count
            return position..<position
        }
        return lines[start].lowerBound..<lines[min(end, lines.count) - 1].upperBound
    }
}
