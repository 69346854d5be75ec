/// What was said on one connection, for people: `S:` lines from the server, `C:` lines from the
/// probe (secrets replaced), `*` lines for events such as the TLS handshake. Every server line is
/// made safe with ``SafeText``; the transcript keeps at most ``limit`` entries.
struct Transcript: Sendable, Equatable {
    static let limit = 300

    private(set) var lines: [String] = []
    private(set) var omitted = 0

    mutating func server(_ bytes: [UInt8]) {
        add("S: " + SafeText.clean(bytes, limit: 400))
    }

    /// Records what the probe sent, as shown (never the secret form).
    mutating func client(_ shown: String) {
        add("C: " + shown)
    }

    mutating func event(_ text: String) {
        add("* " + text)
    }

    private mutating func add(_ line: String) {
        if lines.count < Transcript.limit {
            lines.append(line)
        } else {
            omitted += 1
        }
    }

    /// The lines, with a last line counting what was left out.
    var all: [String] {
        omitted == 0 ? lines : lines + ["* \(omitted) more lines not kept"]
    }
}
