import Foundation
import LineProtocol
import Synchronization
import Testing

/// An in-memory output: keeps every byte, checks that each write ends with whole lines, decodes
/// frames, and can simulate a closed pipe or a reader that does not read.
final class CollectingSink: ByteSink {
    private struct State {
        var bytes: [UInt8] = []
        var writes = 0
        var closeAfterBytes: Int?
        var blocked = false
    }

    private let state = Mutex(State())
    private let unblocked = NSCondition()

    init(closeAfterBytes: Int? = nil) {
        state.withLock { $0.closeAfterBytes = closeAfterBytes }
    }

    func write(_ bytes: [UInt8]) throws(OutputClosed) {
        unblocked.lock()
        while state.withLock({ $0.blocked }) { unblocked.wait() }
        unblocked.unlock()
        let closed: Bool = state.withLock { state in
            if let limit = state.closeAfterBytes, state.bytes.count + bytes.count > limit { return true }
            state.bytes.append(contentsOf: bytes)
            state.writes += 1
            return false
        }
        if closed { throw OutputClosed(errorNumber: EPIPE) }
    }

    /// Makes writes block until `unblock()`.
    func block() { state.withLock { $0.blocked = true } }

    /// Lets blocked writes go on.
    func unblock() {
        unblocked.lock()
        state.withLock { $0.blocked = false }
        unblocked.broadcast()
        unblocked.unlock()
    }

    /// Everything written.
    var bytes: [UInt8] { state.withLock { $0.bytes } }

    /// The raw output lines (the output must end with a newline).
    var lines: [[UInt8]] {
        let bytes = self.bytes
        guard !bytes.isEmpty else { return [] }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    /// Every frame, decoded; a line that does not decode is a test failure.
    var frames: [OutboundFrame] {
        let bytes = self.bytes
        if let last = bytes.last { #expect(last == UInt8(ascii: "\n"), "output must end with a whole line") }
        return lines.compactMap { line in
            do {
                return try FrameCodec.decodeOutbound(line)
            } catch {
                Issue.record("undecodable output line: \(String(decoding: line, as: UTF8.self)): \(error)")
                return nil
            }
        }
    }

    /// Waits (up to `timeout`) until `condition` holds for the frames written so far.
    @discardableResult
    func wait(
        timeout: Duration = .seconds(30), sourceLocation: SourceLocation = #_sourceLocation,
        until condition: ([OutboundFrame]) -> Bool
    ) async -> [OutboundFrame] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let frames = self.frames
            if condition(frames) { return frames }
            if ContinuousClock.now > deadline {
                Issue.record(
                    "timed out waiting for output; \(frames.count) frames so far", sourceLocation: sourceLocation)
                return frames
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}

extension OutboundFrame {
    var reply: ReplyFrame? { if case .reply(let frame) = self { frame } else { nil } }
    var error: ErrorFrame? { if case .error(let frame) = self { frame } else { nil } }
    var progress: ProgressFrame? { if case .progress(let frame) = self { frame } else { nil } }
    var pong: PongFrame? { if case .pong(let frame) = self { frame } else { nil } }
}
