import ByteText
import Foundation

/// Converts text in a declared charset to UTF-8 bytes; unknown or broken input falls back, never fails.
enum Charset {
    /// Core Foundation encoding numbers (as Foundation raw values) for charsets beyond the built-in ones.
    private static let coreFoundation: [String: UInt] = [
        "iso-8859-3": 0x203, "iso-8859-4": 0x204, "iso-8859-5": 0x205, "iso-8859-6": 0x206,
        "iso-8859-7": 0x207, "iso-8859-8": 0x208, "iso-8859-9": 0x209, "iso-8859-10": 0x20A,
        "iso-8859-11": 0x20B, "iso-8859-13": 0x20D, "iso-8859-14": 0x20E, "iso-8859-15": 0x20F,
        "iso-8859-16": 0x210, "windows-1255": 0x505, "windows-1256": 0x506, "windows-1257": 0x507,
        "windows-1258": 0x508, "windows-874": 0x41D, "koi8-r": 0xA02, "koi8-u": 0xA08,
        "big5": 0xA03, "gb2312": 0x930, "euc-cn": 0x930, "gbk": 0x632, "gb18030": 0x632,
        "cp936": 0x632, "euc-kr": 0x940, "ks_c_5601-1987": 0x940, "cp949": 0x422, "euc-jp": 0x920,
        "cp932": 0x420, "windows-31j": 0x420, "euc-tw": 0x931,
    ]

    /// Built-in Foundation encodings keyed by normalised charset name.
    private static let builtIn: [String: String.Encoding] = [
        "iso-2022-jp": .iso2022JP, "iso-2022-jp-2": .iso2022JP, "csiso2022jp": .iso2022JP,
        "shift_jis": .shiftJIS, "shift-jis": .shiftJIS, "sjis": .shiftJIS, "x-sjis": .shiftJIS,
        "windows-1250": .windowsCP1250, "windows-1251": .windowsCP1251, "windows-1252": .windowsCP1252,
        "windows-1253": .windowsCP1253, "windows-1254": .windowsCP1254,
        "iso-8859-2": .isoLatin2, "latin2": .isoLatin2, "macintosh": .macOSRoman,
        "utf-16": .utf16, "utf-16be": .utf16BigEndian, "utf-16le": .utf16LittleEndian,
    ]

    /// Normalises a charset label: lower case, quotes trimmed, common aliases folded.
    static func normalise(_ label: String) -> String {
        switch label {
        case "us-ascii", "US-ASCII", "utf-8", "UTF-8", "iso-8859-1", "ISO-8859-1", "iso-2022-jp", "ISO-2022-JP":
            return label.lowercased()
        default: break
        }
        var name = label.asciiLowercased.trimming(" \t\"'")
        if name.hasPrefix("cp125") { name = "windows-125" + name.dropFirst(5) }
        if name.hasPrefix("x-") && name != "x-sjis" && name != "x-unknown" { name.removeFirst(2) }
        if name.hasPrefix("iso8859-") { name = "iso-8859-" + name.dropFirst(8) }
        if name.hasPrefix("iso_8859-") { name = "iso-8859-" + name.dropFirst(9) }
        if name.hasPrefix("iso8859") { name = "iso-8859-" + name.dropFirst(7) }
        switch name {
        case "utf8": return "utf-8"
        case "ascii", "us", "ansi_x3.4-1968", "646": return "us-ascii"
        case "latin1", "latin-1", "l1", "iso-8859-1", "iso_8859-1", "8859-1": return "iso-8859-1"
        case "utf7": return "utf-7"
        default: return name
        }
    }

    /// Decodes `bytes` declared as `charset` (nil = undeclared) into UTF-8 bytes.
    static func toUTF8(_ bytes: [UInt8], charset: String?) -> [UInt8] {
        // 7-bit text needs no conversion unless it is a 7-bit encoding (ISO-2022 escapes, UTF-7 shifts).
        if isASCII(bytes) && !ByteSearch.contains(bytes, escape) {
            if !ByteSearch.contains(bytes, plus) { return bytes }
            if (charset.map(normalise) ?? "") != "utf-7" { return bytes }
        }
        let name = charset.map(normalise) ?? ""
        switch name {
        case "", "us-ascii", "utf-8", "unknown-8bit", "x-unknown", "unknown":
            return utf8OrLatin1(bytes)
        case "iso-8859-1":
            // Many senders label windows-1252 text as latin-1; 1252 is a superset for printable text.
            return windows1252(bytes) ?? latin1(bytes)
        case "windows-1252":
            return windows1252(bytes) ?? utf8OrLatin1(bytes)
        case "utf-7":
            return UTF7.decode(bytes)
        default:
            break
        }
        if let encoding = builtIn[name], let decoded = foundation(bytes, encoding) { return decoded }
        if let raw = coreFoundation[name], let decoded = foundation(bytes, String.Encoding(rawValue: 0x8000_0000 | raw))
        {
            return decoded
        }
        return utf8OrLatin1(bytes)
    }

    private static let escape: [UInt8] = [0x1B]
    private static let plus: [UInt8] = [UInt8(ascii: "+")]

    /// True when every byte is 7-bit.
    static func isASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withByteView(ByteCheck.isASCII)
    }

    /// Valid UTF-8 stays as it is; anything else is read as latin-1 (so no byte is ever lost).
    static func utf8OrLatin1(_ bytes: [UInt8]) -> [UInt8] {
        if String(validating: bytes, as: UTF8.self) != nil { return bytes }
        if looksLikeISO2022(bytes), let decoded = foundation(bytes, .iso2022JP) { return decoded }
        return latin1(bytes)
    }

    /// Windows-1252 code points of the bytes 0x80–0x9F; 0 where the code page leaves a byte undefined.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E,
        0x0178,
    ]

    /// Decodes windows-1252 (as Foundation does); nil when a byte is undefined in the code page.
    static func windows1252(_ bytes: [UInt8]) -> [UInt8]? {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else if byte >= 0xA0 {
                output.append(0xC0 | (byte >> 6))
                output.append(0x80 | (byte & 0x3F))
            } else {
                let scalar = windows1252High[Int(byte - 0x80)]
                if scalar == 0 { return nil }
                if scalar < 0x800 {
                    output.append(UInt8(0xC0 | (scalar >> 6)))
                } else {
                    output.append(UInt8(0xE0 | (scalar >> 12)))
                    output.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
                }
                output.append(UInt8(0x80 | (scalar & 0x3F)))
            }
        }
        return output
    }

    /// Maps each byte to the Unicode code point of the same value.
    static func latin1(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                output.append(byte)
            } else {
                output.append(0xC0 | (byte >> 6))
                output.append(0x80 | (byte & 0x3F))
            }
        }
        return output
    }

    private static func looksLikeISO2022(_ bytes: [UInt8]) -> Bool {
        // ESC $ B / ESC $ @ introduce JIS X 0208 in iso-2022-jp.
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0x1B, bytes[index + 1] == UInt8(ascii: "$") { return true }
            index += 1
        }
        return false
    }

    private static func foundation(_ bytes: [UInt8], _ encoding: String.Encoding) -> [UInt8]? {
        guard let text = String(data: Data(bytes), encoding: encoding) else { return nil }
        return Array(text.utf8)
    }
}
