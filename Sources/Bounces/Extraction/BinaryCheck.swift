/// Tells text from binary junk by sampling the start of the input.
enum BinaryCheck {
    /// Bytes sampled from the start of the input.
    static let sampleBytes = 8_192

    /// Bit n set: byte n (below 0x20) counts as a control character (all but LF, CR, TAB, ESC, FF).
    private static let controlMask: UInt32 =
        ~(UInt32(1) << 0x0A | UInt32(1) << 0x0D | UInt32(1) << 0x09 | UInt32(1) << 0x1B | UInt32(1) << 0x0C)

    /// True when the first 8 KiB hold many NUL bytes or mostly control characters.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let count = Swift.min(bytes.count, sampleBytes)
        guard count > 0 else { return false }
        var control = 0
        var nul = 0
        bytes.withUnsafeBytes { raw in
            var index = 0
            // Eight bytes at a time: skip words without any byte below 0x20 (most of a text).
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let below = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                // Every byte below 0x20 has its bit set (a borrow may also flag a byte above it; `tally`
                // checks each flagged byte), so only flagged bytes are looked at.
                var flagged = below
                while flagged != 0 {
                    tally(raw[index + flagged.trailingZeroBitCount >> 3], &control, &nul)
                    flagged &= flagged &- 1
                }
                index += 8
            }
            while index < count {
                tally(raw[index], &control, &nul)
                index += 1
            }
        }
        if nul > 0 && nul * 100 >= count { return true }
        return control * 10 > count
    }

    @inline(__always)
    private static func tally(_ byte: UInt8, _ control: inout Int, _ nul: inout Int) {
        guard byte < 0x20 else { return }
        if byte == 0 { nul += 1 }
        if (controlMask >> UInt32(byte)) & 1 == 1 { control += 1 }
    }
}
