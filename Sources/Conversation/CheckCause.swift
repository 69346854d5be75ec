import ByteText
import Checks
import Knowledge
import Localization
import MailModel

/// Ties check results back to what the person described: a null or dead MX for "I receive nothing", a
/// broken SPF, DKIM or DMARC for a rejection or the spam folder, a blocklist entry for a refused
/// message. The finding is then stated as the likely cause, with the fix, instead of as one result
/// among others.
struct CheckCause {
    /// A sentence that continues after a colon: its first word in lower case when it is an ordinary
    /// capitalised word ("The MX records…" → "the MX records…"), never a name or an acronym ("SPF", "DKIM").
    /// German keeps it: a full sentence after a colon starts with a capital there, and "Ihre" is not "ihre".
    static func continuing(_ sentence: String) -> String {
        guard Localizer.current.language != .german else { return sentence }
        let characters = Array(sentence.prefix(2))
        guard characters.count == 2, characters[0].isUppercase, characters[1].isLowercase else { return sentence }
        return sentence.prefix(1).lowercased() + sentence.dropFirst()
    }

    /// What the person described, as the conversation knows it.
    enum Complaint: Equatable {
        /// Mail to them does not arrive.
        case receiving
        /// Their mail is rejected, bounced or put in spam for authentication.
        case authentication
        /// Their mail is refused because of their sending IP's reputation.
        case reputation
    }

    /// Finding codes that stop a domain from receiving, most telling first.
    static let receivingCodes: [FindingCode] = [
        .mxNull, .mxNXDomain, .mxNone, .mxNoAddress, .mxUnreachable, .mxPrivateAddress,
        .mxProviderMismatch,
    ]
    /// Finding codes that make authentication fail.
    static let authenticationCodes: [FindingCode] = [
        .spfResult(.fail), .spfResult(.softfail), .spfMissing, .spfMultipleRecords, .spfTooManyLookups,
        .spfSyntaxError, .spfProviderIncludeMissing, .dkimRevoked, .dkimKeyMissing, .dkimShortKey,
        .dkimWeakKey, .dkimKeyInvalid, .dkimSyntaxError, .dkimProviderSelectorMissing, .dmarcMissing,
        .dmarcMultipleRecords, .dmarcSyntaxError, .dmarcPolicyQuarantine, .dmarcPolicyReject,
    ]
    /// Finding codes of a listed IP.
    static let reputationCodes: [FindingCode] = [.dnsblListed, .ptrMissing, .ptrGeneric, .ptrFCrDNSMismatch]

    /// Articles whose topic is each kind of complaint.
    static let receivingArticles: Set<String> = [
        "mx-records", "service-active", "incidents", "webmail-test", "mailbox-full", "smtp-550",
    ]
    static let authenticationArticles: Set<String> = [
        "spf", "dkim", "dmarc", "smtp-550-5.7.26", "smtp-550-5.7.1", "account-blocked-spam",
    ]
    static let reputationArticles: Set<String> = ["blacklists", "smtp-554", "reverse-dns", "smtp-550-5.7.1"]

    /// The complaint a session is about, if it says; `articles` are the ones the current message points to.
    static func complaint(of session: Session, articles: [String] = [], direction: Direction = .unknown)
        -> Complaint?
    {
        // "Mail does not arrive" in the person's words decides over the article the words ranked first.
        if direction == .receiving { return .receiving }
        let topics = articles + [session.topic?.article].compactMap { $0 } + session.articlesGiven.suffix(3).reversed()
        for topic in topics {
            if reputationArticles.contains(topic), topic != "smtp-550-5.7.1" { return .reputation }
            if authenticationArticles.contains(topic) { return .authentication }
            if receivingArticles.contains(topic) { return .receiving }
        }
        if let codes = session.lastBounce?.codes {
            if codes.contains("5.7.26") || codes.contains("5.7.23") || codes.contains("5.7.25") {
                return .authentication
            }
        }
        if session.direction == .receiving { return .receiving }
        return nil
    }

