import Foundation
import TestSupport
import Testing

@testable import Conversation

/// The byte scans that tell a pasted line from the person's own words agree with the regular expressions
/// they replace (kept here as the reference).
@Suite struct PastedLineTests {
    static let lines: [String] = [
        "Subject: Undelivered Mail", "X-Failed-Recipients: bob@example.org", "From:", "From: ", "From:  x",
        "A: b", "Ab: c", "Re: hello", "re:hello", "Diagnostic-Code: smtp; 550 5.1.1 unknown",
        "a-very-long-header-name-that-goes-on: x", "abcdefghijklmnopqrstuvwxyzabcde: x",
        "abcdefghijklmnopqrstuvwxyzabcdef: x", "Status: \u{00A0}5.0.0", "Täst: x", "1abc: x", "-x: y",
        "550 5.1.1 User unknown", "421-4.7.0 Try again later", "x550 5.1.1", "550 5.1.1x", "550 5.1.1.2",
        "550 5.1.1234", "550 5.1234.1", "250 2.0.0 Ok", "350 3.0.0", "550_5.1.1", "(550 5.7.26)", "550 5.7.26.",
        "error 554 5.7.1: rejected", "5505.1.1", "550 5.1.", "550 5..1", "it says 452-4.2.2 over quota",
        "é550 5.1.1", "550 5.1.1é", "1.550 5.1.1", "a.550 5.1.1", "550 5.1.1,2", "550 5.1.1;x", "550 5.1.1'3",
        "9,550 5.1.1", "550 5.1.1 .2", "x 550 5.1.1.", "(550-5.7.1)", "", "5", "550 5.1", "code 450 4.7.1",
        "4501 4.7.1",
    ]

    @Test(arguments: lines)
    func headerScanMatchesTheRegex(_ line: String) {
        let expected = line[...].contains(/^[A-Za-z][A-Za-z-]{1,30}: \S/)
        #expect(MessageAnalysis.isHeaderLine(line[...]) == expected, "\(line)")
    }

    @Test(arguments: lines)
    func codeScanMatchesTheRegex(_ line: String) {
        let expected = line[...].contains(/\b[245]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b/)
        #expect(MessageAnalysis.hasReplyAndEnhancedCode(line[...]) == expected, "\(line)")
    }

    /// Every line of our complaint corpus (real texts in six languages, pasted bounces and logs among them).
    @Test func corpusLinesAgreeWithTheRegexes() throws {
        var checked = 0
        for language in ["en", "fr", "de", "es", "it", "pt"] {
            let file = TestPaths.root.appendingPathComponent("Corpus/complaints/\(language).jsonl")
            for record in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any]
                let text = try #require(object?["text"] as? String)
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let trimmed = line.drop { $0 == " " || $0 == "\t" }
                    #expect(MessageAnalysis.isHeaderLine(trimmed) == trimmed.contains(/^[A-Za-z][A-Za-z-]{1,30}: \S/))
                    let code = trimmed.contains(/\b[245]\d\d[ -][245]\.\d{1,3}\.\d{1,3}\b/)
                    #expect(MessageAnalysis.hasReplyAndEnhancedCode(trimmed) == code, "\(trimmed)")
                    checked += 1
                }
            }
        }
        #expect(checked > 1_000)
    }
}
