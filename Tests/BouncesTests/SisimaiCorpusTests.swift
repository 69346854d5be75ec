import Foundation
import Testing

@testable import Bounces

/// Golden expectations for the Sisimai corpus: per-field agreement must stay above the targets.
@Suite("Sisimai corpus")
struct SisimaiCorpusTests {
    /// One expected recipient from `expected.jsonl`.
    struct Expected {
        let status: String
        let replyCode: String
        let reason: String
        let hardBounce: Bool
        let feedbackType: String
    }

    /// Per-field tallies and the list of misses.
    struct Tally {
        var reason = (hits: 0, total: 0)
        var status = (hits: 0, total: 0)
        var reply = (hits: 0, total: 0)
        var hard = (hits: 0, total: 0)
        var feedback = (hits: 0, total: 0)
        var misses: [String] = []

        func percent(_ pair: (hits: Int, total: Int)) -> Double {
            pair.total == 0 ? 100 : Double(pair.hits) * 100 / Double(pair.total)
        }
    }

    static func load() -> [(file: String, expected: [Expected])] {
        CorpusPaths.jsonLines(CorpusPaths.sisimai.appendingPathComponent("expected.jsonl")).compactMap { row in
            guard let file = row["file"] as? String, let list = row["expected"] as? [[String: Any]] else { return nil }
            let expected = list.map { entry in
                Expected(
                    status: entry["status"] as? String ?? "", replyCode: entry["replycode"] as? String ?? "",
                    reason: entry["reason"] as? String ?? "", hardBounce: entry["hardbounce"] as? Bool ?? false,
                    feedbackType: entry["feedbacktype"] as? String ?? "")
            }
            return (file, expected)
        }
    }

    static func measure() -> Tally {
        var tally = Tally()
        for (file, expected) in load() {
            let report = BounceParser.parse(CorpusPaths.bytes(CorpusPaths.sisimai.appendingPathComponent(file)))
            let name = (file as NSString).lastPathComponent
            if report.recipients.count != expected.count {
                tally.misses.append("\(name): \(expected.count) recipient(s) expected, got \(report.recipients.count)")
            }
            for (index, want) in expected.enumerated() {
                let got = index < report.recipients.count ? report.recipients[index] : nil
                func record(_ field: String, _ ok: Bool, _ wanted: String, _ actual: String?) {
                    if !ok {
                        tally.misses.append("\(name)#\(index) \(field): want \"\(wanted)\" got \"\(actual ?? "-")\"")
                    }
                }
                tally.reason.total += 1
                let reasonOK = got?.reason == want.reason
                if reasonOK { tally.reason.hits += 1 }
                record("reason", reasonOK, want.reason, got?.reason)
                // x.0.9NN are Sisimai's pseudo codes: compared by reason only.
                if !StatusCode.isPseudo(want.status) {
                    tally.status.total += 1
                    let ok = got?.status == want.status
                    if ok { tally.status.hits += 1 }
                    record("status", ok, want.status, got?.status)
                }
                tally.reply.total += 1
                let replyOK = got?.replyCode == want.replyCode
                if replyOK { tally.reply.hits += 1 }
                record("replycode", replyOK, want.replyCode, got?.replyCode)
                tally.hard.total += 1
                if got?.hardBounce == want.hardBounce { tally.hard.hits += 1 }
                if !want.feedbackType.isEmpty {
                    tally.feedback.total += 1
                    let ok = got?.feedbackType == want.feedbackType
                    if ok { tally.feedback.hits += 1 }
                    record("feedbacktype", ok, want.feedbackType, got?.feedbackType)
                }
            }
        }
        return tally
    }

    @Test("per-field agreement reaches the targets (reason ≥ 95 %, status ≥ 97 %, reply code ≥ 97 %)")
    func agreement() {
        let rows = Self.load()
        #expect(rows.count == 296, "expected.jsonl should list 296 emails, found \(rows.count)")
        let tally = Self.measure()
        print(
            String(
                format:
                    "Sisimai corpus: reason %.1f%% (%d/%d), status %.1f%% (%d/%d), replycode %.1f%% (%d/%d), hardbounce %.1f%% (%d/%d), feedbacktype %d/%d",
                tally.percent(tally.reason), tally.reason.hits, tally.reason.total,
                tally.percent(tally.status), tally.status.hits, tally.status.total,
                tally.percent(tally.reply), tally.reply.hits, tally.reply.total,
                tally.percent(tally.hard), tally.hard.hits, tally.hard.total,
                tally.feedback.hits, tally.feedback.total))
        for miss in tally.misses { print("  miss: \(miss)") }
        #expect(tally.percent(tally.reason) >= 95.0)
        #expect(tally.percent(tally.status) >= 97.0)
        #expect(tally.percent(tally.reply) >= 97.0)
        #expect(tally.percent(tally.hard) >= 95.0)
    }

    @Test("every corpus email reads as a bounce, feedback report or auto-reply")
    func everyEmailIsRecognised() {
        for (file, _) in Self.load() {
            let report = BounceParser.parse(CorpusPaths.bytes(CorpusPaths.sisimai.appendingPathComponent(file)))
            #expect([.dsn, .vendor, .feedback, .autoReply].contains(report.kind), "\(file) read as \(report.kind)")
            #expect(!report.recipients.isEmpty, "\(file) has no recipient")
        }
    }
}
