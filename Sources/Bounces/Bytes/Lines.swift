#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Line handling: every input is normalised to LF first, then split into byte lines.
enum Lines {
    /// Rewrites CRLF and lone CR as LF in one linear pass.
    static func normaliseBreaks(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress, let firstHit = memchr(base, Int32(ASCII.cr), source.count) else {
                return input
            }
            let count = source.count
            let firstCR = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(firstHit))
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
    static func ranges(_ buffer: [UInt8], in range: Range<Int>? = nil) -> [Range<Int>] {
        let bounds = range ?? 0..<buffer.count
        var result = [Range<Int>]()
        result.reserveCapacity(bounds.count / 48 + 4)
        let end = bounds.upperBound
        var start = bounds.lowerBound
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
    static func split(_ buffer: [UInt8]) -> [[UInt8]] {
        ranges(buffer).map { Array(buffer[$0]) }
    }
}
