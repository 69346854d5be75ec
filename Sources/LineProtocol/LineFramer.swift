import ByteText

/// Splits a byte stream into lines at `\n`, whatever the chunking, never holding more than the
/// line limit: a longer line is reported once and skipped up to the next newline.
public struct LineFramer: Sendable {
    /// What the framer found.
    public enum Event: Equatable, Sendable {
        /// A complete line, without its `\n` (a trailing `\r` is kept: JSON treats it as space).
        case line([UInt8])
        /// A line longer than the limit was skipped; `bytes` is how many were dropped so far
        /// when it was detected (at least `limit + 1`).
        case tooLong(bytes: Int)
    }

    /// The longest line accepted, newline excluded.
    public let limit: Int
    private var partial: [UInt8] = []
    private var skipping = false

    /// Creates a framer; the default limit is 1 MiB.
    public init(limit: Int = 1 << 20) {
        self.limit = max(1, limit)
    }

    /// Bytes held for an unfinished line (at most `limit`): what a test checks to see that a long
    /// line is not kept in memory.
    public var bufferedByteCount: Int { partial.count }

    /// Whether the framer is skipping the rest of an overlong line.
    public var isSkipping: Bool { skipping }

    /// Feeds a chunk; calls `body` for each event, in order.
    public mutating func feed(_ chunk: some Collection<UInt8>, _ body: (Event) throws -> Void) rethrows {
        if let done = try chunk.withContiguousStorageIfAvailable({ try feed(buffer: ByteView($0), body) }) {
            return done
        }
        let copy = Array(chunk)
        try copy.withByteView { try feed(buffer: $0, body) }
    }

    /// Ends the stream: a last line without a newline is still a line.
    public mutating func finish(_ body: (Event) throws -> Void) rethrows {
        defer {
            partial = []
            skipping = false
        }
        if skipping { return }
        if !partial.isEmpty { try body(.line(partial)) }
    }

    private mutating func feed(buffer: ByteView, _ body: (Event) throws -> Void) rethrows {
        var start = 0
        let count = buffer.count
        while start < count {
            let rest = buffer[start..<count]
            guard let offset = rest.firstIndex(of: UInt8(ascii: "\n")) else {
                append(rest)
                if !skipping, partial.count > limit {
                    let dropped = partial.count
                    partial = []
                    skipping = true
                    try body(.tooLong(bytes: dropped))
                }
                return
            }
            let lineEnd = start + offset  // `rest` is rebased: its indices start at 0
            let piece = buffer[start..<lineEnd]
            start = lineEnd + 1
            if skipping {
                skipping = false
                continue
            }
            if partial.count + piece.count > limit {
                let dropped = partial.count + piece.count
                partial = []
                try body(.tooLong(bytes: dropped))
                continue
            }
            if partial.isEmpty {
                try body(.line(piece.array))
            } else {
                partial.append(bytesOf: piece)
                let line = partial
                partial = []
                try body(.line(line))
            }
        }
    }

    private mutating func append(_ bytes: ByteView) {
        guard !skipping else { return }
        let room = limit + 1 - partial.count
        partial.append(bytesOf: bytes.prefix(max(0, room)))
    }
}
