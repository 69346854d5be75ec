#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Line handling: every input is normalised to LF first, then split into byte lines.
package enum Lines {
    /// Rewrites CRLF and lone CR as LF in one linear pass.
    package static func normaliseBreaks(_ input: [UInt8]) -> [UInt8] {
        // Unsafe: the source buffer lives for the closure; every read is below `count`.
        input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress, let firstHit = memchr(base, Int32(ASCII.cr), source.count) else {
                return input
            }
            let count = source.count
            let firstCR = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(firstHit))
            // Unsafe: the output never grows past the input (a CR or CRLF becomes one LF), so `count` bytes suffice.
            return [UInt8](unsafeUninitializedCapacity: count) { target, written in
                guard let targetBase = target.baseAddress else { return }
                // Copy the runs between CRs with memcpy; each CR (or CRLF) becomes one LF.
                var out = 0
                var index = 0
                var nextCR = firstCR
                while true {
                    let run = nextCR - index
                    if run > 0 { memcpy(targetBase + out, base + index, run) }
                    out += run
                    index = nextCR
                    guard index < count else { break }
                    targetBase[out] = ASCII.lf
                    out += 1
                    index += 1
                    if index < count, base[index] == ASCII.lf { index += 1 }
                    if index >= count { break }
                    if let hit = memchr(base + index, Int32(ASCII.cr), count - index) {
                        nextCR = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                    } else {
                        nextCR = count
                    }
                }
                written = out
            }
        }
    }

    /// Byte ranges of the lines of an LF-normalised buffer, without the LF.
    package static func ranges(_ buffer: [UInt8], in range: Range<Int>? = nil) -> [Range<Int>] {
        let bounds = range ?? 0..<buffer.count
        var result = [Range<Int>]()
        result.reserveCapacity(bounds.count / 48 + 4)
        let end = bounds.upperBound
        var start = bounds.lowerBound
        // Unsafe: memchr reads [start, end), inside the buffer, which lives for the closure.
        buffer.withUnsafeBufferPointer { pointer in
            guard let base = pointer.baseAddress else { return }
            while start < end {
                guard let hit = memchr(base + start, Int32(ASCII.lf), end - start) else { break }
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                result.append(start..<offset)
                start = offset + 1
            }
        }
        if start < end { result.append(start..<end) }
        return result
    }

    /// Splits an LF-normalised buffer into line copies.
    package static func split(_ buffer: [UInt8]) -> [[UInt8]] {
        ranges(buffer).map { Array(buffer[$0]) }
    }

    /// The lines of `text` (LF-normalised), tabs read as spaces, appended to `lines` as copies.
    package static func appendDetabbed(_ text: [UInt8], ranges: [Range<Int>], to lines: inout [[UInt8]]) {
        // Unsafe: the source buffer lives for the closure and every range lies inside it.
        text.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress, memchr(base, Int32(ASCII.tab), source.count) != nil else {
                // No tab anywhere: every line is a plain copy.
                for range in ranges { lines.append(Array(UnsafeBufferPointer(rebasing: source[range]))) }
                return
            }
            for range in ranges {
                // Unsafe: exactly `range.count` bytes are written into a buffer of that capacity.
                let line = [UInt8](unsafeUninitializedCapacity: range.count) { target, written in
                    var out = 0
                    for index in range {
                        let byte = source[index]
                        target[out] = byte == ASCII.tab ? ASCII.space : byte
                        out += 1
                    }
                    written = out
                }
                lines.append(line)
            }
        }
    }
}
