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

    /// Reads one line from the terminal with echo off (a password), printing `prompt` on stderr;
    /// nil at end of input or when standard input is not a terminal. The text is never stored.
    public static func readSecret(prompt: String) -> String? {
        guard inputIsTerminal else { return nil }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        FileHandle.standardError.write(Data(prompt.utf8))
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0 else { return nil }
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(STDIN_FILENO, &byte, 1) == 1 {
            if byte == 0x0A || byte == 0x0D { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
