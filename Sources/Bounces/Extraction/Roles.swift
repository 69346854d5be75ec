import ByteText
import Foundation

/// Gives the hosts, addresses and words of a bounce their roles: the server that refused, the one that
/// wrote the report, the client IP a blocklist names, the sender's domain and the server's own words.
///
/// Each role comes only from a place that names it; nothing is guessed from a host or IP that merely
/// appears somewhere in the text.
enum Roles {
    /// Fills the role fields of `recipient` from the fact it was built from (`fact.remoteMTA` as the
    /// recogniser found it, before any guess) and its cleaned diagnostic.
    static func fill(_ recipient: inout BounceRecipient, fact: DeliveryFacts) {
        // A server's reply is a few hundred bytes: the start of a long diagnostic is all that is read.
        let diagnosis =
            recipient.diagnostic.utf8.count > maxDiagnosticBytes
            ? String(decoding: recipient.diagnostic.utf8.prefix(maxDiagnosticBytes), as: UTF8.self)
            : recipient.diagnostic
        // A complaint report or an automatic reply was refused by no server: its hosts are the
        // reported source or the replier, so only the sender's domain applies.
        if recipient.reason == "feedback" || recipient.reason == "vacation" {
            recipient.reportingServer = hostName(fact.reportingMTA)
            return
        }
        let reporting = hostName(fact.reportingMTA)
        recipient.reportingServer = reporting.isEmpty ? reportingHost(in: diagnosis) : reporting
        let named = refusingHost(in: diagnosis, except: recipient.reportingServer)
        let given = hostName(fact.remoteMTA)
        var remote = named
        if fact.remoteFromField, !given.isEmpty, given != recipient.reportingServer {
            // A DSN's Remote-MTA field names the refusing host; the text may add its IP.
            remote = (given, named.host == given ? named.ip : "")
        } else if remote.host.isEmpty, given != recipient.reportingServer {
            remote.host = given
        }
        if remote.host.isEmpty, remote.ip.isEmpty {
            let literal = fact.remoteMTA.split(separator: ";").last.map { String($0).trimmingCharactersBlank() } ?? ""
            remote.ip = ipText(literal.trimming("[]"))
        }
        recipient.remoteServer = remote.host
        recipient.remoteIP = remote.ip
        recipient.blockedIP = blockedIP(in: diagnosis, remoteIP: remote.ip)
        let lowered = diagnosis.asciiLowercased
        if ["spf", "dkim", "dmarc", "authenticat", "designate"].contains(where: { lowered.containsBytes($0) }) {
            recipient.sendingDomain = BounceReport.authenticatedDomain(in: diagnosis)
        }
        recipient.serverText = serverText(in: diagnosis)
    }

    /// How much of a diagnostic the roles are looked for in (bytes).
    static let maxDiagnosticBytes = 8_192

    /// `value` as a lower-case host name ("dns; mx.example.org." → "mx.example.org"), or "" when it is none.
    static func hostName(_ value: String) -> String {
        var text = Substring(value.trimmingCharactersBlank())
        if let semicolon = text.firstIndex(of: ";") { text = text[text.index(after: semicolon)...] }
        let host = String(text).trimmingCharactersBlank().trimming("[]<>().:,").asciiLowercased
        return HostText.isHostName(host) && !HostText.endsInCamelCase(host) ? host : ""
    }

