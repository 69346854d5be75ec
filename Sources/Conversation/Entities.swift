import Bounces
import ByteText
import Foundation
import Knowledge
import Localization
import MailModel

/// What a conversation has learnt about the user's setup: remembered across messages, replaced when the
/// user says something newer ("it's example.org actually").
public struct Entities: Sendable, Equatable, Codable {
    /// The domain in question (the user's, or the one a bounce or a check is about).
    public var domain: String?
    /// An e-mail address mentioned.
    public var address: String?
    /// An IP address mentioned (a sending server, a listed IP).
    public var ip: String?
    /// A three-digit SMTP reply code (`550`).
    public var replyCode: String?
    /// An enhanced status code (`5.7.26`).
    public var enhancedStatus: String?
    /// A DKIM selector.
    public var selector: String?
    /// The mail program: Outlook, Thunderbird, Apple Mail, iOS Mail, Android / Gmail app, webmail.
    public var client: String?
    /// The mail provider's profile id (`ovhcloud`).
    public var provider: String?

    /// No entities.
    public init() {}

    /// These entities updated with every value `newer` has.
    public func merged(with newer: Entities) -> Entities {
        var result = self
        result.domain = newer.domain ?? domain
        result.address = newer.address ?? address
        result.ip = newer.ip ?? ip
        result.replyCode = newer.replyCode ?? replyCode
        result.enhancedStatus = newer.enhancedStatus ?? enhancedStatus
        result.selector = newer.selector ?? selector
        result.client = newer.client ?? client
        result.provider = newer.provider ?? provider
        return result
    }

    /// Whether nothing is known.
    public var isEmpty: Bool { self == Entities() }
}

