import ByteText

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
        let (control, nul) = bytes.withByteView {
            ByteCheck.controlByteCounts(in: $0.prefix(count), controlMask: controlMask)
        }
        if nul > 0 && nul * 100 >= count { return true }
        return control * 10 > count
    }
}
