import Foundation
import Knowledge
import TestSupport
import Testing

@Suite struct SearchIndexTests {
    let index = KnowledgeFixture.index

    @Test(arguments: [
        ("550 5.7.26 This mail has been blocked because the sender is unauthenticated", "smtp-550-5.7.26"),
        ("550 5.7.1 message rejected per policy", "smtp-550-5.7.1"),
        ("550 5.1.1 user unknown", "smtp-550"),
        ("552 mailbox full of the person I write to", "smtp-552"),
        ("421", "smtp-421"),
        ("my inbox is full and I cannot receive anything", "mailbox-full"),
        ("je ne reçois plus de mails, ma boîte est pleine", "mailbox-full"),
        ("Mein Postfach ist voll, ich bekomme keine Mails mehr", "mailbox-full"),
        ("our IP is listed on Spamhaus", "blacklists"),
        ("how do I set up an SPF record", "spf"),
        ("I cannot log in to webmail, password refused", "webmail-login"),
    ])
    func ranksTheRightArticleFirst(text: String, id: String) {
        #expect(index.search(text).hits.first?.id == id)
    }

    @Test func readsDirection() {
        #expect(index.search("I can't send any email").direction == .sending)
        #expect(index.search("I can't receive emails since Monday").direction == .receiving)
        #expect(index.search("hello").direction == .unknown)
    }

    @Test func toleratesTypos() {
        let result = index.search("blacklistet by spamhouse", explain: true)
        #expect(result.hits.first?.id == "blacklists")
        #expect(result.hits.first?.explanation.contains { $0.label.hasPrefix("typo") } == true)
    }

    @Test func explainsScores() {
        let hit = index.search("550 5.7.26 unauthenticated", explain: true).hits.first
        #expect(hit?.explanation.contains { $0.label == "code 5.7.26" } == true)
        #expect(index.search("550 5.7.26 unauthenticated").hits.first?.explanation.isEmpty == true)
    }

    /// A code counts once however often it is repeated, also in a paste with more codes than the
    /// short list of seen codes holds.
    @Test func repeatedCodesCountOnce() throws {
        let once = index.search("550 5.7.26 unauthenticated")
        let many = (500..<530).map { "\($0) 5.1.\($0 - 500)" }.joined(separator: " ")
        let repeated = index.search(
            "550 5.7.26 unauthenticated " + many + String(repeating: " 550 5.7.26", count: 40), explain: true)
        let id = try #require(once.hits.first?.id)
        let hit = try #require(repeated.hits.first { $0.id == id })
        let labels = hit.explanation.map(\.label)
        #expect(labels.filter { $0 == "code 5.7.26" }.count == 1)
        #expect(labels.filter { $0 == "code 550" }.count == 1)
    }

    @Test func asksWhenUnsure() {
        let vague = index.search("it stopped")
        #expect(vague.confidence != .confident)
        #expect(vague.clarification != nil)
    }

    @Test(arguments: [
        "", String(repeating: "a", count: 1_000_000), "\u{0}\u{1}\u{2}\u{7F}\u{FFFD}", "🙂🙂🙂 📧",
        "Привет мир 你好 مرحبا mail", String(repeating: "550 5.7.1 ", count: 50_000),
    ])
    func badInputNeverCrashes(text: String) {
        let result = index.search(text)
        #expect(result.hits.count <= 5)
    }

    @Test func binaryJunkIsHandled() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = index.search(String(decoding: bytes, as: UTF8.self))
    }
}
