import Conversation
import Testing

@Suite struct EntityExtractorTests {
    let providers = ["ovhcloud": "ovhcloud", "ovh": "ovhcloud"]

    @Test func domainsComeFromAddressesBareAtAndPlainNames() {
        #expect(EntityExtractor.extract(from: "mail to bob@Example.COM bounces").domain == "example.com")
        #expect(EntityExtractor.extract(from: "mail to bob@Example.COM bounces").address == "bob@example.com")
        #expect(EntityExtractor.extract(from: "my domain is @shop.example.org.").domain == "shop.example.org")
        #expect(EntityExtractor.extract(from: "is mail.example.net down?").domain == "mail.example.net")
        #expect(EntityExtractor.extract(from: "<alice@example.fr>: host refused").domain == "example.fr")
    }

    @Test func fileNamesVersionsAndAbbreviationsAreNotDomains() {
        #expect(EntityExtractor.extract(from: "I attached invoice.pdf and notes.txt").domain == nil)
        #expect(EntityExtractor.extract(from: "Outlook 16.0.1 e.g. the new one").domain == nil)
    }

    @Test func theUsersOwnDomainWinsOverABigMailbox() {
        let entities = EntityExtractor.extract(from: "mail from me@gmail.com to boss@acme.example fails")
        #expect(entities.domain == "acme.example")
        #expect(EntityExtractor.extract(from: "I can't send to x@gmail.com").domain == "gmail.com")
    }

    @Test func ipAddressesPlainBracketedAndIPv6() {
        #expect(EntityExtractor.extract(from: "Client host [203.0.113.9] blocked").ip == "203.0.113.9")
        #expect(EntityExtractor.extract(from: "from 2001:DB8::25 refused").ip == "2001:db8::25")
        #expect(EntityExtractor.extract(from: "from [IPv6:2001:db8::1]").ip == "2001:db8::1")
        #expect(EntityExtractor.extract(from: "meeting at 10:30, version 1.2.3").ip == nil)
    }

    @Test func codesSelectorsClientsAndProvider() {
        let entities = EntityExtractor.extract(
            from: "550-5.7.26 from Thunderbird, DKIM selector s2023 on OVH", providers: providers)
        #expect(entities.replyCode == "550")
        #expect(entities.enhancedStatus == "5.7.26")
        #expect(entities.selector == "s2023")
        #expect(entities.client == "Thunderbird")
        #expect(entities.provider == "ovhcloud")
        #expect(EntityExtractor.extract(from: "look up mail._domainkey.example.com").selector == "mail")
        #expect(EntityExtractor.extract(from: "check dkim for example.com, the selector is s1").selector == "s1")
        #expect(EntityExtractor.extract(from: "our DKIM selector name is google").selector == "google")
        #expect(EntityExtractor.extract(from: "which selector is used?").selector == nil)
        #expect(EntityExtractor.extract(from: "look up mail._domainkey.example.com").domain == "example.com")
        #expect(EntityExtractor.extract(from: "on my iPhone").client == "iOS Mail")
        #expect(EntityExtractor.extract(from: "the Gmail app on Android").client == "Android / Gmail app")
        #expect(EntityExtractor.extract(from: "writing to bob@outlook.com").client == nil)
        #expect(EntityExtractor.extract(from: "a shovel is not a provider", providers: providers).provider == nil)
    }

    @Test func newerEntitiesReplaceOlderOnesAndKeepTheRest() {
        var old = Entities()
        old.domain = "old.example"
        old.ip = "192.0.2.1"
        var newer = Entities()
        newer.domain = "new.example"
        let merged = old.merged(with: newer)
        #expect(merged.domain == "new.example")
        #expect(merged.ip == "192.0.2.1")
    }

    @Test func junkGivesNoEntitiesAndNoCrash() {
        #expect(EntityExtractor.extract(from: "").isEmpty)
        #expect(EntityExtractor.extract(from: String(repeating: "\u{1F600}@.", count: 10_000)).domain == nil)
        _ = EntityExtractor.extract(from: String(repeating: "a.", count: 500_000))
    }
}
