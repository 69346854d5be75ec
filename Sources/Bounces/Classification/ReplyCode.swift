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
        // One pass (ByteText's scanner, bounce rules): every 3-digit run not touching a digit, '.' or '/'.
        guard let seen = SMTPCodes.replyCodes(in: text), seen.any else { return "" }
        for code in candidates where seen.contains(code) { return String(code) }
        return ""
    }

    private static let codes2 = class2.compactMap { Int($0) }
    private static let codes4 = class4.compactMap { Int($0) }
    private static let codes5 = class5.compactMap { Int($0) }
    private static let codesAll = codes5 + codes4 + codes2
}
