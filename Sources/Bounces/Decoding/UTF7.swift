/// UTF-7 (RFC 2152) decoding, done by hand because Foundation on Linux lacks it.
enum UTF7 {
    /// Decodes UTF-7 bytes into UTF-8 bytes; malformed shifts are kept literally.
    static func decode(_ input: [UInt8]) -> [UInt8] {
        var units = [UInt16]()
        units.reserveCapacity(input.count)
        var index = 0
        let plus = UInt8(ascii: "+")
        let minus = UInt8(ascii: "-")
        while index < input.count {
            let byte = input[index]
            guard byte == plus else {
                units.append(UInt16(byte))
                index += 1
                continue
            }
            // "+-" is a literal plus sign.
            if index + 1 < input.count, input[index + 1] == minus {
                units.append(UInt16(plus))
                index += 2
                continue
            }
            var bits = Base64Bits()
            var look = index + 1
            var produced = false
            while look < input.count {
                let value = Base64Bits.standardDigits[Int(input[look])]
                if value == 0xFF { break }
                if let unit = bits.add(value, width: 16) {
                    units.append(UInt16(truncatingIfNeeded: unit))
                    produced = true
                }
                look += 1
            }
            if !produced && look == index + 1 {
                units.append(UInt16(plus))
                index += 1
                continue
            }
            // An explicit "-" terminator is absorbed.
            if look < input.count, input[look] == minus { look += 1 }
            index = look
        }
        let text = String(decoding: units, as: UTF16.self)
        return Array(text.utf8)
    }
}
