import Knowledge
import TestSupport
import Testing

@Suite struct ProviderProfileTests {
    @Test func rendersPlaceholders() throws {
        let ovh = try #require(KnowledgeFixture.base.providers["ovhcloud"])
        #expect(ovh.render("limit {{provider.limits.per_account_per_hour}}/h") == "limit 200/h")
        #expect(ovh.render("{{provider.unknown}} stays") == "{{provider.unknown}} stays")
        #expect(ovh.mxHosts.contains("mx1.mail.ovh.net"))
        #expect(ovh.spfInclude == "mx.ovh.com")
    }

    @Test func everyPlaceholderRendersWithBothProfiles() throws {
        for id in ["ovhcloud", "generic"] {
            let profile = try #require(KnowledgeFixture.base.providers[id])
            for article in KnowledgeFixture.base.articles {
                let text = profile.render(article.title + article.summary + article.body)
                #expect(!text.contains("{{provider."), "\(id) leaves a placeholder in \(article.id)")
            }
        }
    }
}