/// Reads entities from free text and from bounces.
public enum EntityExtractor {
    /// The entities in `text`. `providers` maps words that name a provider (lower case) to its profile id.
    public static func extract(from text: String, providers: [String: String] = [:]) -> Entities {
        extract(from: text, providers: PhraseLookup(providers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
    }

    /// `extract(from:providers:)` with the provider words prepared once (``KnowledgeService`` keeps them).
    static func extract(from text: String, providers: PhraseLookup) -> Entities {
        var entities = Entities()
        let sample = text.utf8.count > 64 * 1024 ? String(decoding: text.utf8.prefix(64 * 1024), as: UTF8.self) : text
        var domains: [String] = []
        let tokens = sample.asciiTokens { !isSeparator($0) } ?? sample.split(whereSeparator: isSeparator)
        for raw in tokens {
            // Only tokens with a dot, an @ or a colon can be a domain, an address or an IP.
            guard raw.utf8.contains(where: { $0 == 0x2E || $0 == 0x40 || $0 == 0x3A }) else { continue }
            let token = String(raw.trimmed(trimChars, whitespace: false))
            guard token.count >= 3 else { continue }
            if entities.ip == nil, let address = ipAddress(token) {
                entities.ip = address
                continue
            }
            if let at = token.lastIndex(of: "@") {
                let local = token[..<at]
                let domain = normalizedDomain(String(token[token.index(after: at)...]))
                if let domain {
                    domains.append(domain)
                    if !local.isEmpty, entities.address == nil { entities.address = "\(local.lowercased())@\(domain)" }
                }
                continue
            }
            if let selector = selector(inKeyName: token) {
                entities.selector = entities.selector ?? selector.selector
                domains.append(selector.domain)
                continue
            }
            if let domain = normalizedDomain(token) { domains.append(domain) }
        }
        // The user's own domain matters more than a big mailbox provider they write to.
        entities.domain = domains.first { !bigMailboxDomains.contains($0) } ?? domains.first
        let codes = CodeScanner.codes(in: sample)
        entities.replyCode = codes.lazy.compactMap(\.reply).first
        entities.enhancedStatus = codes.lazy.compactMap(\.enhanced).first
        let lower = sample.lowercased()
        entities.selector = entities.selector ?? selectorPhrase(in: lower)
        // Words as typed ("outlook.com" stays one word, so the domain is not taken for the program).
        let words =
            (lower.asciiTokens(where: isWordByte)
            ?? lower.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "@" || $0 == "-") }))
            .map { $0.trimmed(".", whitespace: false) }
        entities.client = clientLookup.firstMatch(in: words)
        entities.provider = providers.firstMatch(in: words)
        return entities
    }

    /// The entities of a bounce: the recipient's address and domain, the codes, the remote server's IP.
    ///
    /// Each comes from its role in the bounce: the address is the failed recipient, the IP the one a
    /// blocklist names (else one the server's words quote, never the refusing server's own), and for an
    /// SPF, DKIM or DMARC failure the domain is the sending domain.
    static func extract(from report: BounceReport) -> Entities {
        var entities = Entities()
        guard let recipient = report.mostImportantRecipient() else { return entities }
        if !recipient.address.isEmpty {
            entities.address = recipient.address.lowercased()
            entities.domain = recipient.address.split(separator: "@").last.flatMap { normalizedDomain(String($0)) }
        }
        if recipient.reason == "authfailure", let domain = normalizedDomain(recipient.sendingDomain) {
            entities.domain = domain
        }
        if !recipient.replyCode.isEmpty { entities.replyCode = recipient.replyCode }
        if !recipient.status.isEmpty { entities.enhancedStatus = recipient.status }
        if let ip = ipAddress(recipient.blockedIP) {
            entities.ip = ip
            return entities
        }
        let remote = ipAddress(recipient.remoteIP)
        let words = recipient.serverText.isEmpty ? recipient.diagnostic : recipient.serverText
        let tokens = words.asciiTokens { !isSeparator($0) } ?? words.split(whereSeparator: isSeparator)
        if let ip = tokens.lazy.compactMap({
            ipAddress(String($0.trimmed(trimChars, whitespace: false)))
        }).first(where: { $0 != remote }) {
            entities.ip = ip
        }
        return entities
    }

    /// A domain name in canonical form (lower case, no trailing dot), or nil when `text` is not one:
    /// two or more labels of letters, digits and hyphens, an alphabetic top-level label, and not a file
    /// name such as `invoice.pdf`.
    static func normalizedDomain(_ text: String) -> String? {
        var name = text.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        while name.hasPrefix(".") { name.removeFirst() }
        guard name.utf8.count <= 253, name.utf8.count >= 4 else { return nil }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy({ $0 >= "a" && $0 <= "z" }),
            !fileExtensions.contains(String(top))
        else { return nil }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, label.first != "-", label.last != "-",
                label.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { return nil }
        }
        if abbreviations.contains(name) { return nil }
        return name
    }

    /// An IP address in canonical text, from `192.0.2.1`, `[192.0.2.1]`, `2001:db8::1` or `[IPv6:2001:db8::1]`.
    static func ipAddress(_ token: String) -> String? {
        var text = Substring(token)
        if text.hasPrefix("[") { text = text.dropFirst() }
        if text.hasSuffix("]") { text = text.dropLast() }
        if text.lowercased().hasPrefix("ipv6:") { text = text.dropFirst(5) }
        let dots = text.utf8.reduce(0) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 }
        let colons = text.utf8.reduce(0) { $1 == UInt8(ascii: ":") ? $0 + 1 : $0 }
        guard dots == 3 || colons >= 2 else { return nil }
        return IPAddress(String(text))?.description
    }

    private static func isSeparator(_ character: Character) -> Bool {
        character.isWhitespace || "<>(),;\"'`|!?=*".contains(character)
    }

    /// `isSeparator` for an ASCII byte.
    private static func isSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20: true
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ";"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"), UInt8(ascii: "|"),
            UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: "*"):
            true
        default: false
        }
    }

    /// Letters, digits, `.`, `@` and `-`: the bytes of a word as typed.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "@"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    private static let trimChars = ".:,;!?'\""

    /// `s1._domainkey.example.com` → (s1, example.com).
    private static func selector(inKeyName token: String) -> (selector: String, domain: String)? {
        guard token.utf8.contains(UInt8(ascii: "_")) else { return nil }
        let lower = token.lowercased()
        guard let range = lower.firstRange(of: "._domainkey.") else { return nil }
        let selector = String(lower[..<range.lowerBound])
        guard !selector.isEmpty, let domain = normalizedDomain(String(lower[range.upperBound...])) else { return nil }
        return (selector, domain)
    }

    /// "selector s1", "selector: s1", "s=s1;" (a DKIM-Signature tag).
    private static func selectorPhrase(in lower: String) -> String? {
        let markers = [
            "selector ", "selector: ", "selector=", " s=", "sélecteur ", "selecteur ", "selektor ", "selettore ",
            "seletor ",
        ]
        guard markers.contains(where: { lower.containsBytes($0) }) else { return nil }
        for marker in markers {
            guard let range = lower.firstRange(of: marker) else { continue }
            // "the selector is s1", "selector name: s1": the value comes after a linking word or two.
            var rest = lower[range.upperBound...]
            var linked = false
            for _ in 0..<3 {
                rest = rest.drop { " :=\"'“”«»".contains($0) }
                let word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
                guard selectorLinks.contains(String(word)) else { break }
                rest = rest.dropFirst(word.count)
                linked = true
            }
            let value = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            if !value.isEmpty, !["is", "of", "for", "the", "and"].contains(value),
                !linked || !notSelectors.contains(value)
            {
                return value
            }
        }
        return nil
    }

    /// Words between "selector" and its value, in the six languages ("the selector is s1", "le sélecteur
    /// c'est s1": "c" and "est", the apostrophe being a separator).
    private static let selectorLinks: Set<String> = [
        "is", "name", "was", "called", "c", "est", "ist", "lautet", "heißt", "heisst", "es", "se", "llama", "è",
        "e", "é", "chiama", "chama",
    ]

    /// Words that follow "the selector is" without naming one ("which selector is used?").
    private static let notSelectors: Set<String> = [
        "used", "set", "correct", "wrong", "missing", "right", "valid", "invalid", "ok", "fine", "needed",
        "required", "not", "empty", "unknown", "different", "a", "an", "it", "this", "that", "what", "which",
    ]

    /// Mail programs, most specific first.
    private static let clients: [(words: [String], name: String)] = [
        (["gmail app", "android"], "Android / Gmail app"),  // data
        (["iphone", "ipad", "ios mail", "ios"], "iOS Mail"),
        (["apple mail", "mac mail", "macmail"], "Apple Mail"),
        (["thunderbird"], "Thunderbird"),
        (["outlook"], "Outlook"),
        (["webmail", "roundcube"], "webmail"),
    ]

    private static let clientLookup = PhraseLookup(clients.flatMap { client in client.words.map { ($0, client.name) } })

    /// Domains of large mailbox providers: when a message names one and another domain, the other is
    /// more likely the user's own.
    static let bigMailboxDomains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.fr", "live.com", "msn.com",
        "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "web.de", "orange.fr",
        "free.fr", "laposte.net", "sfr.fr", "t-online.de", "google.com", "microsoft.com", "yahoo.co.uk",
        "hotmail.co.uk", "hotmail.it", "hotmail.es", "outlook.fr", "outlook.de", "outlook.es", "outlook.it",
        "libero.it", "virgilio.it", "gmx.at", "gmx.ch", "gmx.fr", "bluewin.ch", "wanadoo.fr", "uol.com.br",
        "bol.com.br", "terra.com.br", "sapo.pt", "yahoo.es", "yahoo.it", "yahoo.de", "yahoo.com.br",
    ]

    private static let fileExtensions: Set<String> = [
        "txt", "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "jpg", "jpeg", "png", "gif", "zip", "rar",
        "exe", "htm", "html", "php", "js", "json", "xml", "eml", "msg", "log", "csv", "ini", "cfg", "conf", "md",
        "py", "sh", "pst", "ost", "mbox", "dll",
    ]

    private static let abbreviations: Set<String> = ["e.g", "i.e", "z.b", "d.h", "p.s"]
}

