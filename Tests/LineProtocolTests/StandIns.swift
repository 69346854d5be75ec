import Conversation
import Foundation
import LineProtocol
import Synchronization

/// A responder that echoes, counting turns per session, and obeys commands in the text:
/// `sleep:MS` waits that long, `hang` waits until cancelled, `gate` waits until the test opens
/// the gate, `progress:N` reports N progress events first.
struct ScriptedResponder: MessageResponding {
    let gate: Gate

    init(gate: Gate = Gate()) { self.gate = gate }

    func respond(
        to message: String, in session: Session, progress: @escaping @Sendable (ProgressEvent) -> Void
    ) async -> (Session, Reply) {
        var session = session
        session.turns += 1
        var note = ""
        if message.hasPrefix("sleep:"), let ms = Int(message.dropFirst(6)) {
            try? await Task.sleep(for: .milliseconds(ms))
        } else if message == "hang" {
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
            note = " (cancelled)"
        } else if message == "gate" {
            await gate.wait()
        } else if message.hasPrefix("progress:"), let count = Int(message.dropFirst(9)) {
            for index in 0..<count { progress(ProgressEvent(text: "step \(index)", check: "mx")) }
        }
        return (session, Reply(intent: .unknown, answer: "\(session.turns): \(message)\(note)"))
    }
}

/// A one-shot barrier that tests open.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Lets every current and future waiter through.
    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until the gate is open.
    func wait() async {
        await withCheckedContinuation { continuation in
            let open = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if open { continuation.resume() }
        }
    }
}

/// Input chunks handed out on demand, counting how many were taken (for back-pressure tests).
struct CountingInput: AsyncSequence, Sendable {
    typealias Element = [UInt8]
    let chunks: [[UInt8]]
    let taken = Counter()

    struct AsyncIterator: AsyncIteratorProtocol {
        let chunks: [[UInt8]]
        let taken: Counter
        mutating func next() async -> [UInt8]? {
            let index = taken.increment() - 1
            return index < chunks.count ? chunks[index] : nil
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunks: chunks, taken: taken) }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    @discardableResult func increment() -> Int {
        value.withLock {
            $0 += 1
            return $0
        }
    }
}

/// Helpers to build input.
enum Input {
    static func message(_ session: String, _ id: String, _ text: String) -> [UInt8] {
        FrameCodec.encode(InboundFrame.message(session: session, id: id, text: text))
    }

    /// A stream the test feeds and ends.
    static func stream() -> (AsyncStream<[UInt8]>, AsyncStream<[UInt8]>.Continuation) {
        AsyncStream<[UInt8]>.makeStream()
    }

    /// Bytes cut into chunks of `size`.
    static func chunks(_ bytes: [UInt8], size: Int) -> [[UInt8]] {
        stride(from: 0, to: bytes.count, by: size).map { Array(bytes[$0..<min($0 + size, bytes.count)]) }
    }
}
