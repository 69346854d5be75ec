import Testing

@testable import Bounces

/// The warm-up bounce must take the paths real bounces take, or warming up prepares nothing.
@Suite("Warm-up")
struct WarmUpTests {
    @Test func warmUpBounceIsReadAsAFullDSN() throws {
        let report = BounceParser.parse(text: BounceParser.warmUpBounce)
        #expect(report.isBounce)
        let recipient = try #require(report.recipients.first)
        #expect(recipient.address == "nobody@example.com")
        #expect(recipient.status == "5.1.1")
        #expect(recipient.replyCode == "550")
        #expect(recipient.reason == "userunknown")
        #expect(recipient.command == "RCPT")
        // The returned headers are the original's: their ISO-2022-JP Subject is decoded.
        #expect(report.originalSubject == "こんにちは")
        #expect(report.originalMessageID == "original.0001@example.org")
    }

    @Test func warmUpRunsTwice() {
        BounceParser.warmUp()
        BounceParser.warmUp()
    }
}