    /// The first `needle` in `text`, compared byte by byte (Foundation's `range(of:)` goes through
    /// NSString and was a third of the bounce reader's time here). `needle` is ASCII, so a match always
    /// starts and ends on a character boundary of `text`.
    static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        let bytes = text.utf8
        var start = bytes.startIndex
        while let hit = bytes[start...].firstIndex(of: first) {
            var index = hit
            var matched = 0
            while matched < pattern.count, index < bytes.endIndex, bytes[index] == pattern[matched] {
                index = bytes.index(after: index)
                matched += 1
            }
            if matched == pattern.count { return hit..<index }
            start = bytes.index(after: hit)
        }
        return nil
    }

    /// The last `needle` (ASCII) in `text`, compared byte by byte like ``firstRange(of:in:)``.
    static func lastRange(of needle: String, in text: Substring) -> Range<String.Index>? {
        var found: Range<String.Index>?
        var rest = text
        while let range = firstRange(of: needle, in: rest) {
            found = range
            rest = text[range.upperBound...]
        }
        return found
    }

    // MARK: - Hosts

    /// Phrases that put the refusing host right after them, most specific first.
    private static let refusingMarkers = [
        "host ", "h=", "relay=", "refused by ", "rejected by ", "connect to ", "by the server for",
        "remote host ", "remote server ",
    ]

    /// The host that refused (and its IP), as the diagnostic names it: "host X[ip] said", "H=X [ip]",
    /// "relay=X[ip]", "connect to X[ip]:25", "refused by X", "rejected … by X. [ip]".
    static func refusingHost(in text: String, except reporting: String = "") -> (host: String, ip: String) {
        let lowered = text.asciiLowercased
        for marker in refusingMarkers {
            var from = lowered.startIndex
            while let range = firstRange(of: marker, in: lowered[from...]) {
                from = range.upperBound
                // A marker inside a word ("ghost ", "xh=") is no marker.
                if range.lowerBound > lowered.startIndex {
                    let before = lowered[lowered.index(before: range.lowerBound)]
                    if before.isLetter || before.isNumber { continue }
                }
                // "The mail system at host X", "generated by … at host X": the host that wrote the report.
                if marker == "host ", lowered[..<range.lowerBound].hasSuffix(" at ") { continue }
                var rest = lowered[range.upperBound...]
                if marker == "by the server for" {
                    // Gmail: "rejected by the server for the recipient domain D by X. [ip]."
                    guard let by = firstRange(of: " by ", in: rest) else { continue }
                    rest = rest[by.upperBound...]
                }
                let found = hostAndIP(rest)
                if !found.host.isEmpty, found.host != reporting { return found }
            }
        }
        return ("", "")
    }

    /// A host name at the start of `text`, with the IP that follows it ("mx.example.org[192.0.2.1]:25",
    /// "mx.example.org [192.0.2.1]", "mx.example.org. [192.0.2.1]").
    static func hostAndIP(_ text: Substring) -> (host: String, ip: String) {
        let name = text.prefix { HostText.isHostByte($0.asciiValue ?? 0) }
        var host = String(name)
        while host.hasSuffix(".") { host.removeLast() }
        guard HostText.isHostName(host), !HostText.endsInCamelCase(host), !isIP(host) else { return ("", "") }
        var rest = text[name.endIndex...].drop { $0 == " " }
        var ip = ""
        if rest.first == "[", let close = rest.firstIndex(of: "]") {
            let inside = String(rest[rest.index(after: rest.startIndex)..<close])
            ip = ipText(inside)
            rest = rest[close...]
        }
        return (host, ip)
    }

    /// The canonical text of an IP literal ("IPv6:2001:db8::1" → "2001:db8::1"), or "".
    static func ipText(_ text: String) -> String {
        var value = text
        if value.lowercased().hasPrefix("ipv6:") { value = String(value.dropFirst(5)) }
        return isIP(value) ? value : ""
    }

    /// True for a dotted-quad IPv4 address or an IPv6 address in text form.
    static func isIP(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 4 {
            return parts.allSatisfy { part in
                !part.isEmpty && part.count <= 3 && part.allSatisfy { $0 >= "0" && $0 <= "9" }
                    && Int(part).map { $0 <= 255 } == true
            }
        }
        // IPv6: hex groups of up to 4 digits, eight of them or fewer with one "::" (a clock time is none).
        let colons = text.filter { $0 == ":" }.count
        guard colons >= 2, colons <= 7, text.count <= 45, colons == 7 || text.containsBytes("::") else { return false }
        guard text.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return false }
        let groups = text.split(separator: ":", omittingEmptySubsequences: true)
        return !groups.isEmpty && groups.allSatisfy { $0.count <= 4 || ($0.containsBytes(".") && isIP(String($0))) }
    }

    /// "This is the mail system at host X." (Postfix) and similar self-introductions of the reporting host.
    static func reportingHost(in text: String) -> String {
        let lowered = text.asciiLowercased
        for marker in ["mail system at host ", "generating server: ", "this is the mail transport agent at "] {
            guard let range = firstRange(of: marker, in: lowered[...]) else { continue }
            let found = hostAndIP(lowered[range.upperBound...])
            if !found.host.isEmpty { return found.host }
        }
        return ""
    }

    // MARK: - Blocklisted IP

    /// Words that show the text is a blocklist rejection.
    private static let blocklistWords = [
        "blocked using", "rbl", "dnsbl", "blacklist", "blocklist", "block list", "black list", "spamhaus",
        "spamcop", "barracuda", "sorbs", "uceprotect", "listed at", "listed in", "listed on", "listed by",
        "is listed", "are listed", "banned sending ip", "banned ip",
    ]
    /// Words right after an IP that name it as the listed one ("[IP] blocked using", "IP is in an RBL").
    private static let listedAfter = [
        "blocked using", "is in an rbl", "is listed", "listed at", "listed in", "listed on", "listed by",
        "is blacklisted", "is blocklisted", "is blocked", "blacklisted", "blocklisted", "has been blacklisted",
        "has been blocked", "found in", "on the blocklist", "on a blocklist", "on the blacklist",
    ]
    /// Words right before an IP that name it as the listed one ("query/ip/IP", "listed: IP").
    private static let listedBefore = [
        "query/ip/", "lookup?ip=", "?ip=", "&ip=", "/ip/", "listed: ", "blacklisted: ", "blocked: ",
        "client host [", "client host ", "client [", "client ip ", "client ", "your ip ", "your ip address ",
        "sending ip ", "sender ip ", "ip address ", "ip ", "listed ip ", "sending ip [", "ip [", "ip address [",
        "messages from ", "mail from ",
    ]

    /// The client IP a blocklist phrase names, never the remote server's own address; "" when none.
    static func blockedIP(in text: String, remoteIP: String) -> String {
        let lowered = text.asciiLowercased
        guard blocklistWords.contains(where: { lowered.containsBytes($0) }) else { return "" }
        return listedIP(in: lowered, remoteIP: remoteIP)
    }

    /// The sending client's IP as a refusal names it without blocklist words ("Messages from IP temporarily
    /// deferred due to user complaints", Gmail's "[IP 1] … mail sent from your IP address has been
    /// blocked"), never the remote server's own address; "" when none. For the blocklist check of a
    /// reputation refusal, where ``blockedIP(in:remoteIP:)`` finds no blocklist phrase.
    static func clientIP(in text: String, remoteIP: String) -> String {
        listedIP(in: text.asciiLowercased, remoteIP: remoteIP)
    }

    /// The IP that `lowered` names as the listed or refused client (see ``blockedIP(in:remoteIP:)``).
    private static func listedIP(in lowered: String, remoteIP: String) -> String {
        let found = ipRanges(in: lowered)
        var fallback = ""
        for (index, range) in found.enumerated() {
            let ip = String(lowered[range])
            guard ip != remoteIP, isPublic(ip) else { continue }
            let nextStart = index + 1 < found.count ? found[index + 1].lowerBound : lowered.endIndex
            var after = lowered[range.upperBound..<nextStart].prefix(48)
            after = after.drop { " ]):;,'\"".contains($0) }
            if listedAfter.contains(where: { after.hasPrefix($0) || after.prefix(24).containsBytes($0) }) { return ip }
            let previousEnd = index > 0 ? found[index - 1].upperBound : lowered.startIndex
            let before = lowered[previousEnd..<range.lowerBound].suffix(20)
            // Gmail's "[IP N]" before its words is the client it saw.
            if before.hasSuffix("["), after.first?.isNumber == true,
                lowered[range.upperBound...].prefix(8).drop(while: { $0 == " " || $0.isNumber }).first == "]",
                lowered[range.upperBound...].first == " "
            {
                return ip
            }
            // "host mx.example.org[IP]" names the server, not the client.
            if before.hasSuffix("[") || before.hasSuffix("(") {
                let name = before.dropLast().reversed().prefix { HostText.isHostByte($0.asciiValue ?? 0) }
                if name.count > 3, !before.hasSuffix("client host ["), !before.hasSuffix("client [") { continue }
            }
            if fallback.isEmpty, listedBefore.contains(where: { before.hasSuffix($0) }) { fallback = ip }
        }
        return fallback
    }

    /// Ranges of IPv4 and IPv6 literals in lower-case text.
    static func ipRanges(in text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character.isHexDigit || character == ":" else {
                index = text.index(after: index)
                continue
            }
            var end = index
            while end < text.endIndex, text[end].isHexDigit || text[end] == ":" || text[end] == "." {
                end = text.index(after: end)
            }
            var candidate = text[index..<end]
            while let last = candidate.last, last == "." || last == ":" && !candidate.hasSuffix("::") {
                candidate = candidate.dropLast()
            }
            let startsWord = index == text.startIndex || !isWordCharacter(text[text.index(before: index)])
            let endsWord = candidate.endIndex == text.endIndex || !isWordCharacter(text[candidate.endIndex])
            if startsWord, endsWord, isIP(String(candidate)) {
                result.append(candidate.startIndex..<candidate.endIndex)
            }
            index = end > index ? end : text.index(after: index)
        }
        return result
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "_"
    }

    /// False for loopback, private, link-local and documentation-free local ranges an RBL never lists.
    static func isPublic(_ ip: String) -> Bool {
        if ip.containsBytes(":") {
            return !(ip == "::1" || ip.hasPrefix("fe80:") || ip.hasPrefix("fc") || ip.hasPrefix("fd"))
        }
        let octets = ip.split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return false }
        return
            !(octets[0] == 10 || octets[0] == 127 || octets[0] == 0 || (octets[0] == 192 && octets[1] == 168)
            || (octets[0] == 172 && (16...31).contains(octets[1])) || (octets[0] == 169 && octets[1] == 254))
    }

    // MARK: - The server's own words

    /// Phrases after which a report quotes the server (the quote runs to the end, or to the closing mark),
    /// in the order they are looked for.
    private static let quoteMarkers: [(open: String, close: String?)] = [
        ("remote server returned '", "'"), ("server response: '", "'"),
        // Exchange's notices in other languages ("Remoteserver hat '550 …' zurückgegeben").
        ("remoteserver hat '", "'"), ("le serveur distant a retourné '", "'"), ("el servidor remoto devolvió '", "'"),
        ("il server remoto ha restituito '", "'"), ("o servidor remoto retornou '", "'"),
        ("the error that the other server returned was:", nil), ("the response was:", nil),
        ("smtp error from remote mail server after ", nil), ("refused to talk to me: ", nil), ("said: ", nil),
        ("remote server said: ", nil),
    ]

    /// How notices that quote no server begin: their words are the report's, not the server's.
    private static let boilerplate = [
        "delivery to the following recipient", "technical details of", "** address not found", "** message not",
        "** delivery incomplete", "your message wasn't delivered", "your message was not delivered",
        "this is the mail system", "delivery has failed", "the email address you entered", "the following recipient",
        "i'm sorry to have to", "this is an automatically generated", "this message was created automatically",
        "mail delivery failed", "delivery status notification", "undeliverable", "your message could not be delivered",
        "this is a warning message only", "this is a warning only", "unable to deliver message to the following",
        "each of the following recipients", "the original message was received at",
    ]

    /// Lead-ins of a notice that go before the server's words and the recipients they list
    /// ("An error occurred while trying to deliver the mail to the following recipients: a@b.example …").
    private static let leadIns = ["an error occurred while trying to deliver the mail to the following recipients:"]

    /// Sentences a report adds after the server's words (qmail, amavis, MailFoundry, Exim delay warnings,
    /// sendmail, Exchange's returned headers): the server's words end where the first begins.
    private static let trailers = [
        "i'm not going to try again", "giving up on ", "this nondelivery report was generated",
        "this has been a permanent failure", "no further delivery attempts will be made",
        "no action is required on your part", "delivery attempts will continue", "original message headers",
        "en-têtes de message d'origine", " ##", "message could not be delivered for ",
        "message will be deleted from queue", "------ this is a copy of the message", "--- below this line is a copy",
    ]

    /// The server's own words in a diagnostic: the quoted reply without "host X said:", "Remote Server
    /// returned '…'" or "(in reply to … command)" around it, without the report's own sentences before or
    /// after it, and without the words of a person who pasted it ("… How can I fix this?"); "" when the
    /// text quotes no server.
    static func serverText(in text: String, quotedOnly: Bool = false) -> String {
        guard !text.isEmpty else { return "" }
        let lowered = text.asciiLowercased
        var words = Substring(text)
        var quoted = false
        for marker in quoteMarkers where !quotedOnly || marker.close != nil || marker.open.containsBytes("server") {
            guard let range = firstRange(of: marker.open, in: lowered[...]) else { continue }
            // ASCII lower-casing keeps every byte in place: the same UTF-8 offset in the original text.
            let offset = lowered.utf8.distance(from: lowered.utf8.startIndex, to: range.upperBound)
            guard let start = text.utf8.index(text.utf8.startIndex, offsetBy: offset, limitedBy: text.utf8.endIndex)
            else { continue }
            var rest = text[start...]
            if marker.open.hasPrefix("smtp error from remote"), let colon = firstRange(of: ": ", in: rest) {
                // "… after RCPT TO:<bob@example.org>: 550 …": the reply follows the command.
                rest = rest[colon.upperBound...]
            }
            rest = beforeTrailer(rest)
            if let close = marker.close, let end = lastRange(of: close, in: rest) {
                rest = rest[..<end.lowerBound]
            }
            words = rest
            quoted = true
            break
        }
        if !quoted {
            if quotedOnly { return "" }
            // No quoting phrase: the words from the reply or status code on; without a code, the text
            // itself unless it is a report's own notice ("Delivery to the following recipient …"), which
            // may still end with a sendmail-style "<a@b.example>... Deferred: …".
            var body = withoutLeadingAddresses(Substring(text))
            let start = String(body).asciiLowercased
            if let leadIn = leadIns.first(where: { start.hasPrefix($0) }) {
                body = withoutLeadingAddresses(body.dropFirst(leadIn.count))
            }
            let notice = boilerplate.contains { String(body).asciiLowercased.hasPrefix($0) }
            if let code = replyStart(in: body) {
                words = body[code...]
            } else if notice {
                guard let range = lastRange(of: ">... ", in: body) else { return "" }
                words = body[range.upperBound...]
            } else {
                words = body
            }
            words = beforeTrailer(words)
        }
        var result = String(withoutHostPrefix(words)).trimmingCharactersBlank()
        for suffix in ["(in reply to ", "(in reply to"] {
            if let range = lastRange(of: suffix, in: result[...]),
                result[range.upperBound...].hasSuffix(")") || result[range.upperBound...].containsBytes("command")
            {
                result = String(result[..<range.lowerBound]).trimmingCharactersBlank()
            }
        }
        result = withoutPersonsWords(TextTools.sweep(result)).trimming("'\"")
        // A mark left standing alone where a trailer was cut off ("… later [#4.1.9]. /I'm not going …").
        while let last = result.last, last == "/" || last == "#", result.dropLast().last.map({ $0 == " " }) ?? true {
            result = String(result.dropLast()).trimmingCharactersBlank()
        }
        return result
    }

    /// `text` up to the first of the report's ``trailers`` (all of it when there is none).
    static func beforeTrailer(_ text: Substring) -> Substring {
        let lowered = String(text).asciiLowercased
        var end = lowered.endIndex
        for trailer in trailers {
            if let range = firstRange(of: trailer, in: lowered[..<end]) { end = range.lowerBound }
        }
        guard end < lowered.endIndex else { return text }
        // ASCII lower-casing keeps every byte in place: the same UTF-8 offset in `text`.
        let offset = lowered.utf8.distance(from: lowered.utf8.startIndex, to: end)
        return text[..<text.utf8.index(text.utf8.startIndex, offsetBy: offset)]
    }

    /// `text` without the recipient addresses a notice starts with ("<a@b.example> Each of …").
    private static func withoutLeadingAddresses(_ text: Substring) -> Substring {
        var rest = text.drop { $0 == " " }
        while let end = rest.firstIndex(of: " ") ?? (rest.isEmpty ? nil : rest.endIndex) {
            let token = rest[..<end].trimming("<>,;:()")
            guard AddressText.isEmailAddress(token) else { break }
            rest = rest[end...].drop { $0 == " " }
        }
        return rest
    }

    /// Where the server's reply starts in `text`: its reply code, else its status code, where it stands as a
    /// word of its own; nil when there is none, or only one the report appends ("(#5.4.4)", "[#4.1.9]").
    static func replyStart(in text: Substring) -> String.Index? {
        let line = String(text)
        let reply = ReplyCode.find(line)
        let code = reply.isEmpty ? StatusCode.find(line) : reply
        guard !code.isEmpty else { return nil }
        var from = text.startIndex
        while let range = firstRange(of: code, in: text[from...]) {
            from = range.upperBound
            let before = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let after = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            if before.isNumber || before == "." || after.isNumber { continue }
            // qmail's "(#5.4.4)" and "[#4.1.9]" close a notice; Exchange's "#550 5.1.1 …" opens the reply.
            if before == "#", range.lowerBound > text.index(after: text.startIndex) {
                let mark = text[text.index(range.lowerBound, offsetBy: -2)]
                if mark == "(" || mark == "[" { return nil }
            }
            return range.lowerBound
        }
        return nil
    }

    /// `text` without the framing an MTA puts before the reply ("host mx.example.org [192.0.2.1]: 550 …").
    private static func withoutHostPrefix(_ text: Substring) -> Substring {
        let rest = text.drop { $0 == " " }
        guard String(rest.prefix(5)).asciiLowercased == "host " else { return text }
        let afterHost = rest.dropFirst(5)
        let name = afterHost.prefix { HostText.isHostByte($0.asciiValue ?? 0) }
        guard HostText.isHostName(String(name).trimming(".")) else { return text }
        var tail = afterHost[name.endIndex...].drop { $0 == " " }
        if tail.first == "[", let close = tail.firstIndex(of: "]") { tail = tail[tail.index(after: close)...] }
        guard tail.first == ":" else { return text }
        return tail.dropFirst()
    }

    /// First words of a sentence that a person writes about their problem and a server never does
    /// ("My boss is waiting", "je l'ai déjà envoyé"): a sentence after the server's first one that starts
    /// with one of these is the person's (data: first-person singular words of the six languages; "we" and
    /// "our" are left out, as servers write "Our system has detected…").
    static let personsFirstWords: Set<String> = [
        "i", "i'm", "im", "i've", "ive", "my", "je", "j'ai", "mon", "ma", "mes", "ich", "mein", "meine", "yo",
        "mis", "io", "eu", "meu", "minha",
    ]

    /// `text` without what the person who pasted it wrote around it: from a question or an exclamation that
    /// follows the server's first sentence ("… this sender. How can I resolve this problem?", "… failed. it
    /// worked fine yesterday!!"), from a later sentence in the first person ("… full. My boss …"), from
    /// Markdown quoting (a backtick) or from an escaped line break (a backslash, "r", a backslash, "n") on.
    static func withoutPersonsWords(_ text: String) -> String {
        var result = Substring(text)
        for mark in ["`", "\\r\\n"] {
            if let range = firstRange(of: mark, in: result) { result = result[..<range.lowerBound] }
        }
        // A closing quote that opens nothing ends the person's quoting ("550 … denied" when I send).
        if let close = unmatchedClosingQuote(in: result) { result = result[..<close] }
        // Where the current sentence starts, once past the first one (which is always the server's).
        var sentence: String.Index?
        var index = result.startIndex
        while index < result.endIndex {
            let character = result[index]
            var next = result.index(after: index)
            // A closing quote after the mark belongs to the sentence ("… connection." What does it mean?).
            if ".!?".contains(character), next < result.endIndex, "\"'”»".contains(result[next]) {
                next = result.index(after: next)
            }
            let wide = character == "？" || character == "。"
            if wide || (".!?".contains(character) && (next == result.endIndex || result[next] == " ")) {
                if "?？!".contains(character), let start = sentence {
                    return String(result[..<start]).trimmingCharactersBlank()
                }
                if let start = sentence, startsInFirstPerson(result[start..<index]) {
                    return String(result[..<start]).trimmingCharactersBlank()
                }
                sentence = next
            }
            index = next
        }
        if let start = sentence, startsInFirstPerson(result[start...]) {
            return String(result[..<start]).trimmingCharactersBlank()
        }
        return String(result).trimmingCharactersBlank()
    }

    /// Where a closing quote that opens nothing stands: the only straight double quote of the text, or a
    /// `”` or `»` without its opening mark; nil when every quote is paired.
    private static func unmatchedClosingQuote(in text: Substring) -> String.Index? {
        let straight = text.indices.filter { text[$0] == "\"" }
        if straight.count == 1, let only = straight.first, only > text.startIndex { return only }
        for (open, close) in [("“", "”"), ("«", "»")] where !text.contains(open) {
            if let index = text.firstIndex(of: Character(close)) { return index }
        }
        return nil
    }

    /// Whether a sentence's first word is one of ``personsFirstWords``.
    private static func startsInFirstPerson(_ sentence: Substring) -> Bool {
        let words = sentence.split(separator: " ", maxSplits: 1)
        guard let first = words.first else { return false }
        return personsFirstWords.contains(first.lowercased().trimming(",:;"))
    }
}

