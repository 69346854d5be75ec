import Conversation
import EmbeddedKnowledge
import Knowledge
import Localization
import Testing

@Suite struct UnderstandingTests {
    /// The compiled-in knowledge base and indexes, decoded once for the whole suite (a fresh index per test
    /// case would cost seconds of both cores in a debug build, next to the live-probe suites).
    static let knowledge: KnowledgeService = {
        let loaded = EmbeddedKnowledge.loaded
        return KnowledgeService(
            base: loaded.base, index: loaded.index, intents: loaded.intents, providerName: "ovhcloud")
    }()

    func understand(_ text: String) -> Understanding { MessageAnalysis.analyze(text, knowledge: Self.knowledge) }

    @Test(arguments: [
        ("can you check my domain example.org?", "check-request"),
        ("could you please test the MX of example.org", "check-request"),
        ("how many messages may I send per hour?", "fact-sending-limits"),
        ("what is the outgoing server and port", "fact-smtp-settings"),
        ("where is the status page", "fact-status-page"),
        ("thanks, that fixed it", "thanks"),
        ("tried that already", "already-tried"),
        ("no, they match and webmail works", "no-with-content"),
        ("yes", "yes"),
        ("I can't receive any email since Monday", "complaint"),
        ("what's a good recipe for pancakes?", "off-topic"),
    ])
    func decidesTheIntent(text: String, intent: String) {
        #expect(understand(text).intent == intent)
    }

    @Test func detectsTheLanguage() {
        #expect(understand("no me llegan los correos desde ayer").language == .spanish)
        #expect(understand("550 5.1.1").language == nil)
    }

    @Test func givesEntitiesTheirRoles() {
        let mentions = understand(
            "my domain example.org cannot send to bob@gmail.com, relay mail.example.net port 2525"
        )
        .mentions
        #expect(mentions.contains(Mention(kind: .domain, value: "example.org", role: .own)))
        #expect(mentions.contains(Mention(kind: .address, value: "bob@gmail.com", role: .recipient)))
        #expect(mentions.contains(Mention(kind: .host, value: "mail.example.net", role: .unknown)))
        #expect(mentions.contains(Mention(kind: .port, value: "2525", role: .unknown)))
    }

    @Test func theBlockedIPIsTheOneTheBlocklistPhraseNames() {
        let text = "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org"
        let ips = understand(text).mentions.filter { $0.kind == .ip }
        #expect(ips.contains(Mention(kind: .ip, value: "198.51.100.7", role: .own)))
    }

    @Test func aPastedBounceIsNeverADialogMove() {
        let bounce = "yes\n550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown"
        #expect(understand(bounce).intent == "complaint")
    }

    @Test func aPastedPostfixLogLineIsADeliveryReportWithRoles() {
        let text = """
            it keeps failing, here is the log:
            Dec  6 10:00:01 mx postfix/smtp[123]: 4F1A2: to=<bob@example.org>, relay=mx.example.org[192.0.2.25]:25, \
            delay=1.2, delays=0.1/0/0.5/0.6, dsn=4.7.4, status=deferred (host mx.example.org[192.0.2.25] said: \
            450 4.7.4 Client host rejected: try again later (in reply to RCPT TO command))
            """
        let understanding = understand(text)
        #expect(understanding.bounce != nil)
        #expect(understanding.mentions.contains(Mention(kind: .address, value: "bob@example.org", role: .recipient)))
        #expect(understanding.mentions.contains(Mention(kind: .host, value: "mx.example.org", role: .remoteServer)))
        #expect(understanding.mentions.contains(Mention(kind: .ip, value: "192.0.2.25", role: .remoteServer)))
    }
}
