import ByteText

/// Vendor "X-" fields inside delivery-status parts that carry standard information (PowerMTA).
enum ThirdPartyFields {
    /// Data: X-PowerMTA-BounceCategory values and the reasons they mean.
    static let powerMTACategories: [String: String] = [
        "bad-domain": "hostunknown", "bad-mailbox": "userunknown", "inactive-mailbox": "suspend",
        "message-expired": "expired", "no-answer-from-host": "networkerror", "policy-related": "policyviolation",
        "quota-issues": "mailboxfull", "routing-errors": "systemerror", "spam-related": "spamdetected",
    ]

    /// Applies a recognised vendor field line to the fact.
    static func apply(_ line: [UInt8], to fact: inout DeliveryFacts) {
        let text = ReportText.string(line)
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(text[..<colon]).asciiLowercased
        let value = text[text.index(after: colon)...].trimmingCharactersBlank()
        switch name {
        case "x-powermta-bouncecategory":
            if let reason = powerMTACategories[value] { fact.reason = reason }
        case "x-powermta-virtualmta":
            if fact.reportingMTA.isEmpty { fact.reportingMTA = value }
        default: break
        }
    }
}
