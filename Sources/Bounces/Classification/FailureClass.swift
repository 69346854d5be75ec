import ByteText

/// Permanent / temporary judgements and the hard-bounce rule.
enum FailureClass {
    /// True when the text carries a 5xx code or says "permanent".
    static func isPermanent(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var code = StatusCode.find(text)
        if code.isEmpty { code = ReplyCode.find(text) }
        if code.hasPrefix("5") { return true }
        return text.asciiLowercased.containsBytes(" permanent ")
    }

    /// True when the text carries a 4xx code or says "temporar…" / "persistent".
    static func isTemporary(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        var code = StatusCode.find(text)
        if code.isEmpty { code = ReplyCode.find(text) }
        if code.hasPrefix("4") { return true }
        let lowered = text.asciiLowercased
        return lowered.containsBytes(" temporar") || lowered.containsBytes(" persistent")
    }

    /// Hard bounce: the address itself is bad (unknown user or host, moved), or the host refuses all mail permanently.
    static func isHardBounce(reason: String, evidence: String) -> Bool {
        switch reason {
        case "hasmoved", "userunknown", "hostunknown": return true
        case "notaccept":
            if evidence.isEmpty { return true }
            var code = StatusCode.find(evidence)
            if code.isEmpty { code = ReplyCode.find(evidence) }
            return code.hasPrefix("5") || !isTemporary(evidence)
        default: return false
        }
    }
}