extension BounceReport {
    /// Fills the roles the report as a whole knows: the reporting host (the report's own, else the one
    /// the report text introduces itself as) and the original sender's domain.
    mutating func fillReportRoles(text lines: [[UInt8]]) {
        guard !recipients.isEmpty else { return }
        var host = Roles.hostName(reportingMTA ?? "")
        if host.isEmpty, recipients.contains(where: { $0.reportingServer.isEmpty }) {
            host =
                lines.prefix(40).lazy.map { Roles.reportingHost(in: ReportText.string($0)) }.first { !$0.isEmpty } ?? ""
        }
        var senderDomain = sender.map { AddressText.domain(of: $0).asciiLowercased } ?? ""
        if !HostText.isHostName(senderDomain) { senderDomain = "" }
        for index in recipients.indices {
            if recipients[index].reportingServer.isEmpty, !host.isEmpty, host != recipients[index].remoteServer {
                recipients[index].reportingServer = host
            }
            if recipients[index].sendingDomain.isEmpty, !senderDomain.isEmpty {
                recipients[index].sendingDomain = senderDomain
            } else if senderDomain.hasSuffix("." + recipients[index].sendingDomain) {
                // "Unauthenticated email from example.org" for mail from news.example.org names the parent
                // domain whose DMARC policy applied: the sender's own domain is the one to check.
                recipients[index].sendingDomain = senderDomain
            }
        }
    }
}
