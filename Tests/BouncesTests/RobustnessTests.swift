import Foundation
import TestSupport
import Testing

@testable import Bounces

/// Hostile and broken input: every case ends with a result or a clear "I can't read this" in bounded time.
@Suite("Robustness")
struct RobustnessTests {
    /// Seconds allowed per case; generous because tests also run in debug builds on busy machines.
    static let budget: Double = 30

    /// A well-formed RFC 3464 bounce; `original` is appended as the returned message's body.
    static func dsn(boundary: String = "BOUNDARY", declared: String? = nil, original: String = "Hello") -> String {
        let recipient = SampleMessages.failedRecipient(
            "nobody@example.org", remoteMTA: "mx.example.org",
            diagnostic: "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown")
        let returned = """
            From: sender@example.com
            To: nobody@example.org
            Subject: Original subject
            Message-ID: <original@example.com>

            \(original)
            """
        return SampleMessages.report(
            headers: SampleMessages.bounceHeaders(from: "mx.example.net", to: "sender@example.com"),
            boundary: boundary, declaredBoundary: declared,
            parts: [
                .init("text/plain", "I'm sorry to have to inform you that your message could not be delivered.\n"),
                .init("message/delivery-status", "Reporting-MTA: dns; mx.example.net\n\n\(recipient)\n"),
                .init("message/rfc822", returned),
            ],
            trailer: "\n")
    }

    /// Runs `body` and checks it finished within the budget.
    static func timed<T>(_ label: String, _ body: () -> T) -> T {
        let clock = ContinuousClock()
        var result: T?
        let elapsed = clock.measure { result = body() }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("robustness \(label): \(String(format: "%.3f", seconds)) s")
        #expect(seconds < budget, "\(label) took \(seconds) s")
        return result!
    }

    @Test func emptyInputIsUnreadable() {
        let report = BounceParser.parse([])
        #expect(report.kind == .unreadable)
        #expect(report.problem?.hasPrefix("I can't read this") == true)
    }

    @Test func wellFormedReferenceParses() {
        let report = BounceParser.parse(text: Self.dsn())
        #expect(report.isBounce)
        #expect(report.recipients.first?.address == "nobody@example.org")
        #expect(report.recipients.first?.reason == "userunknown")
        #expect(report.originalSubject == "Original subject")
    }

    @Test func binaryJunkIsUnreadable() {
        // Seeded: the same megabyte every run, so the verdict cannot depend on the draw.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let junk = (0..<1_000_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let report = Self.timed("binary junk 1 MB") { BounceParser.parse(junk) }
        #expect(report.kind == .unreadable)
        #expect(report.problem?.hasPrefix("I can't read this") == true)
        #expect(!report.isBounce)
    }

    @Test func truncatedMIMEStillReads() {
        let full = Array(Self.dsn().utf8)
        // Cut in every region: inside the DSN part, inside the original, right after a boundary.
        for fraction in [0.3, 0.5, 0.62, 0.75, 0.9] {
            let cut = Array(full.prefix(Int(Double(full.count) * fraction)))
            let report = BounceParser.parse(cut)
            #expect(report.kind != .unreadable || report.problem != nil)
        }
        let afterStatus = Array(full.prefix(Array(full).firstRange(of: Array("Remote-MTA".utf8))!.lowerBound))
        let report = BounceParser.parse(afterStatus)
        #expect(report.isBounce)
        #expect(report.recipients.first?.status == "5.1.1")
    }

    /// A broken MIME frame around the DSN.
    enum BrokenFrame: CaseIterable, Sendable {
        /// No boundary parameter in the Content-Type.
        case missingBoundary
        /// The parts under another boundary than the declared one.
        case wrongBoundary
        /// No closing delimiter.
        case unterminated

