import MailModel

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The values SPF macros expand to (RFC 7208 §7.2).
struct SPFMacroContext: Sendable {
    /// `<sender>`: local-part@domain.
    var sender: String
    /// The sender's local part (`postmaster` when empty).
    var localPart: String
    /// The sender's domain.
    var senderDomain: String
    /// The current `<domain>` (changes with include and redirect).
    var domain: String
    /// The client IP.
    var ip: IPAddress
    /// The HELO/EHLO name.
    var helo: String
    /// The receiving host name for `%{r}`.
    var receiver = "unknown"

    /// The expansion of one macro letter before transformation; `p` is resolved by the caller.
    func rawValue(_ letter: Character, validatedName: String?) -> String {
        switch letter {
        case "s": sender
        case "l": localPart
        case "o": senderDomain
        case "d": domain
        case "i":
            switch ip {
            case .v4: ip.description
            case .v6(let bytes):
                bytes.flatMap { [String($0 >> 4, radix: 16), String($0 & 0x0F, radix: 16)] }.joined(separator: ".")
            }
        case "p": validatedName ?? "unknown"
        case "v": ip.isV4 ? "in-addr" : "ip6"
        case "h": helo
        case "c": ip.description
        case "r": receiver
        case "t": String(time(nil))
        default: ""
        }
    }

    /// Applies the digit, reverse and delimiter transformers and URL escaping.
    static func transform(_ value: String, _ macro: SPFMacroString.Macro) -> String {
        var parts = value.split(omittingEmptySubsequences: false) { macro.delimiters.contains($0) }.map(String.init)
        if macro.reverse { parts.reverse() }
        if let keep = macro.rightParts, keep < parts.count { parts = Array(parts.suffix(keep)) }
        let joined = parts.joined(separator: ".")
        return macro.urlEscape ? urlEscape(joined) : joined
    }

    /// Percent-encodes every byte outside `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    static func urlEscape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved =
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            if unreserved {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// Trims an expanded domain: drops a trailing dot, then whole left labels until it fits 253 characters.
    static func truncateDomain(_ name: String) -> String {
        var text = Substring(name)
        if text.hasSuffix(".") { text = text.dropLast() }
        while text.utf8.count > 253, let dot = text.firstIndex(of: ".") {
            text = text[text.index(after: dot)...]
        }
        return String(text)
    }
}
