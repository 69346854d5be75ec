import Foundation
import TestSupport
import Testing

@testable import Bounces

/// Replays the fuzzing campaign's inputs for the bounce reader (scripts/fuzz.sh, target bounce): every
/// input that ever crashed, hung or ran out of memory (Fuzz/regressions/bounce), with the harness's
/// checks. A crash fails the run; so does an input that takes longer than libFuzzer's timeout again.
/// (The seeds are the Sisimai emails, which SisimaiCorpusTests reads.)
@Suite("Fuzz regressions (Bounces)", .timeLimit(.minutes(2)))
struct FuzzRegressionTests {
    /// Seconds allowed per input: libFuzzer's -timeout in scripts/fuzz.sh.
    static let budget: Duration = .seconds(10)

    static let directory = TestPaths.root.appendingPathComponent("Fuzz/regressions/bounce")

    @Test("every kept input gives a consistent report in bounded time")
    func replay() throws {
        #expect(FileManager.default.fileExists(atPath: Self.directory.path), "Fuzz/regressions/bounce is missing")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory.path)) ?? []
        for name in names.filter({ !$0.hasPrefix(".") }).sorted() {
            let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            let elapsed = ContinuousClock().measure {
                let report = BounceParser.parse(bytes)
                let advice = report.advice()
                #expect((try? JSONEncoder().encode(report)) != nil, "\(name)")
                #expect(!(report.isBounce && report.recipients.isEmpty), "\(name)")
                #expect(!(report.kind == .unreadable && report.problem == nil), "\(name)")
                #expect(!(report.isBounce && advice.summary.isEmpty), "\(name)")
            }
            #expect(elapsed < Self.budget, "\(name) took \(elapsed)")
        }
    }
}
