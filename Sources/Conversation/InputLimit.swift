import Localization

/// The one limit on how much a front end reads as one message or one file.
///
/// Piped stdin, `ask -` and `explain FILE|DIR|-` stop reading at this many bytes and say so on
/// stderr; nothing beyond it is ever held in memory.
public enum InputLimit {
    /// 64 MB (64 MiB, 67,108,864 bytes).
    public static let bytes = 64 << 20

    /// The limit as people read it: "64 MB".
    public static var text: String { describe(bytes) }

    /// A byte count as people read it: whole MB when it is one, else bytes ("64 MB", "1000 bytes").
    public static func describe(_ count: Int) -> String {
        count % (1 << 20) == 0 ? "\(count >> 20) MB" : "\(count) bytes"
    }
}
