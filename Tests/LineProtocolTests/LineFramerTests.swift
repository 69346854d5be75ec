import Testing

@testable import LineProtocol

@Suite struct LineFramerTests {
    static let text = Array("one\ntwo\r\n\nthree four\n{\"x\":\"é😀\"}\nlast".utf8)
    static let expected: [LineFramer.Event] = [
        .line(Array("one".utf8)), .line(Array("two\r".utf8)), .line([]), .line(Array("three four".utf8)),
        .line(Array("{\"x\":\"é😀\"}".utf8)), .line(Array("last".utf8)),
    ]

    static func run(_ chunks: [[UInt8]], limit: Int = 1 << 20) -> (events: [LineFramer.Event], maxBuffered: Int) {
        var framer = LineFramer(limit: limit)
        var events: [LineFramer.Event] = []
        var maxBuffered = 0
        for chunk in chunks {
            framer.feed(chunk) { events.append($0) }
            maxBuffered = max(maxBuffered, framer.bufferedByteCount)
        }
        framer.finish { events.append($0) }
        return (events, maxBuffered)
    }

    @Test func oneByteAtATime() {
        #expect(Self.run(Self.text.map { [$0] }).events == Self.expected)
    }

    @Test(arguments: [1, 2, 3, 5, 7, 13, 64, 1000])
    func anyChunking(size: Int) {
        #expect(Self.run(Input.chunks(Self.text, size: size)).events == Self.expected)
    }

    @Test func wholeInOneChunk() {
        #expect(Self.run([Self.text]).events == Self.expected)
    }

    @Test func emptyChunksChangeNothing() {
        #expect(Self.run([[], Self.text, []]).events == Self.expected)
    }

    @Test func lineAtTheLimitPasses() {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 100)
        #expect(Self.run([line + [0x0A]], limit: 100).events == [.line(line)])
    }

    @Test(arguments: [1, 7, 4096, 1 << 20])
    func hugeLineIsSkippedWithoutBeingKept(chunk: Int) {
        let limit = 1 << 20
        let huge = [UInt8](repeating: UInt8(ascii: "x"), count: 3 * limit)
        var input = Array("before\n".utf8) + huge + Array("\nafter\n".utf8)
        if chunk == 1 { input = Array("before\n".utf8) + Array(huge.prefix(limit + 10)) + Array("\nafter\n".utf8) }
        let (events, maxBuffered) = Self.run(Input.chunks(input, size: chunk), limit: limit)
        #expect(events.count == 3)
        #expect(events.first == .line(Array("before".utf8)))
        #expect(events.last == .line(Array("after".utf8)))
        if case .tooLong(let bytes) = events[1] { #expect(bytes > limit) } else { Issue.record("expected tooLong") }
        #expect(maxBuffered <= limit + 1)
    }

    @Test func oneByteOverTheLimitOneByteAtATime() {
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 11)
        let events = Self.run((line + Array("\nok\n".utf8)).map { [$0] }, limit: 10).events
        #expect(events == [.tooLong(bytes: 11), .line(Array("ok".utf8))])
    }

    @Test func unterminatedHugeLineAtEndIsReportedOnce() {
        let events = Self.run([[UInt8](repeating: 0x61, count: 50)], limit: 10).events
        #expect(events == [.tooLong(bytes: 11)])
    }
}
