/// A strict standard-alphabet Base64 decoder that skips whitespace (DKIM keys are often folded).
enum Base64 {
    /// Decodes `text`; nil when it contains other characters or bad padding.
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "="):
                padding += 1
                continue
            default: break
            }
            guard padding == 0, let value = sextet(byte) else { return nil }
            values.append(value)
        }
        guard padding <= 2, (values.count + padding) % 4 == 0 || padding == 0 else { return nil }
        guard values.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index + 4 <= values.count {
            let chunk = values[index..<(index + 4)].map(UInt32.init)
            let triple = chunk[0] << 18 | chunk[1] << 12 | chunk[2] << 6 | chunk[3]
            output += [UInt8(triple >> 16), UInt8((triple >> 8) & 0xFF), UInt8(triple & 0xFF)]
            index += 4
        }
        let rest = values.count - index
        if rest == 2 {
            output.append(values[index] << 2 | values[index + 1] >> 4)
        } else if rest == 3 {
            output.append(values[index] << 2 | values[index + 1] >> 4)
            output.append((values[index + 1] & 0x0F) << 4 | values[index + 2] >> 2)
        }
        return output
    }

    private static func sextet(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
