import Foundation
import MailModel
import TestSupport
import Testing
import Yams

@testable import Checks
@testable import DNSResolver

/// Runs the openspf.org RFC 7208 test suite through ``SPFEvaluator`` with an in-memory resolver
/// built from each scenario's `zonedata`.
///
/// Driver conventions (as in pyspf's and Mail::SPF's drivers):
/// - Only TXT records are queried (RFC 7208 removed type SPF). A name's `SPF` entries are served as
///   TXT records unless the name also lists `TXT` entries (`TXT: NONE` means "no TXT records").
/// - `TIMEOUT` makes every query for that name time out, except types the name has records for.
/// - Names absent from `zonedata` do not exist (NXDOMAIN): the zone data is the whole world.
/// - When a test lists several acceptable results, any of them passes.
/// - `explanation: DEFAULT` means no `exp=` text may be produced; other explanations are compared
///   ignoring case, because the suite writes IPv6 nibbles in upper case while RFC 7208 §7.3 leaves
///   their case unspecified (we produce lower case, like the DNS).
@Suite("RFC 7208 conformance")
struct SPFConformanceTests {
    /// Cases deliberately not run, each with the reason. Empty: every case runs.
    static let skipped: [String: String] = [:]

    /// The number of cases that pass today; the suite fails if this ever drops.
    static let minimumPassing = 203

    @Test("conformance case", arguments: SPFConformanceSuite.cases.filter { skipped[$0.id] == nil })
    func conformanceCase(_ testCase: SPFConformanceCase) async throws {
        let outcome = await testCase.run()
        #expect(outcome.passed, "\(testCase.id): \(outcome.detail)")
    }

    @Test("pass count does not drop")
    func passCount() async throws {
        let cases = SPFConformanceSuite.cases
        #expect(cases.count > 100, "the suite file was not loaded")
        var passed = 0
        var failures: [String] = []
        for testCase in cases where Self.skipped[testCase.id] == nil {
            let outcome = await testCase.run()
            if outcome.passed { passed += 1 } else { failures.append("\(testCase.id): \(outcome.detail)") }
        }
        print("RFC 7208 conformance: \(passed) of \(cases.count) cases pass, \(Self.skipped.count) skipped")
        #expect(passed >= Self.minimumPassing, "failures: \(failures.joined(separator: "\n"))")
        #expect(passed + Self.skipped.count + failures.count == cases.count)
    }
}

/// One test of the suite, with the zone of its scenario.
struct SPFConformanceCase: Sendable, CustomTestStringConvertible {
    var id: String
    var helo: String
    var host: String
    var mailFrom: String
    var results: [String]
    var explanation: String?
    var records: [String: [DNSRecord]]
    var timeouts: Set<String>

    var testDescription: String { id }

    func run() async -> (passed: Bool, detail: String) {
        guard let ip = IPAddress(host) else { return (false, "bad host address \(host)") }
        let resolver = InMemoryResolver(
            records: records, nameOutcomes: Dictionary(uniqueKeysWithValues: timeouts.map { ($0, DNSOutcome.timeout) }),
            unknownNames: .nxdomain)
        let verdict = await SPFEvaluator(resolver: resolver).checkHost(ip: ip, sender: mailFrom, helo: helo)
        var passed = results.contains(verdict.result.rawValue)
        var detail = "expected \(results.joined(separator: " or ")), got \(verdict.result.rawValue) (\(verdict.reason))"
        if passed, let explanation {
            if explanation == "DEFAULT" {
                passed = verdict.explanation == nil
            } else {
                passed = verdict.explanation?.lowercased() == explanation.lowercased()
            }
            detail = "explanation: expected \(explanation), got \(verdict.explanation ?? "none")"
        }
        return (passed, detail)
    }
}

/// Loads rfc7208-tests.yml once.
enum SPFConformanceSuite {
    static let cases: [SPFConformanceCase] = {
        let url = TestPaths.shared.appendingPathComponent("conformance/spf/rfc7208-tests.yml")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let documents = try? Yams.load_all(yaml: text)
        else { return [] }
        var cases: [SPFConformanceCase] = []
        for document in documents {
            guard let scenario = document as? [String: Any], let tests = scenario["tests"] as? [String: Any] else {
                continue
            }
            let title = scenario["description"] as? String ?? "scenario"
            let (records, timeouts) = zone(scenario["zonedata"] as? [String: Any] ?? [:])
            for (name, value) in tests.sorted(by: { $0.key < $1.key }) {
                guard let test = value as? [String: Any] else { continue }
                let results: [String]
                if let list = test["result"] as? [String] { results = list } else { results = [string(test["result"])] }
                cases.append(
                    SPFConformanceCase(
                        id: "\(title) / \(name)", helo: string(test["helo"]), host: string(test["host"]),
                        mailFrom: string(test["mailfrom"]), results: results,
                        explanation: test["explanation"].map { string($0) }, records: records, timeouts: timeouts))
            }
        }
        return cases
    }()

    private static func string(_ value: Any?) -> String {
        switch value {
        case let text as String: text
        case let number as Int: String(number)
        case nil: ""
        case let other?: "\(other)"
        }
    }

    /// Converts `zonedata` into records; see ``SPFConformanceTests`` for the conventions.
    static func zone(_ data: [String: Any]) -> ([String: [DNSRecord]], Set<String>) {
        var records: [String: [DNSRecord]] = [:]
        var timeouts: Set<String> = []
        for (name, value) in data {
            let key = DNSName.normalize(name)
            var list: [DNSRecord] = []
            var spfTexts: [[String]] = []
            var hasTXT = false
            for entry in value as? [Any] ?? [] {
                if let word = entry as? String, word == "TIMEOUT" {
                    timeouts.insert(key)
                    continue
                }
                guard let map = entry as? [String: Any], let (type, raw) = map.first else { continue }
                func strings() -> [String]? {
                    if let text = raw as? String { return text == "NONE" ? nil : [text] }
                    if let texts = raw as? [Any] { return texts.map { string($0) } }
                    return nil
                }
                switch type {
                case "SPF": if let texts = strings() { spfTexts.append(texts) }
                case "TXT":
                    hasTXT = true
                    if let texts = strings() { list.append(.txt(texts)) }
                case "A": list.append(.a(string(raw)))
                case "AAAA": list.append(.aaaa(IPAddress(string(raw))?.description ?? string(raw)))
                case "PTR": list.append(.ptr(DNSName.normalize(string(raw))))
                case "CNAME": list.append(.cname(DNSName.normalize(string(raw))))
                case "MX":
                    if let pair = raw as? [Any], pair.count == 2 {
                        let exchange = string(pair[1])
                        list.append(.mx(preference: Int(string(pair[0])) ?? 0, exchange: DNSName.normalize(exchange)))
                    }
                default: break
                }
            }
            if !hasTXT { list += spfTexts.map { DNSRecord.txt($0) } }
            records[key, default: []] += list
        }
        return (records, timeouts)
    }
}