        /// The DSN in this frame.
        var text: String {
            switch self {
            case .missingBoundary: RobustnessTests.dsn().replacingOccurrences(of: "; boundary=\"BOUNDARY\"", with: "")
            case .wrongBoundary: RobustnessTests.dsn(boundary: "ACTUAL", declared: "DECLARED")
            case .unterminated: RobustnessTests.dsn().replacingOccurrences(of: "--BOUNDARY--", with: "")
            }
        }
    }

    @Test(arguments: BrokenFrame.allCases)
    func brokenMultipartStillReads(_ frame: BrokenFrame) {
        let report = BounceParser.parse(text: frame.text)
        #expect(report.isBounce)
        let recipient = report.recipients.first
        #expect(recipient?.address == "nobody@example.org")
        #expect(recipient?.status == "5.1.1")
        #expect(recipient?.reason == "userunknown")
    }

    @Test func tenMegabyteMessage() {
        let line = String(repeating: "All work and no play makes Jack a dull boy. ", count: 2) + "\n"
        let original = String(repeating: line, count: 10_000_000 / line.utf8.count)
        let text = Self.dsn(original: original)
        #expect(text.utf8.count > 10_000_000)
        let report = Self.timed("10 MB message") { BounceParser.parse(text: text) }
        #expect(report.isBounce)
        #expect(report.recipients.first?.address == "nobody@example.org")
    }

    @Test func htmlFullOfUnclosedStyleTags() {
        // Each unclosed <style> used to lower-case and search the rest of the page: quadratic.
        let page = "<html><body><p>550 5.1.1 User unknown</p>" + String(repeating: "<style>x<HEAD>y", count: 150_000)
        let text = """
            From: MAILER-DAEMON@example.com
            To: sender@example.org
            Subject: Undeliverable: hello
            MIME-Version: 1.0
            Content-Type: text/html; charset=utf-8

            \(page)
            """
        let report = Self.timed("2 MB HTML of unclosed style tags") { BounceParser.parse(text: text) }
        #expect(report.kind != .unreadable)
    }

    @Test func tenMegabyteBase64Attachment() {
        let chunk = String(repeating: "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=", count: 2) + "\n"
        let body = String(repeating: chunk, count: 10_000_000 / chunk.utf8.count)
        let text = Self.dsn().replacingOccurrences(
            of: "--BOUNDARY--",
            with: "--BOUNDARY\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
                + body + "--BOUNDARY--")
        let report = Self.timed("10 MB base64 attachment") { BounceParser.parse(text: text) }
        #expect(report.isBounce)
    }

