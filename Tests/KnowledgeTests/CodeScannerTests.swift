import Knowledge
import Testing

@Suite struct CodeScannerTests {
    @Test(arguments: [
        ("550 5.7.26 Unauthenticated", [FoundCode(reply: "550", enhanced: "5.7.26")]),
        ("550-5.7.26 This mail", [FoundCode(reply: "550", enhanced: "5.7.26")]),
        ("error 421", [FoundCode(reply: "421")]),
        ("#5.1.10 not found", [FoundCode(enhanced: "5.1.10")]),
        ("host 192.168.550.1 said", []),
        ("200 mails per hour and 300 per IP", []),
        ("at 10:45:21 and 5501 items", []),
        ("version 5.7.1.3 of something", []),
        ("552 then 4.2.2", [FoundCode(reply: "552"), FoundCode(enhanced: "4.2.2")]),
    ])
    func findsCodes(text: String, expected: [FoundCode]) {
        #expect(CodeScanner.codes(in: text) == expected)
    }

    @Test func replyAndEnhancedOfDifferentClassDoNotPair() {
        #expect(CodeScanner.codes(in: "550 4.2.2") == [FoundCode(reply: "550"), FoundCode(enhanced: "4.2.2")])
    }

    @Test(arguments: ["an invitation to 500 people", "invitation à 500 personnes", "we send 450 emails per hour"])
    func aCountIsNoCode(text: String) {
        #expect(CodeScanner.codes(in: text).isEmpty)
    }

    @Test func aCodeBeforeOtherWordsStaysACode() {
        #expect(CodeScanner.codes(in: "550 mailbox unavailable") == [FoundCode(reply: "550")])
    }
}
