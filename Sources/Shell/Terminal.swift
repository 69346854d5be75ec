import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Facts about the terminal MailDoctor talks to.
public enum Terminal {
    /// Whether standard input is a terminal.
    public static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Whether standard output is a terminal.
    public static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether to use colour: only on a terminal, never with `NO_COLOR` set, never for `TERM=dumb`.
    public static func useColor(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard outputIsTerminal else { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// The terminal's width in columns, or `nil` when it cannot be told.
    public static func width() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
