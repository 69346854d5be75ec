import Conversation
import Foundation
import MailModel
import TestSupport
import Testing

@testable import LineProtocol

@Suite(.serialized) struct ServeLoopTests {
    static func configuration(_ change: (inout ServeConfiguration) -> Void = { _ in }) -> ServeConfiguration {
        var configuration = ServeConfiguration()
        configuration.rateLimit = nil
        change(&configuration)
        return configuration
    }

    static func loop(
        _ responder: any MessageResponding = ScriptedResponder(), sink: CollectingSink,
        clock: ManualClock = ManualClock(), _ change: (inout ServeConfiguration) -> Void = { _ in }
    ) -> ServeLoop<ManualClock> {
        ServeLoop(responder: responder, configuration: configuration(change), clock: clock, output: sink)
    }

    /// Runs `loop` over a stream of input: returns the stream's continuation, to feed the loop, and the run.
    static func start<C: Clock>(
        _ loop: ServeLoop<C>
    ) -> (feed: AsyncStream<[UInt8]>.Continuation, run: Task<ServeOutcome, Never>) {
        let (input, feed) = Input.stream()
        return (feed, Task { await loop.run(input: input) })
    }

    /// Runs the loop over the whole input (ending it) and returns the frames.
    static func serve(
        _ input: [UInt8], responder: any MessageResponding = ScriptedResponder(),
        _ change: (inout ServeConfiguration) -> Void = { _ in }
    ) async -> (ServeOutcome, [OutboundFrame]) {
        let sink = CollectingSink()
        let loop = loop(responder, sink: sink, change)
        let outcome = await loop.run(input: CountingInput(chunks: Input.chunks(input, size: 4093)))
        return (outcome, sink.frames)
    }

    @Test func pingGetsPong() async {
        let (outcome, frames) = await Self.serve(FrameCodec.encode(InboundFrame.ping(id: "p1")))
        #expect(outcome == .endOfInput)
        #expect(frames == [.pong(PongFrame(inReplyTo: "p1", version: 1))])
    }

    @Test func emptyInputEndsAtOnce() async {
        let (outcome, frames) = await Self.serve([])
        #expect(outcome == .endOfInput)
        #expect(frames.isEmpty)
    }

    @Test func blankLinesAreIgnored() async {
        let (_, frames) = await Self.serve(Array("\n  \r\n\t\n".utf8) + Input.message("s", "m", "hi"))
        #expect(frames.count == 1)
        #expect(frames.first?.reply?.inReplyTo == "m")
    }

