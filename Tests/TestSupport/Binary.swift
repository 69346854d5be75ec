import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the built `maildoctor` binary and other commands for end-to-end tests, with
/// posix_spawn and waitpid (no run loop involved), and a hard deadline.
package enum Binary {
    /// The binary under test: `MAILDOCTOR_BIN`, else the debug build.
    package static var path: String {
        if let path = ProcessInfo.processInfo.environment["MAILDOCTOR_BIN"] { return path }
        return TestPaths.root.appendingPathComponent(".build/debug/maildoctor").path
    }

    /// How a program ended and what it wrote.
    package struct Output {
        /// The exit status (128 + signal when killed).
        package var status: Int32
        /// Everything written to stdout.
        package var stdout: String
        /// Everything written to stderr.
        package var stderr: String
    }

    /// A program could not be started.
    package struct SpawnError: Error, CustomStringConvertible {
        /// What failed.
        package var description: String

        /// The error saying `description`.
        package init(description: String) { self.description = description }
    }

    /// Starts `executable` with `arguments` and the whole `environment`, its streams set by `actions`;
    /// its pid.
    package static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String],
        actions: inout posix_spawn_file_actions_t
    ) throws -> pid_t {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard spawned == 0 else { throw SpawnError(description: "cannot start \(executable): \(spawned)") }
        return pid
    }

    /// Runs a program with arguments and optional stdin, killing it after `timeout` seconds.
    /// With `detached`, the program gets /dev/null for all three streams (for daemons such as tmux).
    package static func run(
        _ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        timeout: Double = 30, detached: Bool = false
    ) throws -> Output {
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let directory = try TestPaths.temporaryDirectory("run")
        defer { try? FileManager.default.removeItem(at: directory) }
        let inPath = directory.appendingPathComponent("in").path
        let outPath = detached ? "/dev/null" : directory.appendingPathComponent("out").path
        let errPath = detached ? "/dev/null" : directory.appendingPathComponent("err").path
        try Data((stdin ?? "").utf8).write(to: URL(fileURLWithPath: inPath))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, detached ? "/dev/null" : inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let pid = try spawn(executable, arguments, environment: env, actions: &actions)

        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                Issue.record("\(executable) \(arguments) did not finish within \(timeout) s")
                break
            }
            usleep(5_000)
        }
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        func read(_ path: String) -> String {
            guard !detached, let data = FileManager.default.contents(atPath: path) else { return "" }
            return String(decoding: data, as: UTF8.self)
        }
        return Output(status: exitStatus, stdout: read(outPath), stderr: read(errPath))
    }

    /// Runs `maildoctor` with arguments.
    package static func maildoctor(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:])
        throws
        -> Output
    {
        try run(path, arguments, stdin: stdin, environment: environment)
    }
}
