import ByteText

/// Finds dotted-quad IPv4 addresses in text.
enum IPv4 {
    /// Replaces every IPv4 address with `*` bytes of the same length (so offsets stay valid).
    static func mask(_ bytes: [UInt8]) -> [UInt8] {
        let found = ranges(in: bytes)
        if found.isEmpty { return bytes }
        var output = bytes
        for range in found {
            for index in range { output[index] = UInt8(ascii: "*") }
        }
        return output
    }

    /// Byte ranges of the IPv4 addresses in `bytes`.
    static func ranges(in array: [UInt8]) -> [Range<Int>] {
        array.withByteView(ranges(in:))
    }

    /// Byte ranges of the IPv4 addresses in `bytes`.
    static func ranges(in bytes: ByteView) -> [Range<Int>] {
        var result = [Range<Int>]()
        var index = 0
        let count = bytes.count
        while index < count {
            guard ASCII.isDigit(bytes[index]),
                index == 0 || !(ASCII.isDigit(bytes[index - 1]) || bytes[index - 1] == ASCII.dot)
            else {
                index += 1
                continue
            }
            var position = index
            var octets = 0
            var valid = true
            while octets < 4 {
                var value = 0
                var digits = 0
                while position < count, ASCII.isDigit(bytes[position]), digits < 4 {
                    value = value * 10 + Int(bytes[position] - 0x30)
                    position += 1
                    digits += 1
                }
                if digits == 0 || digits > 3 || value > 255 {
                    valid = false
                    break
                }
                octets += 1
                if octets < 4 {
                    if position < count, bytes[position] == ASCII.dot {
                        position += 1
                    } else {
                        valid = false
                        break
                    }
                }
            }
            if valid && octets == 4 && !(position < count && ASCII.isDigit(bytes[position])) {
                result.append(index..<position)
                index = position
            } else {
                index += 1
            }
        }
        return result
    }

    /// The IPv4 addresses in `text`, in order.
    static func addresses(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        return ranges(in: bytes).map { String(decoding: bytes[$0], as: UTF8.self) }
    }
}