    @Test func lastLineWithoutNewlineIsServed() async {
        let (_, frames) = await Self.serve(Array(#"{"session":"s","id":"m","text":"hi"}"#.utf8))
        #expect(frames.first?.reply?.text == "1: hi")
    }

    /// Each bad line is one error frame, and serving goes on.
    @Test func malformedLinesGetOneErrorEachAndServingGoesOn() async {
        var input: [UInt8] = []
        var expected: [ErrorCode] = []
        for (index, malformed) in FrameCodecTests.malformed.enumerated() {
            input += Input.message("good", "before-\(index)", "x")
            input += malformed.bytes + [0x0A]
            expected.append(malformed.code)
        }
        input += [UInt8](repeating: UInt8(ascii: "z"), count: (1 << 20) + 5) + [0x0A]
        expected.append(.lineTooLong)
        input += Input.message("s", "m", "x".padding(toLength: 70_000, withPad: "x", startingAt: 0))
        expected.append(.fieldTooLong)
        input += Input.message(String(repeating: "s", count: 300), "m", "x")
        expected.append(.fieldTooLong)
        input += Input.message("good", "final", "still here")
        let (outcome, frames) = await Self.serve(input)
        #expect(outcome == .endOfInput)
        #expect(frames.compactMap(\.error).map(\.code) == expected)
        let replies = frames.compactMap(\.reply)
        #expect(replies.count == FrameCodecTests.malformed.count + 1)
        #expect(replies.last?.inReplyTo == "final")
        #expect(replies.last?.text == "\(replies.count): still here")
    }

    @Test func tooLongTextKeepsSessionAndId() async {
        let (_, frames) = await Self.serve(Input.message("s", "m", String(repeating: "é", count: 40_000)))
        #expect(
            frames == [
                .error(
                    ErrorFrame(
                        session: "s", inReplyTo: "m", code: .fieldTooLong,
                        message: "the text is longer than 65536 bytes"))
            ])
    }

    @Test func progressComesBeforeTheReply() async {
        let (_, frames) = await Self.serve(Input.message("s", "m", "progress:3") + Input.message("s", "n", "x"))
        #expect(frames.count == 5)
        #expect(frames.prefix(3).allSatisfy { $0.progress?.inReplyTo == "m" && $0.progress?.check == "mx" })
        #expect(frames[3].reply?.inReplyTo == "m")
        #expect(frames[4].reply?.inReplyTo == "n")
    }

    @Test func resetForgetsTheSessionInOrder() async {
        var input = Input.message("s", "1", "a") + Input.message("s", "2", "b")
        input += FrameCodec.encode(InboundFrame.reset(session: "s"))
        input += Input.message("s", "3", "c")
        input += Input.message("t", "1", "other")
        let (_, frames) = await Self.serve(input)
        let texts = frames.compactMap(\.reply).filter { $0.session == "s" }.map(\.text)
        #expect(texts == ["1: a", "2: b", "1: c"])
        #expect(frames.count == 4)
    }

    /// 1,000 sessions × 20 messages, interleaved, through the real engine: every message gets
    /// exactly one reply with its session and id, in order within each session, and each session's
    /// replies are exactly what the engine says when that session is replayed alone.
    @Test func thousandSessionsInterleaved() async throws {
        try await Self.interleaved(
            engine: KnowledgeFixture.engine,
            texts: [
                "my mailbox is full", "help", "I can't receive emails since Monday", "sending",
                "550 5.7.26 unauthenticated email", "more", "show smtp-550", "topics", "my emails bounce", "receiving",
                "reset", "quota exceeded", "mon mail ne part plus", "both", "what is SPF", "smtp 421 try again later",
            ])
    }

    /// The same with live DNS checks among the messages, answered by the Knot fixture: checks of
    /// one session run while other sessions' messages are answered, and still come back in order.
    @Test func thousandSessionsWithLiveChecks() async throws {
        let knot = try KnotFixture.address()
        try await Self.interleaved(
            engine: Fixture.liveEngine(resolver: knot),
            texts: [
                "my mailbox is full", "check mx good.test", "I can't receive emails since Monday", "yes",
                "is 192.0.2.2 blacklisted?", "more", "check spf,dmarc good.test", "topics", "check mx dialog.test",
                "incoming mail for dialog.test is lost, MX problem?", "no, it's good.test", "reset",
                "550 5.1.1 <bob@good.test>: User unknown", "check dkim good.test", "thanks", "what about DMARC?",
            ],
            expectInReplies: ["One problem for good.test", "192.0.2.2 is listed on zen.spamhaus.org"])
    }

    /// Hostile DNS data (Fixtures/hostile.test.zone: ESC, BEL, DEL, C1, bidi and zero-width characters in
    /// every record; a DNSBL listing with the same TXT) and a domain with 1,000 MX hosts and a 51 KB TXT
    /// record, through the real engine and the serve loop: nothing raw on the wire, and bounded replies.
    @Test func hostileRecordsAndHugeDomainsThroughServe() async throws {
        let knot = try KnotFixture.address()
        let messages = ["check hostile.test", "is 192.0.2.66 blacklisted?", "check many.test"]
        var input: [UInt8] = []
        for (index, text) in messages.enumerated() {
            input += FrameCodec.encode(InboundFrame.message(session: "s\(index)", id: "m\(index)", text: text))
        }
        let sink = CollectingSink()
        let loop = ServeLoop(
            responder: try Fixture.liveEngine(resolver: knot), configuration: Self.configuration(),
            clock: ContinuousClock(), output: sink)
        let outcome = await loop.run(input: CountingInput(chunks: Input.chunks(input, size: 4093)))
        #expect(outcome == .endOfInput)
        let frames = sink.frames
        var replies: [String: ReplyFrame] = [:]
        for frame in frames {
            let line = FrameCodec.encode(frame)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            var shown: [String] = []
            func collect(_ value: Any) {
                if let string = value as? String { shown.append(string) }
                if let array = value as? [Any] { array.forEach(collect) }
                if let members = value as? [String: Any] {
                    for (key, item) in members where key != "data" { collect(item) }
                }
            }
            collect(object)
            for string in shown {
                let raw = string.unicodeScalars.filter { scalar in
                    let value = scalar.value
                    return (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
                        || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                        || (0x200B...0x200D).contains(value) || value == 0x2060 || value == 0xFEFF
                }
                #expect(raw.isEmpty, "\(string)")
            }
            if case .reply(let reply) = frame { replies[reply.inReplyTo] = reply }
        }
        let hostile = try #require(replies["m0"])
        #expect(hostile.checks.flatMap(\.findings).contains { $0.message.contains("␛") }, "\(hostile.text)")
        #expect(try #require(replies["m1"]).text.contains("␛"))
        let many = try #require(replies["m2"])
        #expect(many.text.contains("showing 10 of 1,000 MX hosts"), "\(many.text)")
        #expect(FrameCodec.encode(.reply(many)).count < 40_000)
    }

    static func interleaved(
        engine: ConversationEngine, texts: [String], expectInReplies: [String] = []
    ) async throws {
        let sessions = 1_000
        let perSession = 20
        func text(session: Int, message: Int) -> String {
            texts[(session % 7 * 3 + message * (session % 5 + 1)) % texts.count]
        }
        var generator = SeededGenerator(seed: 42)
        var next = [Int](repeating: 0, count: sessions)
        var open = Array(0..<sessions)
        var input: [UInt8] = []
        while !open.isEmpty {
            let pick = Int.random(in: 0..<open.count, using: &generator)
            let session = open[pick]
            input += Input.message("s\(session)", "m\(next[session])", text(session: session, message: next[session]))
            next[session] += 1
            if next[session] == perSession {
                open.swapAt(pick, open.count - 1)
                open.removeLast()
            }
        }
        let sink = CollectingSink()
        let loop = ServeLoop(
            responder: engine, configuration: Self.configuration(), clock: ContinuousClock(), output: sink)
        let outcome = await loop.run(input: CountingInput(chunks: Input.chunks(input, size: 4093)))
        #expect(outcome == .endOfInput)
        // Live checks also send progress frames; each belongs to its message's session.
        let frames = sink.frames
        #expect(frames.compactMap(\.reply).count == sessions * perSession)
        #expect(frames.allSatisfy { $0.reply != nil || $0.progress != nil })
        var bySession: [String: [ReplyFrame]] = [:]
        for reply in frames.compactMap(\.reply) { bySession[reply.session, default: []].append(reply) }
        #expect(bySession.count == sessions)
        let replied = Set(frames.compactMap(\.reply).map { "\($0.session) \($0.inReplyTo)" })
        #expect(frames.compactMap(\.progress).allSatisfy { replied.contains("\($0.session) \($0.inReplyTo)") })
        for wanted in expectInReplies {
            #expect(frames.contains { $0.reply?.text.contains(wanted) == true }, "no reply says \(wanted)")
        }
        // Expected replies: each distinct script replayed alone through the engine.
        var expected: [[String]: [String]] = [:]
        for session in 0..<sessions {
            let script = (0..<perSession).map { text(session: session, message: $0) }
            if expected[script] == nil {
                var state = Session(id: "replay")
                var replies: [String] = []
                for message in script {
                    let (updated, reply) = await engine.respond(to: message, in: state)
                    state = updated
                    replies.append(ReplyRenderer(style: .plain, strings: engine.strings).render(reply))
                }
                expected[script] = replies
            }
            let replies = try #require(bySession["s\(session)"])
            #expect(replies.map(\.inReplyTo) == (0..<perSession).map { "m\($0)" })
            #expect(replies.map(\.text) == expected[script])
        }
    }

    /// A session stuck on a slow message does not delay the others; its own next message waits.
    @Test func slowSessionNeverDelaysOthers() async {
        let gate = Gate()
        let sink = CollectingSink()
        let loop = Self.loop(ScriptedResponder(gate: gate), sink: sink)
        let (feed, run) = Self.start(loop)
        feed.yield(Input.message("slow", "1", "gate"))
        feed.yield(Input.message("slow", "2", "after the gate"))
        for index in 0..<200 { feed.yield(Input.message("fast\(index % 10)", "\(index)", "hello")) }
        let frames = await sink.wait { $0.count >= 200 }
        #expect(frames.count == 200)
        #expect(frames.allSatisfy { $0.reply?.session.hasPrefix("fast") == true })
        // Still nothing for the slow session, even after a while.
        try? await Task.sleep(for: .milliseconds(100))
        #expect(sink.frames.count == 200)
        gate.open()
        feed.finish()
        #expect(await run.value == .endOfInput)
        let slow = sink.frames.compactMap(\.reply).filter { $0.session == "slow" }
        #expect(slow.map(\.text) == ["1: gate", "2: after the gate"])
    }

    /// Slow messages in many sessions run concurrently, not one after the other.
    @Test func sessionsRunConcurrently() async {
        var input: [UInt8] = []
        for index in 0..<50 { input += Input.message("s\(index)", "m", "sleep:300") }
        let start = ContinuousClock.now
        let (outcome, frames) = await Self.serve(input)
        #expect(outcome == .endOfInput)
        #expect(frames.count == 50)
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// With every permit taken, the loop stops reading its input instead of buffering it.
    @Test func backPressureStopsReading() async {
        let gate = Gate()
        let sink = CollectingSink()
        let loop = Self.loop(ScriptedResponder(gate: gate), sink: sink) { $0.maxInFlight = 8 }
        let chunks = (0..<100).map { Input.message("s\($0)", "m", "gate") }
        let input = CountingInput(chunks: chunks)
        let run = Task { await loop.run(input: input) }
        try? await Task.sleep(for: .milliseconds(300))
        #expect(input.taken.count <= 9)
        #expect(sink.frames.isEmpty)
        gate.open()
        #expect(await run.value == .endOfInput)
        #expect(sink.frames.compactMap(\.reply).count == 100)
    }

    /// A reader that does not read the output also stops the input, and nothing is lost.
    @Test func blockedOutputStopsReading() async {
        let sink = CollectingSink()
        sink.block()
        let loop = Self.loop(sink: sink) { $0.maxInFlight = 4 }
        let input = CountingInput(chunks: (0..<100).map { Input.message("s\($0)", "m", "x") })
        let run = Task { await loop.run(input: input) }
        try? await Task.sleep(for: .milliseconds(300))
        #expect(input.taken.count <= 6)
        sink.unblock()
        #expect(await run.value == .endOfInput)
        #expect(sink.frames.compactMap(\.reply).count == 100)
    }

    @Test func sessionOverItsQueueLimitGetsBusy() async {
        let gate = Gate()
        let sink = CollectingSink()
        let loop = Self.loop(ScriptedResponder(gate: gate), sink: sink) { $0.maxQueuedPerSession = 3 }
        let (feed, run) = Self.start(loop)
        for index in 0..<5 { feed.yield(Input.message("s", "\(index)", "gate")) }
        feed.yield(Input.message("other", "x", "hi"))
        let frames = await sink.wait { $0.count >= 3 }
        #expect(frames.compactMap(\.error).map(\.inReplyTo) == ["3", "4"])
        #expect(frames.compactMap(\.error).allSatisfy { $0.code == .busy && $0.session == "s" })
        #expect(frames.compactMap(\.reply).map(\.session) == ["other"])
        gate.open()
        feed.finish()
        #expect(await run.value == .endOfInput)
        #expect(sink.frames.compactMap(\.reply).filter { $0.session == "s" }.map(\.inReplyTo) == ["0", "1", "2"])
    }

    @Test func rateLimitPerSession() async {
        let clock = ManualClock()
        let sink = CollectingSink()
        let loop = Self.loop(sink: sink, clock: clock) {
            $0.rateLimit = ServeConfiguration.RateLimit(burst: 3, perMinute: 60)
        }
        let (feed, run) = Self.start(loop)
        for index in 0..<5 { feed.yield(Input.message("chatty", "\(index)", "x")) }
        feed.yield(Input.message("calm", "0", "x"))
        await sink.wait { $0.count == 6 }
        clock.advance(by: .seconds(1))
        feed.yield(Input.message("chatty", "5", "x"))
        feed.yield(Input.message("chatty", "6", "x"))
        feed.finish()
        #expect(await run.value == .endOfInput)
        let frames = sink.frames
        #expect(frames.compactMap(\.error).map(\.inReplyTo) == ["3", "4", "6"])
        #expect(frames.compactMap(\.error).allSatisfy { $0.code == .rateLimited })
        #expect(frames.compactMap(\.reply).filter { $0.session == "chatty" }.map(\.inReplyTo) == ["0", "1", "2", "5"])
    }

    /// End of input with slow work in flight: every message is still answered before `run` returns.
    @Test func endOfInputFinishesInFlightWork() async {
        var input: [UInt8] = []
        for index in 0..<20 { input += Input.message("s\(index % 4)", "\(index)", "sleep:50") }
        let (outcome, frames) = await Self.serve(input)
        #expect(outcome == .endOfInput)
        #expect(frames.compactMap(\.reply).count == 20)
    }

    /// A shutdown request lets quick work finish, then answers what is left with `shutdown`
    /// errors within the grace period: no message is dropped silently.
    @Test func shutdownWithWorkInFlight() async {
        let sink = CollectingSink()
        let loop = Self.loop(sink: sink) { $0.shutdownGrace = .milliseconds(300) }
        let (feed, run) = Self.start(loop)
        feed.yield(Input.message("stuck", "1", "hang"))
        feed.yield(Input.message("stuck", "2", "queued behind"))
        feed.yield(Input.message("quick", "1", "sleep:50"))
        feed.yield(Input.message("other", "1", "hi"))
        await sink.wait { $0.count >= 1 }
        let start = ContinuousClock.now
        loop.requestShutdown()
        let outcome = await run.value
        #expect(ContinuousClock.now - start < .seconds(10))  // "hang" never ends by itself
        #expect(outcome == .shutdown(unanswered: 2))
        let frames = sink.frames
        #expect(Set(frames.compactMap(\.reply).map(\.session)) == ["quick", "other"])
        let errors = frames.compactMap(\.error)
        #expect(errors.map(\.inReplyTo) == ["1", "2"])
        #expect(errors.allSatisfy { $0.code == .shutdown && $0.session == "stuck" })
        #expect(frames.count == 4)
    }

    /// Messages still waiting for a permit when the shutdown comes are answered too.
    @Test func shutdownAnswersMessagesWaitingForAPermit() async {
        let sink = CollectingSink()
        let loop = Self.loop(sink: sink) {
            $0.maxInFlight = 2
            $0.shutdownGrace = .milliseconds(100)
        }
        let (feed, run) = Self.start(loop)
        var chunk: [UInt8] = []
        for index in 0..<5 { chunk += Input.message("s\(index)", "m", "hang") }
        feed.yield(chunk)
        try? await Task.sleep(for: .milliseconds(100))
        loop.requestShutdown()
        _ = await run.value
        let frames = sink.frames
        #expect(frames.count == 5)
        #expect(frames.allSatisfy { $0.error?.code == .shutdown })
        #expect(Set(frames.compactMap(\.error?.session)) == ["s0", "s1", "s2", "s3", "s4"])
    }

    @Test func secondShutdownRequestSkipsTheGrace() async {
        let sink = CollectingSink()
        let loop = Self.loop(sink: sink) { $0.shutdownGrace = .seconds(60) }
        let (feed, run) = Self.start(loop)
        feed.yield(Input.message("s", "1", "hang"))
        try? await Task.sleep(for: .milliseconds(50))
        let start = ContinuousClock.now
        loop.requestShutdown()
        loop.requestShutdown()
        #expect(await run.value == .shutdown(unanswered: 1))
        #expect(ContinuousClock.now - start < .seconds(10))  // "hang" never ends by itself
    }

    /// A closed output (the gateway left) ends the loop quietly.
    @Test func closedOutputEndsTheLoop() async {
        let sink = CollectingSink(closeAfterBytes: 200)
        let loop = Self.loop(sink: sink)
        let (feed, run) = Self.start(loop)
        for index in 0..<50 { feed.yield(Input.message("s\(index)", "m", "hello there")) }
        let outcome = await run.value
        #expect(outcome == .outputClosed)
        feed.finish()
        #expect(sink.bytes.count <= 200)
    }

    /// Output lines are whole and never interleaved, even with many sessions writing at once.
    @Test func outputLinesAreWholeUnderConcurrency() async {
        var input: [UInt8] = []
        for index in 0..<2_000 {
            input += Input.message("s\(index % 97)", "\(index)", index % 3 == 0 ? "progress:2" : "x")
        }
        let sink = CollectingSink()
        let loop = Self.loop(sink: sink)
        _ = await loop.run(input: CountingInput(chunks: Input.chunks(input, size: 1000)))
        let lines = sink.lines
        #expect(lines.count == 2_000 + 2 * 667)
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line))) is [String: Any])
        }
    }

    @Test func idleSessionsExpireInTheLoop() async {
        let clock = ManualClock()
        let sink = CollectingSink()
        let loop = Self.loop(sink: sink, clock: clock) { $0.idleTimeout = .seconds(60) }
        let (feed, run) = Self.start(loop)
        feed.yield(Input.message("s", "1", "a"))
        await sink.wait { $0.count == 1 }
        clock.advance(by: .seconds(61))
        feed.yield(Input.message("s", "2", "b"))
        feed.finish()
        _ = await run.value
        #expect(sink.frames.compactMap(\.reply).map(\.text) == ["1: a", "1: b"])
    }
}

/// A small deterministic random number generator (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
