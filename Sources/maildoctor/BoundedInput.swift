import ByteText
import Conversation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads standard input or a file up to `InputLimit.bytes`, never holding more: the limit is
/// applied while reading, so a 2 GB paste costs at most the limit in memory.
enum BoundedInput {
    /// What was read.
    struct Content {
        /// The bytes, at most the limit.
        var bytes: [UInt8]
        /// Whether there was more than the limit (the rest was not read).
        var truncated: Bool
    }

    /// The limit in force: `InputLimit.bytes`, or `MAILDOCTOR_INPUT_LIMIT` bytes when that is set
    /// to a smaller positive number (for tests that must not pipe 64 MB).
    static let limit: Int = {
        if let value = getenv("MAILDOCTOR_INPUT_LIMIT"), let number = Int(String(cString: value)), number > 0 {
            return min(number, InputLimit.bytes)
        }
        return InputLimit.bytes
    }()

    /// Reads standard input up to the limit; nil when the read fails. Says on stderr when the input
    /// was longer than the limit (`name` says which input: "stdin").
    static func standardInput() -> Content? {
        let content = read(descriptor: STDIN_FILENO, sizeHint: 0)
        if let content, content.truncated { warnTruncated("stdin") }
        return content
    }

    /// The warning for an input cut at the limit.
    static func warnTruncated(_ name: String) {
        let size = InputLimit.describe(limit)
        Log.warning("\(name) is over \(size): only the first \(size) were read")
    }

    /// Reads `descriptor` until end of file or the limit; nil when a read fails. `sizeHint` (a
    /// file's size, or 0) sets the first allocation.
    static func read(descriptor: Int32, sizeHint: Int) -> Content? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(max(sizeHint, 1 << 16), limit))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let got = FileDescriptorIO.read(descriptor, into: &chunk, count: wanted)
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return nil }
            if got == 0 { return Content(bytes: bytes, truncated: false) }
            if bytes.count + got > bytes.capacity {
                // Grow by doubling, but never past the limit (appending would double past it).
                bytes.reserveCapacity(min(limit, max(bytes.capacity * 2, bytes.count + got)))
            }
            bytes.append(contentsOf: chunk[..<got])
        }
        // At the limit: one more byte tells whether anything was left.
        var extra: [UInt8] = [0]
        while true {
            let got = FileDescriptorIO.read(descriptor, into: &extra, count: 1)
            if got < 0 && errno == EINTR { continue }
            return Content(bytes: bytes, truncated: got > 0)
        }
    }
}
