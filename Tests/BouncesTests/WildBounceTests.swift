import Foundation
import Testing

@testable import Bounces

/// Bounces pasted by real users (fragments, NDR excerpts, log lines): reply and status codes must be read.
@Suite("Pasted bounces from the wild")
struct WildBounceTests {
    @Test("reply codes and status codes of pasted bounces agree with the transcribed values")
    func codes() {
        let rows = CorpusPaths.jsonLines(CorpusPaths.complaints.appendingPathComponent("bounces-wild-dev.jsonl"))
        #expect(rows.count >= 30, "bounces-wild-dev.jsonl should hold the pasted bounces")
        var reply = (hits: 0, total: 0)
        var status = (hits: 0, total: 0)
        var recognised = 0
        for row in rows {
            guard let text = row["text"] as? String else { continue }
            let report = BounceParser.parse(text: text)
            let first = report.mostImportantRecipient()
            if report.isBounce { recognised += 1 }
            if let want = row["replycode"] as? String {
                reply.total += 1
                if first?.replyCode == want {
                    reply.hits += 1
                } else {
                    print("  reply miss: want \(want) got \(first?.replyCode ?? "-") in \(text.prefix(80))")
                }
            }
            if let want = row["status"] as? String {
                status.total += 1
                if first?.status == want {
                    status.hits += 1
                } else {
                    print("  status miss: want \(want) got \(first?.status ?? "-") in \(text.prefix(80))")
                }
            }
        }
        print(
            "Wild bounces: replycode \(reply.hits)/\(reply.total), status \(status.hits)/\(status.total), read as bounces \(recognised)/\(rows.count)"
        )
        #expect(Double(reply.hits) >= 0.95 * Double(reply.total))
        #expect(Double(status.hits) >= 0.95 * Double(status.total))
        #expect(Double(recognised) >= 0.9 * Double(rows.count))
    }
}
