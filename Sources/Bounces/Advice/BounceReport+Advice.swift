import ByteText
import Foundation
import Localization

/// Plain-language advice for a bounce report.
extension BounceReport {
    /// Explains the most important recipient: what happened, whose side, what to do, articles, one check.
    /// `forRecipient` writes it for the person the failed mail was sent to (a bounce a correspondent got
    /// when writing to them): the failed address is theirs, and so is a full or unknown mailbox.
    public func advice(forRecipient: Bool = false) -> BounceAdvice {
        var advice = explanation(forRecipient: forRecipient)
        guard let recipient = mostImportantRecipient() else { return advice }
        advice.forRecipient = forRecipient && AdviceTable.inbound(advice.reason) != nil
        if advice.reason != "onhold", advice.reason != "undefined" {
            advice.reasonInWordsText =
                advice.reason == recipient.reason
                ? recipient.reasonInWordsText
                : AdviceTable.adviceOnlyWords[advice.reason] ?? BounceRecipient.reasonWords[advice.reason]
        }
        return advice
    }

    private func explanation(forRecipient: Bool) -> BounceAdvice {
        guard let recipient = mostImportantRecipient() else {
            let summary =
                kind == .unreadable
                ? (problem.map(LocalizedText.verbatim) ?? L("I can't read this."))
                : L("This does not look like a bounce: I found no failed delivery in it.")
            return BounceAdvice(summary: summary, side: .unknown, whatToDo: [], articleIDs: [], check: nil)
        }
        let delayed = Self.isDelay(recipient)
        let (reason, byWords) = AdviceWords.reading(of: recipient, delayed: delayed)
        let inbound = forRecipient ? AdviceTable.inbound(reason) : nil
        let rule = inbound ?? AdviceTable.rule(for: reason, feedbackType: recipient.feedbackType)
        var codeText = ""
        let codes = [recipient.replyCode, StatusCode.isPseudo(recipient.status) ? "" : recipient.status].filter {
            !$0.isEmpty
        }
        if !codes.isEmpty { codeText = " (" + codes.joined(separator: " ") + ")" }
        let address: LocalizedText.Argument =
            recipient.address.isEmpty ? .text(L("the recipient")) : .verbatim(recipient.address)
        let domain = AddressText.domain(of: recipient.address)
        let places: [String: LocalizedText.Argument] = [
            "address": address,
            "domain": domain.isEmpty ? .text(L("the recipient's domain")) : .verbatim(domain),
            "code": .verbatim(codeText),
        ]
        func filled(_ text: LocalizedText) -> LocalizedText { text.filling(places) }
        var summary = filled(rule.summary)
        // A deferral and a sending limit say themselves whether the message waits; the lead would repeat it.
        if delayed, inbound == nil, !AdviceTable.saysWhetherItWaits.contains(reason) {
            let lead =
                L(
                    "This is a delay, not a final failure: the sending server keeps the message and tries again, usually for several days."
                )
            // "Expired" says the sender gave up, which a delay notice is not.
            summary =
                recipient.reason == "expired"
                ? L("\(lead) The receiving side has not taken it yet\(codeText).") : L("\(lead) \(summary)")
        }
        var advice = BounceAdvice(
            summary: summary, side: rule.side, whatToDo: rule.whatToDo.map(filled),
            articleIDs: articles(for: recipient, rule: rule, byWords: byWords),
            check: check(for: recipient, rule: rule))
        advice.reason = reason
        advice.decidedByWords = byWords
        return advice
    }

    /// Whether the report is a delay notice: the action says so, or the server's reply is temporary (4xx)
    /// and the sender has not given up ("expired").
    public static func isDelay(_ recipient: BounceRecipient) -> Bool {
        let action = recipient.action.asciiLowercased
        if action == "delayed" { return true }
        // A temporary code is a delay, unless the sender already gave up retrying ("expired").
        guard action.isEmpty || action == "failed", recipient.reason != "expired" else { return false }
        // The sender says it gave up for good ("Technical details of permanent failure", Gmail's wording
        // around a 452 over-quota): no retry is coming, whatever the code.
        if recipient.diagnostic.asciiLowercased.contains("permanent failure") { return false }
        let status = StatusCode.isPseudo(recipient.status) ? "" : recipient.status
        let temporary = recipient.replyCode.hasPrefix("4") || status.hasPrefix("4.")
        return temporary && (action.isEmpty || recipient.replyCode.hasPrefix("4"))
    }

    /// The knowledge-base article ids of ``advice()`` alone (no summary or check is built).
    public func articleIDs() -> [String] {
        guard let recipient = mostImportantRecipient() else { return [] }
        let (reason, byWords) = AdviceWords.reading(of: recipient, delayed: Self.isDelay(recipient))
        let rule = AdviceTable.rule(for: reason, feedbackType: recipient.feedbackType)
        return articles(for: recipient, rule: rule, byWords: byWords)
    }

