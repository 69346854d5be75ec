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
        let count = suffix.count
        guard bytes.count >= count else { return false }
        guard count > 0 else { return true }
        return bytes.withUnsafeBufferPointer { whole in
            suffix.withUnsafeBufferPointer { tail in
                guard let wholeBase = whole.baseAddress, let tailBase = tail.baseAddress else { return false }
                return memcmp(wholeBase + (whole.count - count), tailBase, count) == 0
            }
        }
    }

    /// Every provider host name (as bytes) with the index of its provider, in table order.
    private static let hostIndex: [([UInt8], Int)] = ProviderTable.providers.enumerated().flatMap { index, provider in
        provider.hosts.map { (Array($0.utf8), index) }
    }

    /// The provider-specific reason, or "" when no provider rule applies.
    static func reason(_ input: Input) -> String {
        guard !input.diagnosis.isEmpty, let provider = provider(input) else { return "" }
        let lowered = input.diagnosis.asciiLowercased
        switch provider.special {
        case .none: break
        case .google:
            guard ReplyCode.isValid(input.replyCode), StatusCode.isValid(input.status) else { return "" }
            let statusTail = String(input.status.dropFirst(2))
            let replyTail = String(input.replyCode.dropFirst(1))
            for rule in ProviderTable.googleRules where lowered.contains(rule.phrase) {
                if rule.reply.dropFirst(1) == replyTail && rule.status.dropFirst(2) == statusTail { return rule.reason }
            }
            return ""
        case .gsuite:
            let statusClass = input.status.first.map(String.init) ?? ""
            let replyClass = input.replyCode.first.map(String.init) ?? ""
            for (reason, phrases) in provider.phrases where phrases.contains(where: { input.diagnosis.contains($0) }) {
                if reason == "networkerror" && (statusClass == "5" || replyClass == "5") { continue }
                if reason == "hostunknown"
                    && (statusClass == "4" || statusClass.isEmpty || replyClass == "4" || replyClass.isEmpty)
                {
                    continue
                }
                return reason
            }
            return ""
        case .docomo:
            if input.status == "5.1.1" || input.status == "5.0.911" { return "userunknown" }
            if input.status == "5.2.0" { return "filtered" }
            let found = match(provider, input.diagnosis, lowered) ?? ""
            if !found.isEmpty && found != "userunknown" { return found }
            if input.status == "5.0.0" {
                if input.command == "RCPT" { return "userunknown" }
                if input.command == "DATA" { return "rejected" }
            }
            return found
        case .coxCodes:
            let code = TextTools.select(input.diagnosis + " ", from: "AUP#", to: " ")
            if let reason = ProviderTable.coxCodes[code] { return reason }
        case .godaddyCodes:
            let code = "IB" + TextTools.select(input.diagnosis, from: " IB", to: " ")
            if let reason = ProviderTable.godaddyCodes[code] { return reason }
            if code.count == 5, let reason = ProviderTable.godaddyCodes[code] { return reason }
            let trailing = "IB" + TextTools.select(input.diagnosis + " ", from: " IB", to: " ")
            if let reason = ProviderTable.godaddyCodes[trailing] { return reason }
        case .francePTTCodes:
            let text = lowered.replacingAll("_", with: "-")
            for label in ["lpn", "lpnaaa", "ofr", "ouk"] {
                guard let range = text.lastRange(of: label) else { continue }
                let labelLength = text.contains(label + "-") ? label.count + 1 : label.count
                let start =
                    text.index(range.lowerBound, offsetBy: labelLength - 1, limitedBy: text.endIndex) ?? text.endIndex
                let word = text[start...].prefix { $0 != " " }
                if let entry = ProviderTable.francePTTCodes.first(where: { word.hasSuffix($0.0) }) { return entry.1 }
                break
            }
        case .spectrumCodes:
            guard let range = input.diagnosis.range(of: "AUP#") else { return "" }
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
        case .facebookCodes:
            guard let dash = input.diagnosis.utf8.firstIndex(of: UInt8(ascii: "-")),
                let start = input.diagnosis.index(dash, offsetBy: -3, limitedBy: input.diagnosis.startIndex),
                let end = input.diagnosis.index(dash, offsetBy: 3, limitedBy: input.diagnosis.endIndex)
            else { return "" }
            let label = String(input.diagnosis[start..<end])
            return ProviderTable.facebookCodes.first { $0.1.contains(label) }?.0 ?? ""
        case .iuaCodes:
            let code = TextTools.select(lowered, from: ".i.ua/err/", to: "/")
            return ProviderTable.iuaCodes[code] ?? ""
        case .mimecast:
            guard ReplyCode.isValid(input.replyCode) else { return "" }
            for rule in ProviderTable.mimecastRules where rule.reply == input.replyCode && lowered.contains(rule.phrase)
            {
                return rule.reason
            }
            return ""
        case .microsoft:
            guard StatusCode.isValid(input.status) else { return "" }
            for rule in ProviderTable.microsoftRules where lowered.contains(rule.phrase) {
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
            where input.diagnosis.contains(code) && input.replyCode == reply {
                return reason
            }
            return ""
        }
        return match(provider, input.diagnosis, lowered) ?? ""
    }

    private static func match(_ provider: Provider, _ diagnosis: String, _ lowered: String) -> String? {
        let haystack = provider.caseSensitive ? diagnosis : lowered
        for (reason, phrases) in provider.phrases where phrases.contains(where: { haystack.contains($0) }) {
            return reason
        }
        return nil
    }
}
