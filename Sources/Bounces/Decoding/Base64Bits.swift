/// What the base64 and UTF-7 decoders share: the base64 digits, and the bits read from them six at a
/// time and given out in units of 8 (base64) or 16 (UTF-7's UTF-16) bits.
struct Base64Bits {
    /// The value of each byte as a standard base64 digit (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`); 0xFF for
    /// every other byte.
    static let standardDigits: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    private var accumulator: UInt32 = 0
    private var bits = 0

    /// Adds the six bits of a digit's value; returns the next `width`-bit unit once it is complete.
    @inline(__always)
    mutating func add(_ digit: UInt8, width: Int) -> UInt32? {
        accumulator = (accumulator << 6) | UInt32(digit)
        bits += 6
        guard bits >= width else { return nil }
        bits -= width
        let unit = accumulator >> UInt32(bits)
        accumulator &= (1 << UInt32(bits)) - 1
        return unit
    }
}
