/// The one scanner for SMTP codes in text: three-digit reply codes (`550`) and RFC 3463 enhanced status
/// codes (`5.7.1`).
///
/// Two readers use it, with rules of their own, kept as they were (each caller's results unchanged):
/// - the message analysis (``codes(in:)``): a code starts at a word boundary (not after a letter, digit,
///   `.` or `_`); reply codes are 4xx/5xx with a second digit up to 5, not followed by a letter, a digit,
///   `.digit`, `:digit` or a count noun ("500 people"); enhanced codes have 1–3 digit subject and detail;
///   a reply code followed within 3 spaces/hyphens by an enhanced code of the same class makes one pair.
/// - the bounce reader (``replyCodes(in:)``, ``statusCodes(in:wantedClass:)``): reply codes are any
///   2xx–5xx three-digit run not touching a digit, `.` or `/`, and none at all in an "X-Unix" diagnostic;
///   enhanced codes have a one-digit subject 0–7, are not preceded by a digit, `.`, `/` or `v`, and the
///   caller masks IPv4 addresses first.
package enum SMTPCodes {
    // MARK: - The message analysis

    /// The codes in `text` (its first MiB) in order of appearance, as (reply, enhanced) pairs; a reply code
    /// directly followed by an enhanced code of its class becomes one pair.
    package static func codes(in text: String) -> [(reply: String?, enhanced: String?)] {
        var text = text
        // Unsafe: the bytes are read only inside the closure, while `text` is alive.
        return text.withUTF8 { codes(in: UnsafeBufferPointer(rebasing: $0.prefix(1 << 20))) }
    }

    private static func codes(in bytes: UnsafeBufferPointer<UInt8>) -> [(reply: String?, enhanced: String?)] {
        var found: [(reply: String?, enhanced: String?)] = []
        var index = 0
        var lastReplyEnd = -10
        while index < bytes.count {
            let byte = bytes[index]
            guard ASCII.isDigit(byte), index == 0 || !isWordOrDot(bytes[index - 1]) else {
                index += 1
                continue
            }
            if let (code, end) = enhanced(bytes, at: index) {
                if lastReplyEnd >= 0, separatorOnly(bytes, from: lastReplyEnd, to: index), var last = found.last,
                    last.enhanced == nil, last.reply?.first == code.first
                {
                    last.enhanced = code
                    found[found.count - 1] = last
                } else {
                    found.append((nil, code))
                }
                lastReplyEnd = -10
                index = end
            } else if let (code, end) = reply(bytes, at: index) {
                found.append((code, nil))
                lastReplyEnd = end
                index = end
            } else {
                while index < bytes.count, ASCII.isDigit(bytes[index]) { index += 1 }
            }
        }
        return found
    }

    private static func reply(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        guard start + 3 <= bytes.count else { return nil }
        let a = bytes[start]
        let b = bytes[start + 1]
        let c = bytes[start + 2]
        guard a == UInt8(ascii: "4") || a == UInt8(ascii: "5"), ASCII.isDigit(b), ASCII.isDigit(c),
            b <= UInt8(ascii: "5")
        else { return nil }
        let end = start + 3
        if end < bytes.count {
            let next = bytes[end]
            if ASCII.isAlnum(next) { return nil }
            if next == UInt8(ascii: "."), end + 1 < bytes.count, ASCII.isDigit(bytes[end + 1]) { return nil }
            if next == UInt8(ascii: ":"), end + 1 < bytes.count, ASCII.isDigit(bytes[end + 1]) { return nil }
            // "500 people", "450 emails", "400 per hour": a count, not a reply code.
            if next == UInt8(ascii: " "), countNouns.contains(word(bytes, from: end + 1)) { return nil }
        }
        if quantityWords.contains(word(bytes, endingBefore: start)) { return nil }
        return (String(decoding: bytes[start..<end], as: UTF8.self), end)
    }

    /// Words that make a three-digit number before them a quantity.
    package static let countNouns: Set<String> = [
        "people", "persons", "users", "emails", "mails", "messages", "recipients", "contacts", "customers",
        "clients", "subscribers", "members", "addresses", "accounts", "times", "per", "mb", "gb", "kb", "ms",
        "personnes", "utilisateurs", "destinataires", "courriels", "par", "personen", "nachrichten", "kunden",
        "pro", "personas", "usuarios", "correos", "mensajes", "destinatarios", "persone", "utenti", "messaggi",
        "destinatari", "pessoas", "mensagens", "e-mails", "invoices", "newsletters", "orders", "letters", "leads",
        "contactos", "contatti", "contatos", "clientes", "clienti", "factures", "rechnungen", "facturas", "fatture",
        "faturas", "kontakte", "leute", "mitglieder", "abonnenten", "abonnés", "suscriptores", "iscritti",
        "assinantes", "empfänger", "stück", "stueck",
    ]

    /// Words that make a three-digit number after them a quantity ("so 500 am Stück", "about 450").
    package static let quantityWords: Set<String> = [
        "so", "ca", "circa", "etwa", "ungefähr", "rund", "about", "around", "approx", "approximately", "nearly",
        "almost", "environ", "presque", "unos", "unas", "aproximadamente", "casi", "quasi", "oltre", "uns", "umas",
        "quase",
    ]

    /// The word (ASCII letters lower-cased, hyphens and non-ASCII bytes kept, at most 16 bytes) starting at
    /// `start`.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> String {
        var index = start
        var out: [UInt8] = []
        while index < bytes.count, out.count < 16,
            ASCII.isAlpha(bytes[index]) || bytes[index] == UInt8(ascii: "-") || bytes[index] >= 0x80
        {
            out.append(ASCII.isAlpha(bytes[index]) ? bytes[index] | 0x20 : bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The word that ends just before the blank at `end` (same reading as ``word(_:from:)``), "" when none.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, endingBefore end: Int) -> String {
        guard end > 0, bytes[end - 1] == UInt8(ascii: " ") else { return "" }
        var start = end - 1
        while start > 0, end - 1 - start < 16,
            ASCII.isAlpha(bytes[start - 1]) || bytes[start - 1] == UInt8(ascii: "-") || bytes[start - 1] >= 0x80
        {
            start -= 1
        }
        return word(bytes, from: start)
    }

    private static func enhanced(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        guard let index = enhancedEnd(bytes, at: start) else { return nil }
        if index < bytes.count {
            let next = bytes[index]
            if ASCII.isAlnum(next) { return nil }
            if next == UInt8(ascii: "."), index + 1 < bytes.count, ASCII.isDigit(bytes[index + 1]) { return nil }
        }
        return (String(decoding: bytes[start..<index], as: UTF8.self), index)
    }

    /// The end of an enhanced code `class.subject.detail` starting at `start` in `bytes` (class 2, 4 or 5;
    /// subject and detail 1–3 digits, what follows not looked at), or nil.
    package static func enhancedCodeEnd(in bytes: [UInt8], at start: Int) -> Int? {
        guard start >= 0, start < bytes.count else { return nil }
        // Unsafe: a read-only view of the array for the shared scan, which checks every index it reads.
        return bytes.withUnsafeBufferPointer { enhancedEnd($0, at: start) }
    }

    /// The end of `class.subject.detail` starting at `start` (class 2, 4 or 5; subject and detail 1–3 digits,
    /// the digits after them not looked at), or nil.
    private static func enhancedEnd(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let first = bytes[start]
        guard first == UInt8(ascii: "2") || first == UInt8(ascii: "4") || first == UInt8(ascii: "5") else {
            return nil
        }
        var index = start + 1
        for _ in 0..<2 {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
            index += 1
            let digitsStart = index
            while index < bytes.count, ASCII.isDigit(bytes[index]), index - digitsStart < 4 { index += 1 }
            let length = index - digitsStart
            guard length >= 1, length <= 3 else { return nil }
        }
        return index
    }

    /// True for a whole `class.subject.detail` code of class 2, 4 or 5 with 1–3 digit subject and detail.
    package static func isEnhancedCode(_ code: String) -> Bool {
        ByteSearch.withBytes(code) { bytes in
            guard bytes.count >= 5, bytes.count <= 9 else { return false }
            return enhancedEnd(bytes, at: 0) == bytes.count
        }
    }

    private static func separatorOnly(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard end - start <= 3 else { return false }
        for byte in bytes[start..<end] where byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") {
            return false
        }
        return true
    }

    private static func isWordOrDot(_ byte: UInt8) -> Bool {
        ASCII.isAlnum(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
    }

    // MARK: - The bounce reader

    /// The three-digit numbers below 600 met in a text, as bits (no allocation).
    package struct ReplySet {
        private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        /// True once a number has been inserted.
        package private(set) var any = false

        /// An empty set.
        package init() {}

        /// Adds `value` (below 640).
        package mutating func insert(_ value: Int) {
            any = true
            // Unsafe: value < 600, so the word index value >> 6 is below 10, inside the tuple.
            withUnsafeMutableBytes(of: &words) { raw in
                let pointer = raw.bindMemory(to: UInt64.self)
                pointer[value >> 6] |= 1 << UInt64(value & 63)
            }
        }

        /// True when `value` (below 640) was inserted.
        package func contains(_ value: Int) -> Bool {
            // Unsafe: value < 640, so the 8-byte load at (value >> 6) * 8 lies inside the 80-byte tuple.
            withUnsafeBytes(of: words) { raw in
                raw.load(fromByteOffset: (value >> 6) * 8, as: UInt64.self) & (1 << UInt64(value & 63)) != 0
            }
        }
    }

    private static let unixMarker = Array("x-unix".utf8)

    /// Bytes that may start a reply code ("2" to "5") or the "x-unix" marker.
    private static let interesting: [Bool] = (0..<256).map { byte in
        (0x32...0x35).contains(byte) || byte == Int(UInt8(ascii: "x")) || byte == Int(UInt8(ascii: "X"))
    }

    /// The possible reply codes in `text` (bounce rules), or nil when the text is an "X-Unix" diagnostic.
    package static func replyCodes(in text: String) -> ReplySet? {
        var seen = ReplySet()
        let rejected: Bool =
            text.utf8.withContiguousStorageIfAvailable { bytes in scan(bytes, seen: &seen) }
            // Unsafe: borrows the string's (or a copy's) storage for this call only; `scan` reads below its count.
            ?? Array(text.utf8).withUnsafeBufferPointer { scan($0, seen: &seen) }
        return rejected ? nil : seen
    }

    /// Marks the 3-digit codes in `bytes`; returns true when the text is an "X-Unix" diagnostic (no codes).
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, seen: inout ReplySet) -> Bool {
        let count = bytes.count
        var index = 0
        while index + 2 < count {
            let byte = bytes[index]
            // Most bytes can start neither a code (2-5) nor "x-unix": step over them first.
            guard interesting[Int(byte)] else {
                index += 1
                continue
            }
            if byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X"), index + 6 <= count {
                var matches = true
                for offset in 0..<6 where ASCII.lower(bytes[index + offset]) != unixMarker[offset] {
                    matches = false
                    break
                }
                if matches { return true }
            }
            guard byte >= 0x32 && byte <= 0x35, ASCII.isDigit(bytes[index + 1]), ASCII.isDigit(bytes[index + 2]) else {
                index += 1
                continue
            }
            let before: UInt8 = index > 0 ? bytes[index - 1] : ASCII.space
            let after: UInt8 = index + 3 < count ? bytes[index + 3] : ASCII.space
            if !(before >= 0x2E && before <= 0x39) && !(after >= 0x2E && after <= 0x39) {
                let value = Int(byte - 0x30) * 100 + Int(bytes[index + 1] - 0x30) * 10 + Int(bytes[index + 2] - 0x30)
                if value < 600 { seen.insert(value) }
            }
            index += 1
        }
        return false
    }

    /// The enhanced status codes in `masked` (bounce rules; IPv4 addresses already masked), in order, with
    /// the weak ones (`X.0.0`, `4.4.7`) left out but the first of them returned as `weak`. `wantedClass` is
    /// the class digit wanted ("2", "4" or "5"), or 0 for any.
    package static func statusCodes(in masked: [UInt8], wantedClass wanted: UInt8) -> (codes: [String], weak: String) {
        var found = [String]()
        var another = ""
        let count = masked.count
        var index = 0
        while index + 4 < count {
            let byte = masked[index]
            let isClass =
                wanted == 0
                ? (byte == UInt8(ascii: "5") || byte == UInt8(ascii: "4") || byte == UInt8(ascii: "2"))
                : byte == wanted
            guard isClass, masked[index + 1] == ASCII.dot else {
                index += 1
                continue
            }
            let previous: UInt8 = index > 0 ? masked[index - 1] : ASCII.space
            if (previous >= 0x2E && previous <= 0x39) || previous == UInt8(ascii: "V") || previous == UInt8(ascii: "v")
            {
                index += 1
                continue
            }
            let subject = masked[index + 2]
            guard subject >= 0x30 && subject <= 0x37, masked[index + 3] == ASCII.dot else {
                index += 1
                continue
            }
            var end = index + 4
            var digits = 0
            while end < count, ASCII.isDigit(masked[end]), digits < 4 {
                end += 1
                digits += 1
            }
            guard digits >= 1, digits <= 3 else {
                index += 1
                continue
            }
            let code = String(decoding: masked[index..<end], as: UTF8.self)
            if code.hasSuffix(".0.0") && code.utf8.count == 5 || code == "4.4.7" {
                if another.isEmpty { another = code }
            } else {
                found.append(code)
            }
            index = end
        }
        return (found, another)
    }
}
