import ByteText
import Foundation

/// Provider-specific rules keyed by the receiving host: when the recipient domain or the remote
/// (or reporting) host belongs to a known provider, that provider's documented messages and error
/// codes decide the reason. Data first (`ProviderTable`), a few code formats need small parsers.
enum RemoteHostRules {
    /// Everything a provider rule may look at.
    struct Input {
        var remoteHost: String
        var localHost: String
        var recipient: String
        var diagnosis: String
        var status: String
        var replyCode: String
        var command: String
    }

    /// The provider whose rules apply, by recipient domain, then remote host, then reporting host.
    static func provider(_ input: Input) -> Provider? {
        let domain = Array(AddressText.domain(of: input.recipient).utf8)
        if !domain.isEmpty {
            for (host, provider) in hostIndex where endsWith(host, domain) {
                return ProviderTable.providers[provider]
            }
        }
        for host in [input.remoteHost, input.localHost] where !host.isEmpty {
            let lowered = ASCII.lowercased(Array(host.utf8))
            for (suffix, provider) in hostIndex where endsWith(lowered, suffix) {
                return ProviderTable.providers[provider]
            }
        }
        return nil
    }

    /// True when `bytes` ends with `suffix`.
    @inline(__always)
    private static func endsWith(_ bytes: [UInt8], _ suffix: [UInt8]) -> Bool {
        ByteSearch.matches(suffix, in: bytes, at: bytes.count - suffix.count)
    }

    /// Every provider host name (as bytes) with the index of its provider, in table order.
    private static let hostIndex: [([UInt8], Int)] = ProviderTable.providers.enumerated().flatMap { index, provider in
        provider.hosts.map { (Array($0.utf8), index) }
    }

    /// The provider-specific reason, or "" when no provider rule applies: the provider's own code format
    /// or rule table first, then its phrases.
    static func reason(_ input: Input) -> String {
        guard !input.diagnosis.isEmpty, let provider = provider(input) else { return "" }
        let lowered = input.diagnosis.asciiLowercased
        if let decided = specialReason(provider, input, lowered) { return decided }
        return match(provider, input.diagnosis, lowered) ?? ""
    }

    /// What a provider's special rules decide: a reason, "" for "none, and do not look further", or nil
    /// to fall back to the provider's phrases.
    private static func specialReason(_ provider: Provider, _ input: Input, _ lowered: String) -> String? {
        switch provider.special {
        case .none: nil
        case .google: googleReason(input, lowered)
        case .gsuite: gsuiteReason(provider, input)
        case .docomo: docomoReason(provider, input, lowered)
        case .coxCodes: ProviderTable.coxCodes[TextTools.select(input.diagnosis + " ", from: "AUP#", to: " ")]
        case .godaddyCodes: godaddyReason(input)
        case .francePTTCodes: francePTTReason(lowered)
        case .spectrumCodes: spectrumReason(input)
        case .facebookCodes: facebookReason(input)
        case .iuaCodes: ProviderTable.iuaCodes[TextTools.select(lowered, from: ".i.ua/err/", to: "/")] ?? ""
        case .mimecast: mimecastReason(input, lowered)
        case .microsoft: microsoftReason(input, lowered)
        }
    }

    /// Google: a phrase with the exact reply and status it goes with.
    private static func googleReason(_ input: Input, _ lowered: String) -> String {
        guard ReplyCode.isValid(input.replyCode), StatusCode.isValid(input.status) else { return "" }
        let statusTail = String(input.status.dropFirst(2))
        let replyTail = String(input.replyCode.dropFirst(1))
        for rule in ProviderTable.googleRules where lowered.containsBytes(rule.phrase) {
            if rule.reply.dropFirst(1) == replyTail && rule.status.dropFirst(2) == statusTail { return rule.reason }
        }
        return ""
    }

    /// Google Workspace: its phrases, unless the code class contradicts the reason.
    private static func gsuiteReason(_ provider: Provider, _ input: Input) -> String {
        let statusClass = input.status.first.map(String.init) ?? ""
        let replyClass = input.replyCode.first.map(String.init) ?? ""
        for (reason, phrases) in provider.phrases where phrases.contains(where: { input.diagnosis.containsBytes($0) }) {
            if reason == "networkerror" && (statusClass == "5" || replyClass == "5") { continue }
            if reason == "hostunknown"
                && (statusClass == "4" || statusClass.isEmpty || replyClass == "4" || replyClass.isEmpty)
            {
                continue
            }
            return reason
        }
        return ""
    }

