import ByteText

/// Quoted-printable decoding (RFC 2045 bodies and RFC 2047 "Q" words), tolerant of bad escapes.
enum QuotedPrintable {
    /// Decodes a quoted-printable body: `=XX` escapes and soft line breaks (`=` at end of line).
    static func decode<C: Collection>(_ input: C, underscoreIsSpace: Bool = false) -> [UInt8]
    where C.Element == UInt8 {
        Array(input).withByteView { bytes in
            var output = [UInt8]()
            output.reserveCapacity(bytes.count)
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte == ASCII.equals {
                    // Soft line break: "=" followed by optional blanks then CRLF / LF / CR.
                    var look = index + 1
                    while look < count, ASCII.isBlank(bytes[look]) { look += 1 }
                    if look < count, bytes[look] == ASCII.cr || bytes[look] == ASCII.lf {
                        if bytes[look] == ASCII.cr, look + 1 < count, bytes[look + 1] == ASCII.lf { look += 1 }
                        index = look + 1
                        continue
                    }
                    if look >= count {
                        index = count
                        continue
                    }
                    if index + 2 < count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                        output.append(high << 4 | low)
                        index += 3
                        continue
                    }
                    output.append(byte)
                    index += 1
                    continue
                }
                if underscoreIsSpace {
                    output.append(byte == UInt8(ascii: "_") ? ASCII.space : byte)
                    index += 1
                    continue
                }
                // A body: copy the whole run up to the next "=" at once.
                let end = ByteSearch.offset(of: ASCII.equals, in: bytes, from: index) ?? count
                output.append(bytesOf: bytes[index..<end])
                index = end
            }
            return output
        }
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }
}
