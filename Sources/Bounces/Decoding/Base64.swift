/// A tolerant base64 decoder: skips anything outside the alphabet, stops at padding, never fails.
enum Base64 {
    private static let table: [UInt8] = {
        var table = Base64Bits.standardDigits
        // URL-safe variants decode too.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Decodes base64 text; invalid characters are ignored, a trailing partial group is dropped.
    static func decode<C: Collection>(_ input: C) -> [UInt8] where C.Element == UInt8 {
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        var bits = Base64Bits()
        for byte in input {
            if byte == UInt8(ascii: "=") {
                // Padding ends a group; later groups (concatenated encodings) start fresh.
                bits = Base64Bits()
                continue
            }
            let value = table[Int(byte)]
            if value == 0xFF { continue }
            if let unit = bits.add(value, width: 8) { output.append(UInt8(truncatingIfNeeded: unit)) }
        }
        return output
    }
}