    /// The recipient that matters most: a hard failure first, then any failure, then the first.
    public func mostImportantRecipient() -> BounceRecipient? {
        recipients.first { $0.hardBounce }
            ?? recipients.first { $0.action == "failed" }
            ?? recipients.first { $0.action != "delivered" }
            ?? recipients.first
    }

    /// The rule's articles, after those of a specific status code unless the server's words decided the
    /// reason (a "550 5.7.1 … relaying denied" is about relaying, not the 5.7.1 policy article).
    private func articles(for recipient: BounceRecipient, rule: AdviceRule, byWords: Bool) -> [String] {
        var ids = [String]()
        let status = StatusCode.isPseudo(recipient.status) ? "" : recipient.status
        if status == "5.7.26" || status == "4.7.26" { ids.append("smtp-550-5.7.26") }
        if recipient.replyCode == "550", status == "5.7.1", !byWords { ids.append("smtp-550-5.7.1") }
        let codeArticle = AdviceTable.replyArticles.contains(recipient.replyCode) ? "smtp-" + recipient.replyCode : nil
        // A temporary refusal is best read in its own code's article (421, 450, 451 each list their causes).
        if let codeArticle, AdviceTable.codeArticleFirst.contains(rule.reason) { ids.append(codeArticle) }
        ids.append(contentsOf: rule.articles)
        if let codeArticle { ids.append(codeArticle) }
        if !ids.isEmpty { ids.append("smtp-reply-codes") }
        // A handful of ids: a linear check is cheaper than a set.
        var unique = [String]()
        unique.reserveCapacity(ids.count)
        for id in ids where !unique.contains(id) { unique.append(id) }
        return unique
    }

    private func check(for recipient: BounceRecipient, rule: AdviceRule) -> SuggestedCheck? {
        let recipientDomain = AddressText.domain(of: recipient.address)
        let lowered = recipient.diagnostic.asciiLowercased
        let mentionsBlocklist = [
            "spamhaus", "blocklist", "blacklist", "block list", "black list", "rbl", "dnsbl", "spamcop",
            "barracudacentral",
        ]
        .contains { lowered.containsBytes($0) }
        var kind = rule.check
        if mentionsBlocklist && (kind == .none || recipient.reason == "rejected" || recipient.reason == "onhold") {
            kind = .blocklist
        }
        if kind == .senderDomain, Self.pointsAtAuthentication(lowered) { kind = .authentication }
        var sendingDomain = recipient.sendingDomain
        if sendingDomain.isEmpty { sendingDomain = AddressText.domain(of: sender ?? "").asciiLowercased }
        if sendingDomain.isEmpty { sendingDomain = Self.authenticatedDomain(in: recipient.diagnostic) }
        switch kind {
        case .none:
            return nil
        case .authentication:
            let domain = sendingDomain
            let subject =
                recipient.reason == "feedback"
                ? L("The report is about authentication") : L("The rejection points at authentication")
            return SuggestedCheck(
                checkIDs: ["spf", "dkim", "dmarc"], target: domain,
                why: domain.isEmpty
                    ? L("\(subject): check SPF, DKIM and DMARC of your sending domain.")
                    : L("\(subject): check SPF, DKIM and DMARC of your sending domain \(domain)."))
        case .senderDomain:
            let domain = sendingDomain
            return SuggestedCheck(
                checkIDs: ["domain", "mx"], target: domain,
                why: domain.isEmpty
                    ? L(
                        "Check that your sending domain exists and publishes MX records: servers refuse senders they cannot reply to."
                    )
                    : L(
                        "Check that your sending domain \(domain) exists and publishes MX records: servers refuse senders they cannot reply to."
                    )
            )
        case .blocklist:
            // Only the IP the blocklist phrase names, or the one a reputation refusal names as the sender's:
            // another IP in the text is often the receiving server's.
            var address = recipient.blockedIP
            if address.isEmpty { address = Roles.clientIP(in: recipient.diagnostic, remoteIP: recipient.remoteIP) }
            return SuggestedCheck(
                checkIDs: ["dnsbl"], target: address,
                why: address.isEmpty
                    ? L("Check your sending server's IP against DNS blocklists.")
                    : L("The message quotes the IP \(address); check it against DNS blocklists."))
        case .recipientMX:
            let domain = recipientDomain.isEmpty ? Self.mentionedDomain(in: recipient.diagnostic) : recipientDomain
            // A refused relay without a recipient is a mail program's login problem: no domain to check.
            if domain.isEmpty, rule.reason == "norelaying" { return nil }
            return SuggestedCheck(
                checkIDs: ["mx"], target: domain,
                why: domain.isEmpty
                    ? L(
                        "Check that the recipient's domain has working MX records, so you know the domain receives mail."
                    )
                    : L("Check that \(domain) has working MX records, so you know the domain itself receives mail."))
        case .recipientDomain:
            let domain = recipientDomain.isEmpty ? Self.mentionedDomain(in: recipient.diagnostic) : recipientDomain
            return SuggestedCheck(
                checkIDs: ["domain", "mx"], target: domain,
                why: domain.isEmpty
                    ? L("Check that the recipient's domain exists and publishes MX records.")
                    : L("Check that \(domain) exists and publishes MX records."))
        case .reverseDNS:
            let address = Self.quotedIP(in: recipient.diagnostic, except: recipient.remoteIP)
            return SuggestedCheck(
                checkIDs: ["ptr"], target: address,
                why: address.isEmpty
                    ? L("Check the reverse DNS (PTR) of your sending server's IP.")
                    : L("Check the reverse DNS (PTR) of \(address), the IP the server saw."))
        }
    }

