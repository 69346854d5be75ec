import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The fixture's state directory, stopped and removed when the test process exits.
nonisolated(unsafe) private var fixtureStateDirectory = ""
/// The folder holding the state directories of every start attempt, removed at exit.
nonisolated(unsafe) private var fixtureBaseDirectory = ""

/// A private Postfix + Dovecot pair on 127.0.0.1 (scripts/mail-fixture.sh), started once per test
/// process and stopped by PID when the process exits.
actor MailFixture {
    static let shared = MailFixture()

    /// The ports the fixture listens on, and its certificate.
    struct Ports: Sendable {
        var smtp: Int
        var submission: Int
        var submissions: Int
        var imap: Int
        var imaps: Int
        var pop3: Int
        var pop3s: Int
        /// Dovecot listens here (127.0.0.2), so that connections from 127.0.0.1 are not "local" to it.
        var dovecotAddress: String
        var certificatePath: String
        var stateDirectory: String
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    private var starting: Task<Ports, any Error>?

    /// The running fixture, starting it on first use.
    func ports() async throws -> Ports {
        if let starting { return try await starting.value }
        let task = Task { try await MailFixture.start() }
        starting = task
        return try await task.value
    }

    /// The user and password the fixture accepts.
    static let user = "fixture"
    static let password = "fixture-password"

    private static func start() async throws -> Ports {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("maildoctor-mail-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        atexit {
            guard !fixtureStateDirectory.isEmpty else { return }
            let script = ProbeTestPaths.mailFixtureScript.path
            let stop = Process()
            stop.executableURL = URL(fileURLWithPath: "/bin/bash")
            stop.arguments = [script, "stop", fixtureStateDirectory]
            try? stop.run()
            stop.waitUntilExit()
            try? FileManager.default.removeItem(atPath: fixtureBaseDirectory)
        }
        fixtureBaseDirectory = base.path
        // A start can fail when a busy machine is slow or a random port was taken meanwhile: a failed
        // attempt is stopped (by PID, in the script) and the next one gets a fresh directory and ports.
        var failures: [String] = []
        for attempt in 1...3 {
            let state = base.appendingPathComponent("attempt-\(attempt)")
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            fixtureStateDirectory = state.path
            let output = try await ProcessRunner.run(
                "/bin/bash", [ProbeTestPaths.mailFixtureScript.path, "start", state.path, "--watch", String(getpid())])
            if output.status == 0 { return try ports(from: output, state: state) }
            failures.append("attempt \(attempt) (\(output.status)): \(output.stderr)")
            _ = try? await ProcessRunner.run("/bin/bash", [ProbeTestPaths.mailFixtureScript.path, "stop", state.path])
        }
        throw StartError(description: "mail-fixture.sh start failed: \(failures.joined(separator: "\n"))")
    }

    private static func ports(from output: (status: Int32, stdout: String, stderr: String), state: URL) throws -> Ports
    {
        var values: [String: String] = [:]
        for line in output.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        func port(_ name: String) throws -> Int {
            guard let text = values[name], let value = Int(text) else {
                throw StartError(description: "mail-fixture.sh printed no \(name) port: \(output.stdout)")
            }
            return value
        }
        return Ports(
            smtp: try port("smtp"), submission: try port("submission"), submissions: try port("submissions"),
            imap: try port("imap"), imaps: try port("imaps"), pop3: try port("pop3"), pop3s: try port("pop3s"),
            dovecotAddress: values["dovecot_address"] ?? "127.0.0.1", certificatePath: values["certificate"] ?? "",
            stateDirectory: state.path)
    }
}

/// Runs programs without blocking a cooperative thread.
enum ProcessRunner {
    static func run(_ path: String, _ arguments: [String]) async throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                continuation.resume(returning: (finished.terminationStatus, stdout, stderr))
            }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
    }
}

/// Where the repository and its scripts are, found from this file's real location.
enum ProbeTestPaths {
    /// The repository root: four levels above Tests/ProbesTests/Support/MailFixture.swift.
    static let root: URL = {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }()

    static let mailFixtureScript = root.appendingPathComponent("scripts/mail-fixture.sh")
}
