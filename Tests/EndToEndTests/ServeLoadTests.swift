import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `maildoctor serve` under load, on the real binary: others are answered while bounces are read,
/// and a shutdown keeps its grace period.
@Suite(.serialized) struct ServeLoadTests {
    /// Six sessions each send 64 KB bounces (several queued each); a ping and a short message of
    /// another session are then answered within 1.5 s.
    @Test func pingAndShortRepliesStayFastWhileBouncesAreRead() throws {
        let process = try RunningProcess(["serve", "--rate-burst", "0"], stdout: nil)
        var heavy: [UInt8] = []
        for round in 0..<4 {
            for session in 0..<6 {
                let text = Hostile.bounce(bytes: 64_000, tag: "s\(session)r\(round)")
                heavy += Hostile.message(session: "heavy\(session)", id: "h\(round)", text: text)
            }
        }
        #expect(process.write(heavy))
        let start = ContinuousClock.now
        process.write(Array(#"{"type":"ping","id":"p1"}"#.utf8) + [10])
        process.write(Hostile.message(session: "light", id: "l1", text: "my mailbox is full"))
        let lines = process.readLines(since: start, timeout: 30) { lines in
            lines.contains { $0.0.contains(#""in_reply_to":"p1""#) }
                && lines.contains { $0.0.contains(#""in_reply_to":"l1""#) }
        }
        let pong = lines.first { $0.0.contains(#""type":"pong""#) }
        let light = lines.first { $0.0.contains(#""session":"light""#) }
        let heavyReplies = lines.filter { $0.0.contains(#""session":"heavy"#) }.count
        print(
            "serve fairness: pong after \(pong?.1 ?? -1) s, short reply after \(light?.1 ?? -1) s, "
                + "\(heavyReplies) bounce replies by then")
        #expect((pong?.1 ?? 99) <= 1.5)
        #expect((light?.1 ?? 99) <= 1.5)
        #expect(light?.0.contains(#""type":"reply""#) == true)
        // Then every bounce is answered as well.
        process.closeInput()
        let rest = process.readLines(since: start, timeout: 120) { _ in false }
        let all = lines + rest
        #expect(all.filter { $0.0.contains(#""type":"reply""#) && $0.0.contains("heavy") }.count == 24)
        #expect(process.wait().status == 0)
    }

    /// Enough heavy messages queued for far more than the grace period, then SIGTERM: the process
    /// exits within 7 s, answering what is left with `shutdown` errors.
    @Test func sigtermUnderLoadExitsWithinTheGrace() throws {
        let process = try RunningProcess(["serve", "--rate-burst", "0"], stdout: nil)
        let sent = Self.flood(process)
        // Let the work start, then stop it.
        _ = process.readLines(since: .now, timeout: 1) { _ in false }
        let (status, lines, elapsed) = Self.terminate(process)
        print("serve shutdown under load: exit after \(elapsed), \(lines.count) lines after SIGTERM")
        #expect(status == 0)
        #expect(elapsed <= .seconds(7))
        let shutdownErrors = lines.filter { $0.0.contains(#""code":"shutdown""#) }.count
        #expect(shutdownErrors > 0)
        #expect(process.stderr.contains("got a shutdown error"), "\(process.stderr)")
        _ = sent
    }

    /// A second signal exits at once, without waiting for the grace period.
    @Test func secondSignalExitsAtOnce() throws {
        let process = try RunningProcess(["serve", "--rate-burst", "0", "--grace", "60"], stdout: nil)
        Self.flood(process)
        _ = process.readLines(since: .now, timeout: 1) { _ in false }
        let (status, lines, elapsed) = Self.terminate(process, signals: 2)
        print("serve second signal: exit after \(elapsed)")
        #expect(status == 0)
        #expect(elapsed <= .seconds(2))
        #expect(lines.contains { $0.0.contains(#""code":"shutdown""#) })
    }

    /// Sends SIGTERM `signals` times, 200 ms apart, and waits for the exit: its status, the lines written
    /// after the first signal, and how long after it the process exited.
    static func terminate(
        _ process: RunningProcess, signals: Int = 1
    ) -> (status: Int32, lines: [(String, Double)], elapsed: Duration) {
        let start = ContinuousClock.now
        for number in 0..<signals {
            if number > 0 { usleep(200_000) }
            process.send(signal: SIGTERM)
        }
        let lines = process.readLines(since: start, timeout: 20) { _ in false }
        let (status, _) = process.wait(timeout: 20)
        return (status, lines, ContinuousClock.now - start)
    }

    /// Queues 40 sessions × 30 bounces of 64 KB (more work than a release build does in 5 s on two
    /// processors) from a thread of its own; returns how many messages are sent.
    @discardableResult
    static func flood(_ process: RunningProcess) -> Int {
        // One text, encoded once; the lines differ in session and id only.
        let text = Hostile.message(session: "", id: "", text: Hostile.bounce(bytes: 64_000, tag: "flood"))
        let encodedText = Array(String(decoding: text, as: UTF8.self).split(separator: "\"text\":")[1].utf8)
        var all: [UInt8] = []
        var count = 0
        for round in 0..<30 {
            for session in 0..<40 {
                all += Array("{\"id\":\"h\(round)\",\"session\":\"heavy\(session)\",\"text\":".utf8) + encodedText
                count += 1
            }
        }
        // A descriptor of the thread's own, closed by it, so the test closing stdin cannot race it.
        let input = dup(process.input)
        let bytes = all
        let thread = Thread {
            defer { close(input) }
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = Glibc.write(input, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 { return }
                    offset += written
                }
            }
        }
        thread.start()
        usleep(300_000)
        return count
    }
}