    /// Phrases after which receivers name the domain whose SPF, DKIM or DMARC failed (data, not prose).
    private static let domainMarkers = [
        "spf check for [", "dmarc policy of ", "dmarc policy for ", "header.from=",  // data
        "domain of ", "from domain ", "for domain ", "smtp.mailfrom=",  // data
        "unauthenticated email from ", "unauthenticated mail from ",  // data
        "sending domain ",
    ]

    /// Words that show a refused sender was refused for authentication (SPF, DKIM, DMARC, Sender ID).
    private static let authenticationWords = [
        "spf", "dkim", "dmarc", "authenticat", "5.7.26", "purported responsible", "sender id", "senderid",
    ]

    /// True when a lower-case diagnostic points at SPF, DKIM, DMARC or Sender ID rather than at the address.
    static func pointsAtAuthentication(_ lowered: String) -> Bool {
        authenticationWords.contains { lowered.containsBytes($0) }
    }

    /// Phrases after which errors name the recipient's domain ("name=example.org type=MX").
    private static let recipientDomainMarkers = ["name=", "domain name not found: ", "domain ", "@"]  // data

    /// The domain named in an authentication failure ("SPF check for [example.com] did not pass"), or "".
    static func authenticatedDomain(in text: String) -> String { domain(in: text, after: domainMarkers) }

    /// The recipient's domain named in an error without an address ("Host not found: name=example.org"), or "".
    static func mentionedDomain(in text: String) -> String { domain(in: text, after: recipientDomainMarkers) }

    private static func domain(in text: String, after markers: [String]) -> String {
        let lowered = Array(text.loweredForMatching.utf8)
        for marker in markers {
            let needle = Array(marker.utf8)
            var from = 0
            while let start = ByteSearch.find(needle, in: lowered, from: from) {
                from = start + needle.count
                var index = from
                while index < lowered.count, lowered[index] == UInt8(ascii: "<") || lowered[index] == UInt8(ascii: "[")
                {
                    index += 1
                }
                var end = index
                while end < lowered.count, HostText.isHostByte(lowered[end]) { end += 1 }
                while end > index, lowered[end - 1] == UInt8(ascii: ".") { end -= 1 }
                var candidate = String(decoding: lowered[index..<end], as: UTF8.self)
                if let at = candidate.utf8.lastIndex(of: UInt8(ascii: "@")) {
                    candidate = String(candidate[candidate.index(after: at)...])
                }
                if HostText.isHostName(candidate) { return candidate }
            }
        }
        return ""
    }

    /// The first public IPv4 address quoted in the text ("" when none).
    static func quotedIP(in text: String, except remoteIP: String = "") -> String {
        for address in IPv4.addresses(in: text) where address != remoteIP {
            let octets = address.split(separator: ".").compactMap { Int($0) }
            guard octets.count == 4 else { continue }
            if octets[0] == 10 || octets[0] == 127 || (octets[0] == 192 && octets[1] == 168)
                || (octets[0] == 172 && (16...31).contains(octets[1])) || octets[0] == 0
            {
                continue
            }
            return address
        }
        return ""
    }
}

extension String {
    /// Copy with every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, var range = rangeOfBytes(target) else { return self }
        var result = String(self[..<range.lowerBound])
        result += replacement
        var rest = self[range.upperBound...]
        while let next = rest.rangeOfBytes(target) {
            range = next
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }

    /// Lower-cased copy for phrase matching: ASCII-only text takes the cheap byte path.
    var loweredForMatching: String {
        for byte in utf8 where byte >= 0x80 { return lowercased() }
        return asciiLowercased
    }
}
