import ByteText
import Foundation

/// RFC 3463 enhanced status codes: finding them in text, choosing between candidates, naming them.
enum StatusCode {
    /// True for a syntactically valid code whose class is 2, 4 or 5 (`5.1.1`, `4.7.650`).
    static func isValid(_ code: String) -> Bool { SMTPCodes.isEnhancedCode(code) }

    /// True for Sisimai-style pseudo codes `x.0.9NN`, which carry no RFC 3463 meaning.
    static func isPseudo(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        return bytes.count == 7 && bytes[1] == ASCII.dot && bytes[2] == UInt8(ascii: "0") && bytes[3] == ASCII.dot
            && bytes[4] == UInt8(ascii: "9") && ASCII.isDigit(bytes[5]) && ASCII.isDigit(bytes[6])
    }

    /// The reason an explicit status code stands for (from `StatusReasonTable`), or "".
    static func reasonName(_ code: String) -> String {
        guard code.utf8.count >= 5, isValid(code) else { return "" }
        return StatusReasonTable.reasons[code] ?? ""
    }

    /// Pseudo code for a reason: temporary (4.0.9NN) or permanent (5.0.9NN); "" when the reason has none.
    static func pseudoCode(for reason: String, temporary: Bool) -> String {
        guard let suffix = StatusReasonTable.pseudoSuffix[reason] else { return "" }
        guard temporary else { return "5.0." + suffix }
        if StatusReasonTable.permanentOnly.contains(reason) { return "" }
        return reason == "filtered" ? "4.0.924" : "4.0." + suffix
    }

    /// Finds the most telling enhanced status code in free text; `classHint` limits the class ("4", "5"…).
    static func find(_ text: String, classHint: String = "") -> String {
        let bytes = Array(text.utf8)
        guard bytes.count >= 5 else { return "" }
        // IPv4 addresses must never be read as status codes.
        let masked = IPv4.mask(bytes)
        // The class digit wanted: "2", "4" or "5", or 0 for any of them.
        let wanted: UInt8
        switch classHint.utf8.first {
        case UInt8(ascii: "2"): wanted = UInt8(ascii: "2")
        case UInt8(ascii: "4"): wanted = UInt8(ascii: "4")
        case UInt8(ascii: "5"): wanted = UInt8(ascii: "5")
        default: wanted = 0
        }
        // The scanning is ByteText's (bounce rules); the choosing is ours.
        var (codes, another) = SMTPCodes.statusCodes(in: masked, wantedClass: wanted)
        if !another.isEmpty { codes.append(another) }
        guard var chosen = codes.first else { return "" }
        for code in codes.dropFirst() { chosen = prefer(chosen, code, "") }
        return chosen
    }

    /// Chooses between a `Status:` value and a code found in the message (optionally guided by the reply code).
    static func prefer(_ statusField: String, _ inMessage: String, _ replyCode: String) -> String {
        if statusField.isEmpty { return inMessage }
        if inMessage.isEmpty { return statusField }
        if statusField.utf8.count < 5 { return inMessage }
        if inMessage.utf8.count < 5 { return statusField }
        let first0 = statusField.first
        let first1 = inMessage.first
        if let firstReply = replyCode.first, first0 != first1 {
            if firstReply == first0 { return statusField }
            if firstReply == first1 { return inMessage }
        }
        if statusField == inMessage { return statusField }
        let zero1 = (statusField.containsBytes(".0"), inMessage.containsBytes(".0"))
        let zero2 = (statusField.hasSuffixOrInfix(".0.0"), inMessage.hasSuffixOrInfix(".0.0"))
        if zero2.0 { return zero2.1 ? statusField : inMessage }
        if zero1.0 && !zero1.1 { return inMessage }
        if zero2.1 { return statusField }
        if statusField == "4.4.7" || statusField == "4.7.0" { return inMessage }
        if statusField.hasPrefix("5.3.") { return inMessage }
        let middle = statusField.dropFirst(1).prefix(4)
        if middle == ".5.1" || middle == ".5.2" || middle == ".5.4" || middle == ".5.5" { return inMessage }
        if statusField == "5.1.1" {
            if zero1.1 || inMessage.hasPrefix("5.5.") { return statusField }
            return inMessage
        }
        if statusField == "5.1.3", inMessage.hasPrefix("5.7.") { return inMessage }
        return statusField
    }
}

extension Character {
    /// True for the ASCII digits 0–9.
    var isASCIIDigitChar: Bool { isASCII && isNumber }
}

extension String {
    /// True when `needle` occurs after the first character (the way Sisimai checks "X.0.0").
    fileprivate func hasSuffixOrInfix(_ needle: String) -> Bool {
        guard let range = rangeOfBytes(needle) else { return false }
        return range.lowerBound > startIndex
    }
}
