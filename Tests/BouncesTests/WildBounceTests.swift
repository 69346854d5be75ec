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
        var reply = Tally(label: "reply")
        var status = Tally(label: "status")
        var recognised = 0
        for row in rows {
            guard let text = row["text"] as? String else { continue }
            let report = BounceParser.parse(text: text)
            let first = report.mostImportantRecipient()
            if report.isBounce { recognised += 1 }
            reply.count(want: row["replycode"], got: first?.replyCode, in: text)
            status.count(want: row["status"], got: first?.status, in: text)
        }
        print(
            "Wild bounces: replycode \(reply.hits)/\(reply.total), status \(status.hits)/\(status.total), read as bounces \(recognised)/\(rows.count)"
        )
        #expect(Double(reply.hits) >= 0.95 * Double(reply.total))
        #expect(Double(status.hits) >= 0.95 * Double(status.total))
        #expect(Double(recognised) >= 0.9 * Double(rows.count))
    }

    /// How many of one field's transcribed values were read back.
    struct Tally {
        let label: String
        var hits = 0
        var total = 0

        /// Counts a row's transcribed value `want` (when it has one) against `got`, printing a miss.
        mutating func count(want: Any?, got: String?, in text: String) {
            guard let want = want as? String else { return }
            total += 1
            if got == want {
                hits += 1
            } else {
                print("  \(label) miss: want \(want) got \(got ?? "-") in \(text.prefix(80))")
            }
        }
    }
}
