import Bounces
import Conversation
import Foundation
import TestSupport
import Testing

@testable import LineProtocol

/// Long texts are answered on the work threads, so CPU-heavy messages never hold up `ping` or the
/// short messages of other sessions.
@Suite(.serialized) struct FairnessTests {
    /// Burns CPU for `spin:MS` texts (padded to be long) until done or cancelled, and answers with the
    /// name of the thread it ran on.
    struct SpinningResponder: MessageResponding {
        func respond(
            to message: String, in session: Session, progress: @escaping @Sendable (ProgressEvent) -> Void
        ) async -> (Session, Reply) {
            if message.hasPrefix("spin:"), let ms = Int(message.dropFirst(5).prefix { $0.isNumber }) {
                let end = ContinuousClock.now + .milliseconds(ms)
                var counter = 0
                while ContinuousClock.now < end, !Task.isCancelled { counter &+= 1 }
            }
            return (session, Reply(intent: .unknown, answer: Self.threadName()))
        }

        /// The name of the thread this runs on.
        static func threadName() -> String {
            Thread.current.name ?? ""
        }
    }

    static func spin(_ ms: Int) -> String {
        "spin:\(ms) " + String(repeating: "x", count: 8 * 1024)
    }

    @Test func longTextsRunOnTheWorkThreadsShortOnesDoNot() async {
        var input: [UInt8] = []
        input += Input.message("a", "long", Self.spin(1))
        input += Input.message("b", "short", "hello")
        let (_, frames) = await ServeLoopTests.serve(input, responder: SpinningResponder())
        let replies = Dictionary(uniqueKeysWithValues: frames.compactMap(\.reply).map { ($0.inReplyTo, $0.text) })
        #expect(replies["long"]?.hasPrefix("md-work-") == true)
        #expect(replies["short"]?.hasPrefix("md-work-") == false)
    }

    /// Six sessions burn 1.5 s of CPU per message, three messages each: `ping` and a short message of
    /// another session are still answered within a second.
    @Test func pingAndShortMessagesAreNotHeldUpByCPUBoundWork() async {
        let sink = CollectingSink()
        let loop = ServeLoop(
            responder: SpinningResponder(), configuration: ServeLoopTests.configuration(), clock: ManualClock(),
            output: sink, work: WorkThreads(threads: 2))
        let (feed, run) = ServeLoopTests.start(loop)
        var heavy: [UInt8] = []
        for round in 0..<3 {
            for session in 0..<6 { heavy += Input.message("heavy\(session)", "h\(round)", Self.spin(1500)) }
        }
        let elapsed = await Self.timeToLightReplies(after: heavy, feed: feed, sink: sink, light: "hello")
        print("fairness (stand-in): pong and short reply after \(elapsed)")
        #expect(elapsed < .seconds(1))
        #expect(sink.frames.compactMap(\.reply).filter { $0.session.hasPrefix("heavy") }.count < 18)
        loop.requestShutdown()
        loop.requestShutdown()
        _ = await run.value
    }

    /// The same with the real engine reading six 64 KB bounces per round.
    @Test func realEngineAnswersPingWhileBouncesAreRead() async {
        let sink = CollectingSink()
        let loop = ServeLoop(
            responder: KnowledgeFixture.engine, configuration: ServeLoopTests.configuration(), clock: ContinuousClock(),
            output: sink)
        let (feed, run) = ServeLoopTests.start(loop)
        var heavy: [UInt8] = []
        for round in 0..<4 {
            for session in 0..<6 {
                heavy += Input.message(
                    "heavy\(session)", "h\(round)", Self.bounce(bytes: 64_000, tag: "\(session)-\(round)"))
            }
        }
        let elapsed = await Self.timeToLightReplies(
            after: heavy, feed: feed, sink: sink, light: "my mailbox is full")
        print("fairness (real engine): pong and short reply after \(elapsed)")
        #expect(elapsed <= .milliseconds(1500))
        feed.finish()
        #expect(await run.value == .endOfInput)
        let bounces = sink.frames.compactMap(\.reply).filter { $0.session.hasPrefix("heavy") }
        #expect(bounces.count == 24)
        #expect(bounces.allSatisfy { $0.intent == "bounce" })
    }

    /// Feeds `heavy`, then 100 ms later a ping and the message `light` of another session; returns how long
    /// after feeding `heavy` both were answered. Timed from before the heavy messages: on a starved pool
    /// even this task's own wake-up from the short sleep would be late, and that counts too.
    static func timeToLightReplies(
        after heavy: [UInt8], feed: AsyncStream<[UInt8]>.Continuation, sink: CollectingSink, light: String
    ) async -> Duration {
        let start = ContinuousClock.now
        feed.yield(heavy)
        try? await Task.sleep(for: .milliseconds(100))
        feed.yield(FrameCodec.encode(InboundFrame.ping(id: "p1")) + Input.message("light", "l1", light))
        _ = await sink.wait(timeout: .seconds(30)) { frames in
            frames.contains { $0.pong != nil } && frames.contains { $0.reply?.session == "light" }
        }
        return ContinuousClock.now - start
    }

    /// An RFC 3464 bounce of about `bytes` bytes: one status block per recipient.
    static func bounce(bytes: Int, tag: String) -> String {
        var addresses: [String] = []
        var size = 0
        while size < bytes - 600 {
            let address = "user\(addresses.count)-\(tag)@example.org"
            addresses.append(address)
            // The status block and the blank line after it.
            size += SampleMessages.failedRecipient(address, diagnostic: "550 5.1.1 user unknown").utf8.count + 2
        }
        return SampleMessages.userUnknownBounce(addresses, notice: nil)
    }
}
