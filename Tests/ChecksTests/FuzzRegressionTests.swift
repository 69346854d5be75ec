import Foundation
import MailModel
import TestSupport
import Testing

@testable import Checks
@testable import DNSResolver

/// Replays the fuzzing campaign's inputs for the SPF parser and the DNS answer decoder (scripts/fuzz.sh):
/// every input that ever crashed, hung or ran out of memory (Fuzz/regressions/spf, Fuzz/regressions/dns),
/// and the seeds (Fuzz/seeds/…), with the harnesses' checks. A crash fails the run; so does an input
/// that takes longer than libFuzzer's timeout again.
@Suite("Fuzz regressions (Checks)", .timeLimit(.minutes(2)))
struct FuzzRegressionTests {
    /// Seconds allowed per input: libFuzzer's -timeout in scripts/fuzz.sh.
    static let budget: Duration = .seconds(10)

    /// The files of Fuzz/regressions/TARGET and Fuzz/seeds/TARGET, sorted by name.
    static func inputs(_ target: String) -> [URL] {
        ["regressions", "seeds"].flatMap { folder in
            let directory = TestPaths.root.appendingPathComponent("Fuzz/\(folder)/\(target)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { directory.appendingPathComponent($0) }
        }
    }

    /// The SPF harness's checks (Fuzz/Sources/SPFFuzz): a record parses, or fails at a position inside it.
    @Test("SPF inputs parse or fail inside the record, in bounded time")
    func spf() throws {
        let inputs = Self.inputs("spf")
        #expect(inputs.count > 100, "the SPF seeds are missing")
        for url in inputs {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let elapsed = ContinuousClock().measure {
                do throws(SPFSyntaxError) {
                    let record = try SPFParser.parse(text)
                    for spec in record.macroStrings { Self.expand(spec) }
                } catch {
                    #expect(error.position >= 1 && error.position <= text.utf8.count + 1, "\(url.lastPathComponent)")
                    #expect(!error.message.isEmpty, "\(url.lastPathComponent)")
                }
                if let explanation = try? SPFMacroString.parse(Substring(text), explanation: true) {
                    Self.expand(explanation)
                }
            }
            #expect(elapsed < Self.budget, "\(url.lastPathComponent) took \(elapsed)")
        }
    }

    /// Expands every macro as the evaluator does, with the values of a message from 192.0.2.3.
    static func expand(_ string: SPFMacroString) {
        let context = SPFMacroContext(
            sender: "strong-bad@email.example.com", localPart: "strong-bad", senderDomain: "email.example.com",
            domain: "email.example.com", ip: .v4([192, 0, 2, 3]), helo: "mx.example.org")
        var text = ""
        for token in string.tokens {
            switch token {
            case .literal(let value), .escape(let value): text += value
            case .macro(let macro):
                text += SPFMacroContext.transform(context.rawValue(macro.letter, validatedName: nil), macro)
            }
        }
        let trimmed = SPFMacroContext.truncateDomain(text)
        #expect(trimmed.utf8.count <= 253 || !trimmed.contains("."))
    }

    /// The DNS harness's checks (Fuzz/Sources/DNSAnswerFuzz): any reply gives an answer or a failure.
    @Test("DNS replies decode to a consistent answer or a failure, in bounded time")
    func dns() throws {
        let inputs = Self.inputs("dns")
        #expect(inputs.count > 100, "the DNS seeds are missing")
        for url in inputs {
            let bytes = [UInt8](try Data(contentsOf: url))
            let owner = (try? DNSMessage(bytes: bytes))?.answers.first?.owner ?? "example.com"
            let elapsed = ContinuousClock().measure {
                for type in DNSRecordType.allCases {
                    let question = DNSQuestion(owner, type)
                    let answer = CAresDriver.answer(question, status: 0, bytes: bytes)
                    #expect((answer.outcome == .answer) == !answer.records.isEmpty, "\(url.lastPathComponent)")
                    #expect(answer.records.allSatisfy { $0.type == type }, "\(url.lastPathComponent)")
                }
            }
            #expect(elapsed < Self.budget, "\(url.lastPathComponent) took \(elapsed)")
        }
    }
}

extension SPFRecord {
    /// Every macro-string of the record: mechanism targets, redirect and explanation.
    fileprivate var macroStrings: [SPFMacroString] {
        var strings: [SPFMacroString] = []
        for mechanism in mechanisms {
            switch mechanism.kind {
            case .include(let spec), .exists(let spec): strings.append(spec)
            case .a(let spec?, _, _), .mx(let spec?, _, _), .ptr(let spec?): strings.append(spec)
            default: break
            }
        }
        return strings + [redirect, explanation].compactMap { $0 }
    }
}
