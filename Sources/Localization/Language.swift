/// A language MailDoctor reads and answers in.
public enum Language: String, Sendable, CaseIterable, Codable {
    case english = "en"
    case french = "fr"
    case german = "de"
    case spanish = "es"
    case italian = "it"
    case portuguese = "pt"

    /// The language's two-letter code (`fr`).
    public var code: String { rawValue }

    /// The language's own name for itself (`Français`).
    public var nativeName: String {
        switch self {
        case .english: "English"
        case .french: "Français"
        case .german: "Deutsch"
        case .spanish: "Español"
        case .italian: "Italiano"
        case .portuguese: "Português"
        }
    }

    /// The language a code or a POSIX locale names: `fr`, `FR`, `fr-CA`, `fr_FR.UTF-8`, `de_DE@euro`;
    /// nil for another language or for `C` / `POSIX`.
    public init?(code: String) {
        let lowered = code.lowercased()
        let end = lowered.firstIndex { $0 == "_" || $0 == "-" || $0 == "." || $0 == "@" } ?? lowered.endIndex
        self.init(rawValue: String(lowered[..<end]))
    }

    /// The first guess for a terminal session: the locale its environment names (`LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`, as POSIX orders them); nil when none names one of the six.
    public static func fromLocale(environment: [String: String]) -> Language? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            // The first variable that is set decides, even when it names a language we do not speak.
            return Language(code: value)
        }
        return nil
    }
}
