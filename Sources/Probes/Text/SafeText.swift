import Sanitizer

/// Makes text that came from a remote server safe to store and show.
///
/// Banners, capability lines and certificate names are chosen by whoever runs the server. Before
/// they reach a terminal, a log or JSON they lose their power: control characters (C0, DEL, C1),
/// terminal escape sequences, bidirectional-override and zero-width characters (the classes of
/// ``TextSanitizer``, which every output applies again) become visible `\xNN` / `\u{NNNN}` escapes,
/// invalid UTF-8 becomes U+FFFD, and overlong text is cut with a note saying how much was dropped.
public enum SafeText {
    /// The default number of characters kept from one remote line.
    public static let defaultLimit = 200

    /// Cleans raw bytes received from a server.
    public static func clean(_ bytes: some Collection<UInt8>, limit: Int = defaultLimit) -> String {
        clean(String(decoding: Array(bytes), as: UTF8.self), limit: limit)
    }

    /// Cleans text that came from a server (already decoded).
    public static func clean(_ text: String, limit: Int = defaultLimit) -> String {
        var out = ""
        var kept = 0
        var dropped = 0
        for scalar in text.unicodeScalars {
            if kept >= limit {
                dropped += 1
                continue
            }
            out += escaped(scalar)
            kept += 1
        }
        if dropped > 0 { out += "… [\(dropped) more characters cut]" }
        return out
    }

    /// Whether `text` would come out of ``clean(_:limit:)`` unchanged (ignoring the length limit).
    public static func isClean(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { escaped($0).unicodeScalars.count == 1 }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        switch value {
        case 0x09: return " "
        case 0x00..<0x20, 0x7F, 0x80..<0xA0:
            return "\\x" + hex(value, width: 2)
        case 0x200E, 0x200F, 0x061C:
            // Bidirectional marks: harmless alone, but they can reorder what is shown around them.
            return "\\u{" + hex(value, width: 4) + "}"
        default:
            // Every other character the shared output layer neutralises (bidirectional embeddings,
            // overrides and isolates, zero-width characters) is escaped here already, in the same form.
            if TextSanitizer.isNeutralized(scalar) { return "\\u{" + hex(value, width: 4) + "}" }
            return String(scalar)
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
