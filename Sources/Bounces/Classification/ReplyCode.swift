import ByteText

/// SMTP reply codes (RFC 5321 and extensions): validation and discovery in free text.
enum ReplyCode {
    private static let class2 = ["211", "214", "220", "221", "235", "250", "251", "252", "253", "334", "354"]
    private static let class4 = ["421", "450", "451", "452", "422", "430", "432", "453", "454", "455", "458", "459"]
    private static let class5 = [
        "550", "552", "553", "551", "521", "525", "523", "524", "530", "533", "534", "535", "538", "555",
        "556", "554", "500", "501", "502", "503", "504",
    ]

    /// True for a code in the SMTP reply code space.
    static func isValid(_ code: String) -> Bool {
        guard code.utf8.count == 3, let value = Int(code) else { return false }
        if value < 211 || value > 556 || value % 100 > 59 { return false }
        let first = value / 100
        if first == 2 {
            if value == 235 { return true }
            if value > 253 || (value > 221 && value < 250) { return false }
            return true
        }
        if first == 3 { return value == 334 || value == 354 }
        return true
    }

    /// Finds an SMTP reply code in text; `classHint` ("4", "5", "5.1.1") restricts the class.
    static func find(_ text: String, classHint: String = "") -> String {
        guard text.utf8.count >= 3 else { return "" }
        let candidates: [Int]
        switch classHint.first {
        case "2": candidates = codes2
        case "4": candidates = codes4
        case "5": candidates = codes5
        default: candidates = codesAll
        }
        // One pass: every 3-digit run not touching a digit, '.' or '/' is a possible code.
        var seen = Seen()
        let rejected: Bool =
            text.utf8.withContiguousStorageIfAvailable { bytes in scan(bytes, seen: &seen) }
            ?? Array(text.utf8).withUnsafeBufferPointer { scan($0, seen: &seen) }
        guard !rejected, seen.any else { return "" }
        for code in candidates where seen.contains(code) { return String(code) }
        return ""
    }

    /// The 3-digit numbers below 600 met in a text, as bits (no allocation).
    private struct Seen {
        private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        private(set) var any = false

        mutating func insert(_ value: Int) {
            any = true
            withUnsafeMutableBytes(of: &words) { raw in
                let pointer = raw.bindMemory(to: UInt64.self)
                pointer[value >> 6] |= 1 << UInt64(value & 63)
            }
        }

        func contains(_ value: Int) -> Bool {
            withUnsafeBytes(of: words) { raw in
                raw.load(fromByteOffset: (value >> 6) * 8, as: UInt64.self) & (1 << UInt64(value & 63)) != 0
            }
        }
    }

    private static let unixMarker = Array("x-unix".utf8)

    /// Bytes that may start a reply code ("2" to "5") or the "x-unix" marker.
    private static let interesting: [Bool] = (0..<256).map { byte in
        (0x32...0x35).contains(byte) || byte == Int(UInt8(ascii: "x")) || byte == Int(UInt8(ascii: "X"))
    }

    private static let codes2 = class2.compactMap { Int($0) }
    private static let codes4 = class4.compactMap { Int($0) }
    private static let codes5 = class5.compactMap { Int($0) }
    private static let codesAll = codes5 + codes4 + codes2

    /// Marks the 3-digit codes in `bytes`; returns true when the text is an "X-Unix" diagnostic (no codes).
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, seen: inout Seen) -> Bool {
        let count = bytes.count
        var index = 0
        while index + 2 < count {
            let byte = bytes[index]
            // Most bytes can start neither a code (2-5) nor "x-unix": step over them first.
            guard interesting[Int(byte)] else {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X"), index + 6 <= count {
                var matches = true
                for offset in 0..<6 where ASCII.lower(bytes[index + offset]) != unixMarker[offset] {
                    matches = false
                    break
                }
                if matches { return true }
            }
            guard byte >= 0x32 && byte <= 0x35, ASCII.isDigit(bytes[index + 1]), ASCII.isDigit(bytes[index + 2]) else {
                index += 1
                continue
            }
            let before: UInt8 = index > 0 ? bytes[index - 1] : ASCII.space
            let after: UInt8 = index + 3 < count ? bytes[index + 3] : ASCII.space
            if !(before >= 0x2E && before <= 0x39) && !(after >= 0x2E && after <= 0x39) {
                let value = Int(byte - 0x30) * 100 + Int(bytes[index + 1] - 0x30) * 10 + Int(bytes[index + 2] - 0x30)
                if value < 600 { seen.insert(value) }
            }
            index += 1
        }
        return false
    }
}