    /// NTT docomo: a few statuses decide alone, then phrases, then the SMTP command of a 5.0.0.
    private static func docomoReason(_ provider: Provider, _ input: Input, _ lowered: String) -> String {
        if input.status == "5.1.1" || input.status == "5.0.911" { return "userunknown" }
        if input.status == "5.2.0" { return "filtered" }
        let found = match(provider, input.diagnosis, lowered) ?? ""
        if !found.isEmpty && found != "userunknown" { return found }
        if input.status == "5.0.0" {
            if input.command == "RCPT" { return "userunknown" }
            if input.command == "DATA" { return "rejected" }
        }
        return found
    }

    /// GoDaddy: an `IBxxx` code, leading or trailing; nil when there is none in the table.
    private static func godaddyReason(_ input: Input) -> String? {
        let code = "IB" + TextTools.select(input.diagnosis, from: " IB", to: " ")
        if let reason = ProviderTable.godaddyCodes[code] { return reason }
        let trailing = "IB" + TextTools.select(input.diagnosis + " ", from: " IB", to: " ")
        return ProviderTable.godaddyCodes[trailing]
    }

    /// Orange / France PTT: the word after the last `lpn`, `lpnaaa`, `ofr` or `ouk` label; nil when none.
    private static func francePTTReason(_ lowered: String) -> String? {
        let text = lowered.replacingAll("_", with: "-")
        for label in ["lpn", "lpnaaa", "ofr", "ouk"] {
            guard let range = text.lastRangeOfBytes(label) else { continue }
            let labelLength = text.containsBytes(label + "-") ? label.count + 1 : label.count
            let start =
                text.index(range.lowerBound, offsetBy: labelLength - 1, limitedBy: text.endIndex) ?? text.endIndex
            let word = text[start...].prefix { $0 != " " }
            return ProviderTable.francePTTCodes.first(where: { word.hasSuffix($0.0) })?.1
        }
        return nil
    }

    /// Spectrum: the four digits after `AUP#`, looked up in the code ranges.
    private static func spectrumReason(_ input: Input) -> String {
        guard let range = input.diagnosis.rangeOfBytes("AUP#") else { return "" }
        var digits = ""
        for character in input.diagnosis[range.upperBound...] {
            if digits.count == 4 { break }
            if character.isASCIIDigitChar { digits.append(character) } else { digits = "" }
        }
        guard digits.count == 4, let number = Int(digits) else { return "" }
        for (low, high, reason) in ProviderTable.spectrumCodes {
            if number == low || (high > 0 && number >= low && number <= high) { return reason }
        }
        return ""
    }

    /// Facebook: the `XXX-YY` label around the first dash.
    private static func facebookReason(_ input: Input) -> String {
        guard let dash = input.diagnosis.utf8.firstIndex(of: UInt8(ascii: "-")),
            let start = input.diagnosis.index(dash, offsetBy: -3, limitedBy: input.diagnosis.startIndex),
            let end = input.diagnosis.index(dash, offsetBy: 3, limitedBy: input.diagnosis.endIndex)
        else { return "" }
        let label = String(input.diagnosis[start..<end])
        return ProviderTable.facebookCodes.first { $0.1.contains(label) }?.0 ?? ""
    }

    /// Mimecast: a phrase with the reply code it goes with.
    private static func mimecastReason(_ input: Input, _ lowered: String) -> String {
        guard ReplyCode.isValid(input.replyCode) else { return "" }
        for rule in ProviderTable.mimecastRules
        where rule.reply == input.replyCode && lowered.containsBytes(rule.phrase) {
            return rule.reason
        }
        return ""
    }

    /// Microsoft: a phrase with its status (or status range), then Outlook.com's own codes.
    private static func microsoftReason(_ input: Input, _ lowered: String) -> String {
        guard StatusCode.isValid(input.status) else { return "" }
        for rule in ProviderTable.microsoftRules where lowered.containsBytes(rule.phrase) {
            if rule.status.hasSuffix(".") {
                guard input.status.hasPrefix(rule.status),
                    let detail = Int(input.status.dropFirst(rule.status.count)),
                    detail >= rule.low, detail <= rule.high
                else { continue }
                return rule.reason
            }
            if rule.status == input.status { return rule.reason }
        }
        for (code, reply, reason) in ProviderTable.outlookComCodes
        where input.diagnosis.containsBytes(code) && input.replyCode == reply {
            return reason
        }
        return ""
    }

    private static func match(_ provider: Provider, _ diagnosis: String, _ lowered: String) -> String? {
        let haystack = provider.caseSensitive ? diagnosis : lowered
        for (reason, phrases) in provider.phrases where phrases.contains(where: { haystack.containsBytes($0) }) {
            return reason
        }
        return nil
    }
}
