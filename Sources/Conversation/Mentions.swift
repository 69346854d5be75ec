import Bounces
import Foundation
import Localization

/// An entity of a message with whose it is: the user's own domain, the recipient's address, the remote
/// server that refused, the relay…
public struct Mention: Sendable, Equatable, Codable {
    /// What the entity is.
    public enum Kind: String, Sendable, Codable {
        case domain, address, ip, host, port, selector
    }

    /// Whose the entity is.
    public enum Role: String, Sendable, Codable {
        /// The person's own: their domain, address, sending server or IP.
        case own
        /// The recipient they write to (or the failed recipient of a bounce).
        case recipient
        /// The server that refused or answered (a bounce's remote MTA, "host X said").
        case remoteServer
        /// The server that wrote the delivery report.
        case reportingServer
        /// The relay a log line names (`relay=host[ip]:25`).
        case relay
        /// Nothing in the text says.
        case unknown
    }

    /// What the entity is.
    public var kind: Kind
    /// The entity as written (lower-cased for names).
    public var value: String
    /// Whose it is.
    public var role: Role

    /// Creates a mention.
    public init(kind: Kind, value: String, role: Role) {
        self.kind = kind
        self.value = value
        self.role = role
    }
}

/// Finds the entities of a message and their roles from the words around them.
enum MentionFinder {
    /// Words just before an entity that make it the person's own.
    static let ownCues: Set<String> = [
        "my", "our", "mine", "from", "me", "i'm", "im", "own", "mon", "ma", "mes", "notre", "nos", "mein", "meine",
        "meiner", "meinem", "unsere", "unser", "unserer", "mi", "mis", "nuestro", "nuestra", "mio", "mia", "nostro",
        "nostra", "meu", "minha", "nosso", "nossa", "de",
        // "domain is example.org", "Domain: example.org": the domain a person names is theirs.
        "domain", "domaine", "domäne", "dominio", "domínio",
    ]
    /// Words just before an entity that make it the recipient.
    static let recipientCues: Set<String> = [
        "to", "recipient", "recipients", "rcpt", "at", "à", "au", "destinataire", "an", "empfänger", "empfanger",
        "para", "al", "destinatario", "destinatário", "a",
    ]
    /// Words just before an entity that make it the remote server.
    static let remoteCues: Set<String> = ["host", "server", "mx", "by", "serveur", "servidor", "server:"]
    /// First labels of mail-server host names.
    static let hostLabels: Set<String> = [
        "mail", "smtp", "mx", "mx1", "mx2", "mx3", "imap", "pop", "pop3", "ssl0", "relay", "mta", "mailhost", "out",
        "smtp-relay", "outbound", "inbound", "email", "mailserver", "webmail",
    ]
    /// Phrases that name a blocked client IP right before it.
    static let blockedCues = [
        "client host", "blocked using", "is listed", "listed at", "listed in", "your ip", "ip address",
    ]