    @Test func thousandDeepNesting() {
        var text = "From: MAILER-DAEMON@example.net\nSubject: Delivery Status Notification (Failure)\n"
        text += "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n"
        for depth in 0..<1000 {
            text += "--b\(depth)\nContent-Type: multipart/mixed; boundary=\"b\(depth + 1)\"\n\n"
        }
        text += "--b1000\nContent-Type: message/delivery-status\n\n"
        text += "Reporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; deep@example.org\n"
        text += "Action: failed\nStatus: 5.2.2\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n\n"
        for depth in stride(from: 1000, through: 0, by: -1) { text += "--b\(depth)--\n" }
        let report = Self.timed("1,000-deep nesting") { BounceParser.parse(text: text) }
        // Either the depth limit flattens the tree and the status is still found, or it says why it stopped.
        #expect(report.isBounce || report.problem != nil)
        if report.isBounce { #expect(report.recipients.first?.status == "5.2.2") }
    }

    @Test func thousandDeepMessageAttachments() {
        var text = ""
        for _ in 0..<1000 {
            text += "From: MAILER-DAEMON@example.net\nMIME-Version: 1.0\nContent-Type: message/rfc822\n\n"
        }
        text += "Subject: hello\n\nbody\n"
        let report = Self.timed("1,000 nested message/rfc822") { BounceParser.parse(text: text) }
        #expect(!report.isBounce)
    }

    @Test func endlessHeaderLine() {
        let text = "Subject: " + String(repeating: "x", count: 12_000_000)
        let report = Self.timed("endless header line") { BounceParser.parse(text: text) }
        #expect(!report.isBounce)
    }

    @Test func endlessFoldedHeader() {
        var text = "From: MAILER-DAEMON@example.net\nSubject: Undeliverable\nX-Long: start\n"
        text += String(repeating: "  continued folded header line\n", count: 300_000)
        text += "\n" + "550 5.1.1 <nobody@example.org>: User unknown\n"
        let report = Self.timed("endless folded header") { BounceParser.parse(text: text) }
        #expect(report.kind != .unreadable || report.problem != nil)
    }

    @Test func manyHeaderFields() {
        var text = "From: MAILER-DAEMON@example.net\n"
        text += String(repeating: "X-Field: value\n", count: 500_000)
        text += "Subject: Undelivered Mail\n\nhello\n"
        let report = Self.timed("500,000 header fields") { BounceParser.parse(text: text) }
        #expect(report.kind != .unreadable || report.problem != nil)
    }

    @Test func endlessBodyLine() {
        let text =
            Self.dsn().replacingOccurrences(of: "--BOUNDARY--", with: "")
            + String(repeating: "550 5.1.1 user unknown ", count: 500_000)
        let report = Self.timed("endless body line") { BounceParser.parse(text: text) }
        #expect(report.isBounce)
    }

    @Test func manyBoundariesAndParts() {
        var text = Self.dsn().replacingOccurrences(of: "--BOUNDARY--\n", with: "")
        text += String(repeating: "--BOUNDARY\nContent-Type: text/plain\n\nx\n", count: 100_000)
        text += "--BOUNDARY--\n"
        let report = Self.timed("100,000 parts") { BounceParser.parse(text: text) }
        #expect(report.isBounce)
    }

    @Test func manyRecipients() {
        var status = ""
        for index in 0..<20_000 {
            status += "Final-Recipient: rfc822; user\(index)@example.org\nAction: failed\nStatus: 5.1.1\n\n"
        }
        let text = Self.dsn().replacingOccurrences(
            of: "Final-Recipient: rfc822; nobody@example.org\n",
            with: status + "Final-Recipient: rfc822; nobody@example.org\n")
        let report = Self.timed("20,000 recipients") { BounceParser.parse(text: text) }
        #expect(report.isBounce)
        #expect(report.recipients.count > 1000)
    }

    @Test func carriageReturnOnlyAndMixedBreaks() {
        let base = Self.dsn()
        for breakStyle in ["\r", "\r\n", "\n\r"] {
            let report = BounceParser.parse(text: base.replacingOccurrences(of: "\n", with: breakStyle))
            #expect(report.isBounce, "line break \(Array(breakStyle.utf8))")
            #expect(report.recipients.first?.status == "5.1.1")
        }
    }

    @Test func nulBytesAndInvalidUTF8InText() {
        var bytes = Array(Self.dsn().utf8)
        bytes.insert(contentsOf: [0, 0xFF, 0xFE, 0xC3], at: bytes.count / 4)
        let report = BounceParser.parse(bytes)
        #expect(report.isBounce)
    }

    @Test func parsingTimeIsLinear() {
        let line = "Diagnostic text 550 5.1.1 user unknown at mx.example.org [192.0.2.1] retry later\n"
        func seconds(_ count: Int) -> Double {
            let text = Self.dsn(original: String(repeating: line, count: count))
            let clock = ContinuousClock()
            let elapsed = clock.measure { _ = BounceParser.parse(text: text) }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        _ = seconds(1_000)
        let small = max(seconds(10_000), 0.001)
        let large = seconds(100_000)
        print("robustness linearity: 10k lines \(small) s, 100k lines \(large) s")
        // 10× the input may cost at most ~30× the time (noise allowance); quadratic would be ~100×.
        #expect(large < small * 30 + 0.5)
    }
}
