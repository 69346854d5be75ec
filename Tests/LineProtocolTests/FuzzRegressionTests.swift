import Foundation
import TestSupport
import Testing

@testable import LineProtocol

/// Replays the fuzzing campaign's inputs for the `serve` line decoder (scripts/fuzz.sh, target json):
/// every input that ever crashed, hung or ran out of memory (Fuzz/regressions/json) and the seeds
/// (Fuzz/seeds/json), with the harness's checks. A crash fails the run; so does an input that takes
/// longer than libFuzzer's timeout again.
@Suite("Fuzz regressions (LineProtocol)", .timeLimit(.minutes(2)))
struct FuzzRegressionTests {
    /// Seconds allowed per input: libFuzzer's -timeout in scripts/fuzz.sh.
    static let budget: Duration = .seconds(10)

    @Test("lines decode to a frame that survives a round trip, or to an error with a message")
    func lines() throws {
        var inputs: [URL] = []
        for folder in ["regressions", "seeds"] {
            let directory = TestPaths.root.appendingPathComponent("Fuzz/\(folder)/json")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            inputs += names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
        }
        #expect(inputs.count > 20, "the JSON line seeds are missing")
        for url in inputs {
            let line = [UInt8](try Data(contentsOf: url))
            let elapsed = ContinuousClock().measure {
                switch FrameCodec.decodeInbound(line) {
                case .success(let frame):
                    let encoded = FrameCodec.encode(frame)
                    #expect(encoded.last == UInt8(ascii: "\n") && encoded.dropLast().allSatisfy { $0 != 0x0A })
                    #expect(
                        (try? FrameCodec.decodeInbound(encoded.dropLast()).get()) == frame,
                        "\(url.lastPathComponent)")
                case .failure(let error):
                    #expect(!error.message.isEmpty, "\(url.lastPathComponent)")
                }
            }
            #expect(elapsed < Self.budget, "\(url.lastPathComponent) took \(elapsed)")
        }
    }
}