/// Words and two-word phrases to look for among the words of a message, each naming a value; when
/// several are present, the one given first wins.
struct PhraseLookup: Sendable {
    /// Phrase → (rank, value); a two-word phrase is keyed by its first word, with the second beside it.
    private var single: [String: (rank: Int, value: String)] = [:]
    private var pairs: [String: [(second: String, rank: Int, value: String)]] = [:]
    /// Bit n set: some phrase starts with a word of n bytes (most words of a message are skipped
    /// without a lookup).
    private var firstWordLengths: UInt64 = 0

    /// Prepares `phrases` (lower case; one or two words; longer ones can never match and are left out).
    init(_ phrases: [(phrase: String, value: String)]) {
        for (rank, entry) in phrases.enumerated() {
            let words = entry.phrase.split(separator: " ")
            guard let first = words.first, first.utf8.count < 64 else { continue }
            firstWordLengths |= 1 << UInt64(first.utf8.count)
            switch words.count {
            case 1 where single[entry.phrase] == nil: single[entry.phrase] = (rank, entry.value)
            case 2: pairs[String(words[0]), default: []].append((String(words[1]), rank, entry.value))
            default: continue
            }
        }
    }

    /// The value of the best-ranked phrase among `words` (a word, or two consecutive words).
    func firstMatch(in words: [Substring]) -> String? {
        guard !single.isEmpty || !pairs.isEmpty else { return nil }
        var best: (rank: Int, value: String)?
        for index in words.indices {
            let length = words[index].utf8.count
            guard length < 64, firstWordLengths & (1 << UInt64(length)) != 0 else { continue }
            let word = String(words[index])
            if let hit = single[word], hit.rank < best?.rank ?? .max { best = hit }
            guard let seconds = pairs[word], index + 1 < words.endIndex else { continue }
            for pair in seconds where pair.second == words[index + 1] && pair.rank < best?.rank ?? .max {
                best = (pair.rank, pair.value)
            }
        }
        return best?.value
    }
}
