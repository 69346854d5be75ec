import Foundation

/// Where the REPL keeps its history: `$XDG_STATE_HOME/maildoctor/history`, falling back to
/// `~/.local/state/maildoctor/history`.
public enum HistoryFile {
    /// Most lines kept.
    public static let limit = 1_000

    /// The history path for an environment.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/maildoctor/history"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/maildoctor/history"
    }

    /// Creates the file's folder and the file itself with mode 0600, fixing the mode of an
    /// existing file; returns false when that is not possible.
    @discardableResult
    public static func prepare(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            return false
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard descriptor >= 0 else { return false }
        fchmod(descriptor, 0o600)
        close(descriptor)
        return true
    }
}
