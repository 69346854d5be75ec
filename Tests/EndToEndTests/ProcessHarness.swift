import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `maildoctor` process started for a reliability test: stdin a pipe the test writes, stdout a
/// file (or any path, such as /dev/full) or a pipe the test reads, stderr a file. Its peak memory
/// comes from `wait4`.
final class RunningProcess {
    let pid: pid_t
    /// The write end of the process's stdin (closed by `closeInput()`).
    private(set) var input: Int32
    /// The read end of the process's stdout when it is a pipe, else -1.
    let output: Int32
    private let directory: URL
    private let stdoutPath: String?
    private var finished: (status: Int32, maxRSSKB: Int)?
    /// Where `/usr/bin/time` writes the peak memory, when measuring.
    private let memoryPath: String?
    /// Bytes of an output line not finished yet (kept from one `readLines` call to the next).
    private var partial: [UInt8] = []

    /// Starts `maildoctor` with `arguments`. `stdout`: a path to write to, or nil for a pipe the
    /// test reads with `readLines`. With `measuringMemory`, it runs under `/usr/bin/time`, whose
    /// own `fork` gives the real peak: `posix_spawn` shares this (large) test process's memory
    /// until the exec, and the kernel counts that into the child's peak (`ru_maxrss`).
    init(
        _ arguments: [String], stdout: String? = "", environment: [String: String] = [:], measuringMemory: Bool = false
    ) throws {
        signal(SIGPIPE, SIG_IGN)
        let directory = try TestPaths.temporaryDirectory("proc")
        self.directory = directory
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        var inPipe: [Int32] = [0, 0]
        var outPipe: [Int32] = [-1, -1]
        guard pipe(&inPipe) == 0 else { throw Binary.SpawnError(description: "pipe failed") }
        if stdout == nil {
            guard pipe(&outPipe) == 0 else { throw Binary.SpawnError(description: "pipe failed") }
        }
        let outPath = stdout.map { $0.isEmpty ? directory.appendingPathComponent("out").path : $0 }
        stdoutPath = outPath
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        if let outPath {
            posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        }
        posix_spawn_file_actions_addopen(
            &actions, 2, directory.appendingPathComponent("err").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        for descriptor in inPipe + outPipe where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let memoryPath = directory.appendingPathComponent("rss").path
        self.memoryPath = measuringMemory ? memoryPath : nil
        let executable = measuringMemory ? "/usr/bin/time" : Binary.path
        let command = measuringMemory ? ["-f", "%M", "-o", memoryPath, Binary.path] + arguments : arguments
        let spawned = Result { try Binary.spawn(executable, command, environment: env, actions: &actions) }
        close(inPipe[0])
        if outPipe[1] >= 0 { close(outPipe[1]) }
        pid = try spawned.get()
        input = inPipe[1]
        output = outPipe[0]
    }

    deinit {
        if finished == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        if input >= 0 { close(input) }
        if output >= 0 { close(output) }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Writes all of `bytes` to stdin; false when the process stopped reading (EPIPE).
    @discardableResult
    func write(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(input, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    /// Writes `total` bytes of `pattern` repeated to stdin, in 1 MB writes, stopping early when the
    /// process stops reading; returns how many were written.
    @discardableResult
    func feed(_ pattern: String, total: Int) -> Int {
        let unit = Array(pattern.utf8)
        var chunk: [UInt8] = []
        while chunk.count < 1 << 20 { chunk += unit }
        var sent = 0
        while sent < total {
            let piece = Array(chunk.prefix(min(chunk.count, total - sent)))
            guard write(piece) else { break }
            sent += piece.count
        }
        return sent
    }

    /// Closes stdin (end of input).
    func closeInput() {
        if input >= 0 { close(input) }
        input = -1
    }

    /// Sends a signal.
    func send(signal number: Int32) {
        kill(pid, number)
    }

    /// Waits for the exit (killing the process after `timeout` seconds, which the test records as a
    /// failure); returns the exit status (128 + signal when killed) and the peak resident memory in KB.
    @discardableResult
    func wait(timeout: Double = 60) -> (status: Int32, maxRSSKB: Int) {
        if let finished { return finished }
        var status: Int32 = 0
        var usage = rusage()
        let deadline = Date().addingTimeInterval(timeout)
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            if Date() > deadline {
                Issue.record("maildoctor did not exit within \(timeout) s")
                kill(pid, SIGKILL)
                wait4(pid, &status, 0, &usage)
                break
            }
            usleep(2_000)
        }
        let exit: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        var peak = usage.ru_maxrss
        if let memoryPath {
            // The last line of the file is the peak in KB (`time` puts a note on a line before it).
            let text = (try? String(contentsOfFile: memoryPath, encoding: .utf8)) ?? ""
            peak = text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? Int.max
        }
        finished = (exit, peak)
        return (exit, peak)
    }

    /// What the process wrote to stderr so far.
    var stderr: String {
        (try? String(contentsOf: directory.appendingPathComponent("err"), encoding: .utf8)) ?? ""
    }

    /// What the process wrote to its stdout file so far.
    var stdout: String {
        guard let stdoutPath, let data = FileManager.default.contents(atPath: stdoutPath) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads stdout lines from the pipe until `done` says enough or `timeout` seconds pass; returns
    /// every line read, each with the seconds since `start` at which it arrived.
    func readLines(
        since start: ContinuousClock.Instant, timeout: Double, until done: ([(String, Double)]) -> Bool
    ) -> [(String, Double)] {
        var lines: [(String, Double)] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let deadline = Date().addingTimeInterval(timeout)
        while !done(lines), Date() < deadline {
            var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 50) > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            // Split with memchr: a byte loop in a debug build reads slower than a release server writes.
            buffer.withUnsafeBufferPointer { bytes in
                var start = 0
                while start < count, let base = bytes.baseAddress {
                    guard let hit = memchr(base + start, 0x0A, count - start) else {
                        partial.append(contentsOf: bytes[start..<count])
                        break
                    }
                    let end = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                    partial.append(contentsOf: bytes[start..<end])
                    lines.append((String(decoding: partial, as: UTF8.self), seconds))
                    partial.removeAll(keepingCapacity: true)
                    start = end + 1
                }
            }
        }
        return lines
    }
}

/// Test data for the reliability tests.
enum Hostile {
    /// An RFC 3464 bounce with `count` recipients (each its own status block), about
    /// `count × 110` bytes.
    static func bounce(recipients count: Int, tag: String = "") -> String {
        SampleMessages.userUnknownBounce((0..<count).map { "user\($0)\(tag)@example.org" })
    }

    /// A bounce of about `bytes` bytes (many recipients).
    static func bounce(bytes: Int, tag: String = "") -> String {
        var count = max(1, bytes / 110)
        var text = bounce(recipients: count, tag: tag)
        while text.utf8.count > bytes, count > 1 {
            count -= max(1, (text.utf8.count - bytes) / 100)
            text = bounce(recipients: max(1, count), tag: tag)
        }
        return text
    }

    /// A `serve` message line.
    static func message(session: String, id: String, text: String) -> [UInt8] {
        let object = ["session": session, "id": id, "text": text]
        // JSONSerialization escapes every control character; the line ends with one newline.
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Array(data) + [UInt8(ascii: "\n")]
    }
}