    /// The sentence that names the cause and its fix, the check whose result it is and the finding it
    /// states (not to be repeated below it); nil when no result explains the complaint. On a recipient's
    /// domain (`othersDomain`) only a domain that cannot receive explains anything, and the fix is theirs.
    static func statement(
        for results: [CheckResult], target: String, session: Session, provider: ProviderProfile,
        articles: [String] = [], direction: Direction = .unknown, othersDomain: Bool = false
    ) -> (text: String, check: CheckID, code: FindingCode)? {
        // A recipient's domain that does not exist is said below, as theirs to fix.
        if !othersDomain, let missing = missingDomain(in: results) { return missing }
        guard let complaint = complaint(of: session, articles: articles, direction: direction),
            !othersDomain || complaint == .receiving
        else { return nil }
        // A null MX is only information for a domain that sends and never receives; for a person who
        // receives nothing it is the cause.
        let findings = results.flatMap(\.findings).filter {
            $0.severity == .fail || $0.severity == .warn || (complaint == .receiving && $0.code == .mxNull)
        }
        let codes: [FindingCode]
        switch complaint {
        // A recipient's domain may use any provider: only a domain that cannot receive explains a failure.
        case .receiving: codes = othersDomain ? receivingCodes.filter { $0 != .mxProviderMismatch } : receivingCodes
        case .authentication: codes = authenticationCodes
        case .reputation: codes = reputationCodes
        }
        guard let code = codes.first(where: { code in findings.contains { $0.code == code } }),
            let finding = findings.first(where: { $0.code == code }),
            let check = results.first(where: { $0.findings.contains { $0.code == code } })?.id
        else { return nil }
        if othersDomain {
            let text = tr(
                "This is most likely why your mail to \(target) cannot be delivered: \(Self.continuing(Self.firstSentence(of: finding.message))) That is on the recipient's side, not yours: only whoever runs \(target) can fix it, so let them know by another channel (phone or another address)."
            )
            return (text, check, code)
        }
        let symptom: String
        switch complaint {
        case .receiving: symptom = tr("mail to \(target) does not arrive")
        case .authentication: symptom = tr("your mail is rejected or lands in spam")
        case .reputation: symptom = tr("your mail is refused")
        }
        // One fix, never two wordings of it: the finding's own when it is specific to the problem, else its
        // diagnosis and the fix with the provider's values.
        let firstLine = String(finding.message.split(separator: "\n", maxSplits: 1).first ?? "")
        let diagnosis = ownFixCodes.contains(code) ? firstLine : Self.firstSentence(of: firstLine)
        let fix = ownFixCodes.contains(code) ? "" : fix(for: code, target: target, provider: provider)
        let text = tr("This is most likely why \(symptom): \(Self.continuing(diagnosis)) \(fix)")
        return (String(text.trimmed), check, code)
    }

    /// A domain that does not exist (NXDOMAIN) comes before anything else about it: without the domain no
    /// MX, SPF, DKIM or DMARC record can work, whatever was described.
    /// Without the domain check, the MX or SPF check says it (SPF, DKIM and DMARC alone after a bounce).
    static func missingDomain(in results: [CheckResult]) -> (text: String, check: CheckID, code: FindingCode)? {
        let codes: [FindingCode] = [.domainNXDomain, .mxNXDomain, .spfNXDomain]
        guard let code = codes.first(where: { code in results.contains { $0.findings.contains { $0.code == code } } }),
            let result = results.first(where: { $0.findings.contains { $0.code == code } }),
            let finding = result.findings.first(where: { $0.code == code })
        else { return nil }
        let text = tr(
            "Start here: \(finding.message) As long as the domain does not exist, none of its records (MX, SPF, DKIM, DMARC) can work, so the other results follow from this one."
        )
        return (text, result.id, code)
    }

    /// Findings whose message ends with a fix for that very problem ("Merge them into one", "Replace some
    /// include:… with ip4:…"), better than the general fix of their family.
    static let ownFixCodes: Set<FindingCode> = [
        .spfTooManyLookups, .spfMultipleRecords, .spfProviderIncludeMissing, .dmarcMissing, .dmarcMultipleRecords,
        .dkimProviderSelectorMissing, .dkimKeyMissing, .dkimRevoked, .dkimWeakKey, .dkimShortKey,
    ]

    /// The first sentence of a finding's message: up to a full stop followed by a capitalised word, the
    /// stop ending a word of two letters or more (not "z. B." or "e.g."); the whole message otherwise.
    static func firstSentence(of message: String) -> String {
        let characters = Array(message)
        var index = 0
        while index + 2 < characters.count {
            defer { index += 1 }
            guard characters[index] == ".", characters[index + 1] == " ", characters[index + 2].isUppercase else {
                continue
            }
            let word = characters[..<index].reversed().prefix { $0.isLetter || $0.isNumber || $0 == ")" }
            if word.count >= 2 { return String(characters[...index]) }
        }
        return message
    }

    /// What to do about a finding, with the provider's own values.
    static func fix(for code: FindingCode, target: String, provider: ProviderProfile) -> String {
        let render = provider.render
        switch code.rawValue.split(separator: ".").first ?? "" {
        case "mx":
            return render(
                tr(
                    "To fix it, point the MX records of \(target) to {{provider.mx_hosts}} in the domain's DNS zone; the change takes {{provider.propagation}} to be seen everywhere."
                )
            )
        case "spf":
            return render(
                tr(
                    "To fix it, keep exactly one SPF record and make it include {{provider.spf_include}} and every other service that sends for \(target), for example `v=spf1 include:{{provider.spf_include}} ~all`."
                )
            )
        case "dkim":
            return
                tr(
                    "To fix it, create a new 2048-bit key in your provider's DKIM settings and publish the record it gives you in the DNS zone of \(target)."
                )
        case "dmarc":
            return
                tr(
                    "To fix it, publish one valid record at _dmarc.\(target), for example `v=DMARC1; p=none; rua=mailto:postmaster@\(target)`, and tighten the policy once the reports show your own mail passes."
                )
        case "ptr":
            return
                tr(
                    "To fix it, ask whoever owns the IP address (your hosting company or internet provider) to set its reverse DNS to the mail server's name, the same name that resolves back to that address."
                )
        default:
            return
                tr(
                    "To fix it, find and stop what sent the spam from that address, then ask the blocklist to remove it (the blocklists article has the steps)."
                )
        }
    }
}
