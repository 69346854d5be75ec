import Foundation
import Testing

@testable import Bounces

/// Bounce reading takes time in proportion to the input: many recipients, or a long pasted list of
/// rejections, cost no more per recipient than a few.
@Suite("Scaling", .serialized)
struct ScalingTests {
    /// Processor seconds `body` takes on this thread: unlike the wall clock, not stretched when other
    /// tests or builds share the processors.
    static func seconds(_ body: () -> Void) -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        body()
        return now() - start
    }

    /// An RFC 3464 bounce with one status block per recipient.
    static func dsn(recipients count: Int) -> [UInt8] {
        var blocks = ""
        for index in 0..<count {
            blocks +=
                "Final-Recipient: rfc822; user\(index)@example.org\nAction: failed\nStatus: 5.1.1\n"
                + "Remote-MTA: dns; mx.example.org\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n\n"
        }
        return Array(
            (RobustnessTests.dsn().replacingOccurrences(
                of: "Final-Recipient: rfc822; nobody@example.org\n",
                with: blocks + "Final-Recipient: rfc822; nobody@example.org\n"))
                .utf8)
    }

    /// A pasted list of rejections, one line per recipient (the chat case that was quadratic).
    static func pastedRejections(_ count: Int) -> [UInt8] {
        var text = ""
        for index in 0..<count {
            text += "550 5.1.1 <user\(index)@example.org>: Recipient address rejected: User unknown\n"
        }
        return Array(text.utf8)
    }

    /// The bound is for a debug build (processor time, 0.8–1.2 s measured on the 2-core machine since the
    /// bounce roles were added); the release speed is measured against Sisimai in `make bench`, and
    /// `timeGrowsLinearly` checks the shape.
    static let bound = 1.5

    @Test func twentyThousandRecipientsUnderASecondAndAHalf() {
        let bytes = Self.dsn(recipients: 20_000)
        var report = BounceReport(isBounce: false, kind: .notBounce)
        let seconds = Self.seconds { report = BounceParser.parse(bytes) }
        print("scaling: 20,000 recipients in \(String(format: "%.3f", seconds)) s")
        #expect(seconds < Self.bound)
        #expect(report.recipients.count == 20_001)
        #expect(report.recipients[12_345].address == "user12345@example.org")
        #expect(report.recipients.allSatisfy { $0.reason == "userunknown" && $0.status == "5.1.1" })
    }

    @Test func twentyThousandPastedRejectionsUnderASecondAndAHalf() {
        let bytes = Self.pastedRejections(20_000)
        var report = BounceReport(isBounce: false, kind: .notBounce)
        let seconds = Self.seconds { report = BounceParser.parse(bytes) }
        print("scaling: 20,000 pasted rejection lines in \(String(format: "%.3f", seconds)) s")
        #expect(seconds < Self.bound)
        #expect(report.isBounce)
        #expect(report.recipients.first?.reason == "userunknown")
    }

    /// Doubling the recipients at most about doubles the time (quadratic growth would quadruple it).
    @Test(arguments: ["dsn", "pasted"])
    func timeGrowsLinearly(shape: String) {
        func time(_ count: Int) -> Double {
            let bytes = shape == "dsn" ? Self.dsn(recipients: count) : Self.pastedRejections(count)
            return (0..<3).map { _ in Self.seconds { _ = BounceParser.parse(bytes) } }.min() ?? 0
        }
        let small = time(4_000)
        let large = time(16_000)
        print("scaling (\(shape)): 4,000 in \(small) s, 16,000 in \(large) s")
        #expect(large < small * 8, "4x the recipients took \(large / small)x the time")
    }

    /// Finalising each distinct fact once gives exactly what finalising every fact gives, over the
    /// whole corpus and over facts that differ in address, domain, alias and diagnosis.
    @Test func sharedFinalisingChangesNothing() throws {
        let folder = CorpusPaths.sisimai.appendingPathComponent("emails")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var compared = 0
        for file in files {
            let bytes = CorpusPaths.bytes(folder.appendingPathComponent(file))
            guard let document = DocumentBuilder.build(bytes) else { continue }
            var extractions = [FeedbackRecogniser().extract(document), DSNRecogniser().extract(document)]
            extractions += VendorRegistry.ordered(for: document).map { $0.extract(document) }
            for extraction in extractions.compactMap({ $0 }) {
                let received = ReceivedHosts(document.headers)
                var facts = extraction.facts
                facts += facts + facts  // past the few-facts shortcut
                #expect(
                    FactBuilder.build(facts, document: document)
                        == facts.compactMap { FactBuilder.finalise($0, received: received) }, "\(file)")
                compared += 1
            }
        }
        #expect(compared > 100)
        var facts: [DeliveryFacts] = []
        for index in 0..<40 {
            var fact = DeliveryFacts()
            fact.recipient =
                index % 7 == 0
                ? "not an address" : "User\(index)@\(["gmail.com", "Example.ORG", "yahoo.co.jp"][index % 3])"
            fact.alias = "alias\(index)@example.net"
            fact.diagnosis =
                ["550 5.1.1 user unknown", "452 4.2.2 mailbox full", "554 5.7.1 spam"][index % 3 == 1 ? 1 : index % 2]
            facts.append(fact)
        }
        #expect(FactBuilder.build(facts, document: nil) == facts.compactMap { FactBuilder.finalise($0, received: nil) })
    }
}