    /// The entities of free text, with roles read from the two words before each.
    static func mentions(in text: String, entities: Entities) -> [Mention] {
        let sample = text.utf8.count > 16 * 1024 ? String(decoding: text.utf8.prefix(16 * 1024), as: UTF8.self) : text
        let tokens = sample.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "," || $0 == ";" })
        var found: [Mention] = []
        for (position, raw) in tokens.enumerated() {
            let before = tokens[max(0, position - 2)..<position].map { $0.lowercased() }
            let previous = before.last ?? ""
            let lowerRaw = raw.lowercased()
            // "relay=mx.example.com[192.0.2.1]:25" (a log line), "host mx.example.com[192.0.2.1] said:".
            if lowerRaw.hasPrefix("relay=") {
                let value = String(lowerRaw.dropFirst(6))
                appendHost(value, role: .relay, to: &found)
                continue
            }
            let token = String(raw.trimmingCharacters(in: CharacterSet(charactersIn: "<>()[]\"'.,;:!?")))
            guard !token.isEmpty else { continue }
            if previous == "port" || previous == "porta" || previous == "puerto" || previous == "port:",
                let port = Int(token), (1...65535).contains(port)
            {
                found.append(Mention(kind: .port, value: String(port), role: .unknown))
                continue
            }
            if let ip = EntityExtractor.ipAddress(token) {
                let window = tokens[max(0, position - 4)..<position].map { $0.lowercased() }.joined(separator: " ")
                // "our server is 192.0.2.1", "unser Mailserver hat die IP 192.0.2.1": a possessive a few words
                // back (not "de" / "from", which also name others' servers).
                let wider = tokens[max(0, position - 4)..<position].map { $0.lowercased() }
                let possessive = wider.contains { ownCues.contains($0) && $0 != "de" && $0 != "from" }
                let role: Mention.Role =
                    blockedCues.contains { window.contains($0) } || before.contains(where: ownCues.contains)
                        || possessive
                    ? .own : remoteCues.contains(previous) ? .remoteServer : .unknown
                found.append(Mention(kind: .ip, value: ip, role: role))
                continue
            }
            if let at = token.lastIndex(of: "@"), at != token.startIndex {
                let address = token.lowercased()
                guard EntityExtractor.normalizedDomain(String(address[address.index(after: at)...])) != nil else {
                    continue
                }
                found.append(Mention(kind: .address, value: address, role: role(before: before)))
                continue
            }
            let (host, port) = splitPort(token)
            guard let domain = EntityExtractor.normalizedDomain(host) else { continue }
            if let port { found.append(Mention(kind: .port, value: port, role: .unknown)) }
            let labels = domain.split(separator: ".")
            if labels.count >= 3, let first = labels.first, hostLabels.contains(String(first)) {
                let role: Mention.Role =
                    before.contains(where: ownCues.contains)
                    ? .own : remoteCues.contains(previous) ? .remoteServer : .unknown
                found.append(Mention(kind: .host, value: domain, role: role))
            } else {
                var role = role(before: before)
                if role == .unknown, EntityExtractor.bigMailboxDomains.contains(domain) { role = .recipient }
                found.append(Mention(kind: .domain, value: domain, role: role))
            }
        }
        if let selector = entities.selector { found.append(Mention(kind: .selector, value: selector, role: .own)) }
        return deduplicated(found)
    }

    /// The entities of a delivery report: the failed recipient, the server that refused, the one that
    /// reported, the original sender, and a blocked client IP named by a blocklist phrase.
    static func mentions(of report: BounceReport) -> [Mention] {
        var found: [Mention] = []
        for recipient in report.recipients {
            let address = recipient.address.lowercased()
            if !address.isEmpty {
                found.append(Mention(kind: .address, value: address, role: .recipient))
                if let domain = address.split(separator: "@").last.flatMap({
                    EntityExtractor.normalizedDomain(String($0))
                }) {
                    found.append(Mention(kind: .domain, value: domain, role: .recipient))
                }
            }
            // The bounce reader's roles: who refused, who reported, the IP a blocklist names, the sender's domain.
            if !recipient.remoteServer.isEmpty {
                appendHost(recipient.remoteServer.lowercased(), role: .remoteServer, to: &found)
            } else if !recipient.remoteMTA.isEmpty {
                appendHost(recipient.remoteMTA.lowercased(), role: .remoteServer, to: &found)
            }
            if let ip = EntityExtractor.ipAddress(recipient.remoteIP) {
                found.append(Mention(kind: .ip, value: ip, role: .remoteServer))
            }
            if !recipient.reportingServer.isEmpty {
                appendHost(recipient.reportingServer.lowercased(), role: .reportingServer, to: &found)
            }
            if let ip = EntityExtractor.ipAddress(recipient.blockedIP) {
                found.append(Mention(kind: .ip, value: ip, role: .own))
            }
            if let domain = EntityExtractor.normalizedDomain(recipient.sendingDomain) {
                found.append(Mention(kind: .domain, value: domain, role: .own))
            }
        }
        if let reporting = report.reportingMTA, !reporting.isEmpty {
            appendHost(reporting.lowercased(), role: .reportingServer, to: &found)
        }
        if let sender = report.sender?.lowercased(), sender.contains("@") {
            found.append(Mention(kind: .address, value: sender, role: .own))
            if let domain = sender.split(separator: "@").last.flatMap({ EntityExtractor.normalizedDomain(String($0)) })
            {
                found.append(Mention(kind: .domain, value: domain, role: .own))
            }
        }
        return deduplicated(found)
    }

    /// Free-text mentions and a report's, the report's roles winning for the same entity.
    static func merge(_ text: [Mention], with report: [Mention]) -> [Mention] {
        let known = Set(report.map { "\($0.kind.rawValue) \($0.value)" })
        return report + text.filter { !known.contains("\($0.kind.rawValue) \($0.value)") }
    }

    private static func role(before: [String]) -> Mention.Role {
        guard let previous = before.last else { return .unknown }
        if recipientCues.contains(previous) { return .recipient }
        if before.contains(where: ownCues.contains) { return .own }
        return .unknown
    }

    /// `mx.example.com[192.0.2.1]:25` → a host, an IP and a port.
    private static func appendHost(_ text: String, role: Mention.Role, to found: inout [Mention]) {
        var rest = Substring(text)
        var ip: String?
        if let open = rest.firstIndex(of: "["), let close = rest[open...].firstIndex(of: "]") {
            ip = EntityExtractor.ipAddress(String(rest[rest.index(after: open)..<close]))
            let after = rest[rest.index(after: close)...]
            rest = rest[..<open]
            if after.hasPrefix(":"), let port = Int(after.dropFirst().prefix { $0.isNumber }) {
                found.append(Mention(kind: .port, value: String(port), role: role))
            }
        }
        let name = rest.split(separator: ";").last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
        if let host = EntityExtractor.normalizedDomain(name) {
            found.append(Mention(kind: .host, value: host, role: role))
        }
        if let ip { found.append(Mention(kind: .ip, value: ip, role: role)) }
    }

    /// `host:587` → (`host`, `587`); other text as is.
    private static func splitPort(_ token: String) -> (String, String?) {
        guard let colon = token.lastIndex(of: ":"), token.filter({ $0 == ":" }).count == 1 else { return (token, nil) }
        let port = token[token.index(after: colon)...]
        guard !port.isEmpty, port.allSatisfy(\.isNumber), let number = Int(port), (1...65535).contains(number) else {
            return (token, nil)
        }
        return (String(token[..<colon]), String(number))
    }

    private static func deduplicated(_ mentions: [Mention]) -> [Mention] {
        var seen = Set<String>()
        return mentions.filter { seen.insert("\($0.kind.rawValue) \($0.value) \($0.role.rawValue)").inserted }
    }
}
