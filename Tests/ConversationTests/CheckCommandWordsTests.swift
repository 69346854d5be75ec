import MailModel
import TestSupport
import Testing

@testable import Conversation

/// "check it please": a check command whose words name no target is read in words, on the name the
/// conversation remembers, instead of taking "it" for a domain.
@Suite struct CheckCommandWordsTests {
    @Test func aCommandWithoutANameIsNoCommand() throws {
        #expect(try CheckRequest.parse("check it please") == nil)
        #expect(try CheckRequest.parse("test this again") == nil)
        #expect(try CheckRequest.parse("vérifier ça svp") == nil)
        #expect(try CheckRequest.parse("prüfe das mal bitte") == nil)
        #expect(try CheckRequest.parse("check example.org please")?.probeTarget == "example.org")
        #expect(try CheckRequest.parse("check mx of it for example.org")?.probeTarget == "example.org")
    }

    @Test func checkItRunsOnTheRememberedDomain() async {
        let replies = await BounceFollowUpTests.replies([
            "our customers say mail to tidewater-books.example bounces", "check it please",
        ])
        #expect(!replies[1].checks.isEmpty)
        #expect(replies[1].answer.contains("tidewater-books.example"))
        #expect(!replies[1].answer.contains("not a valid domain name"))
    }

    @Test func aPoliteRequestNamingTheIPRunsTheOfferedCheckOnTheBouncesIP() async {
        let bounce = """
            Reporting-MTA: dns; mo201.mail-out.ovh.net
            Final-Recipient: rfc822; compta@ferronnerie-dubois.example
            Action: failed
            Status: 5.7.1
            Diagnostic-Code: smtp; 554 5.7.1 Service unavailable; Client host [185.12.34.56] blocked using zen.spamhaus.org
            """
        let replies = await BounceFollowUpTests.replies([bounce, "is that ip mine? can you check it"])
        #expect(replies[1].checks.contains { $0.id == .dnsbl })
        #expect(replies[1].answer.contains("185.12.34.56"))
    }

    @Test func anIPGivenWithWordsAnswersTheQuestionForIt() async {
        let replies = await BounceFollowUpTests.replies([
            "a customer says our ip is on the spamhaus list, what do i do", "it's 185.12.34.56 i think",
        ])
        #expect(replies[1].checks.contains { $0.id == .dnsbl })
    }

    @Test func checkAgainRerunsTheLastChecks() async {
        for again in ["added it 2 min ago. check again?", "je l'ai corrigé, tu peux revérifier ?"] {
            let replies = await BounceFollowUpTests.replies(["check spf tidewater-books.example", again])
            #expect(replies[1].checks.map(\.id) == [.spf], "\(again)")
        }
    }

    @Test func aCommonSelectorNamedAboutDKIMIsLookedUp() async {
        for named in ["the new one is called default, is that one ok?", "il nuovo è default, controlla anche quello"] {
            let replies = await BounceFollowUpTests.replies([
                "can you check the dkim of tidewater-books.example? selector revoked", named,
            ])
            #expect(replies[1].checks.map(\.id) == [.dkim], "\(named)")
            #expect(replies[1].answer.contains("default._domainkey.tidewater-books.example"), "\(named)")
        }
    }

    @Test func testingAServerByItsNameProbesIt() {
        let understanding = MessageAnalysis.analyze(
            "tu peux tester le serveur mail.tidewater-books.example ?", knowledge: KnowledgeFixture.service)
        let request = CheckRequest.inWords(understanding, remembered: Entities())
        #expect(request?.ids == [.smtp, .imap])
        #expect(request?.probeTarget == "mail.tidewater-books.example")
    }

    @Test func aRequestNamingItsDomainRunsOnItWhateverIsRemembered() async {
        let bounce = """
            Die Nachricht konnte nicht an folgende Empfänger zugestellt werden:
            info@tidewater-books.example
            Remote Server returned '554 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain'
            """
        let replies = await BounceFollowUpTests.replies([
            bounce, "kannst du mal den mx von tidewater-books.example checken",
        ])
        #expect(replies[1].checks.map(\.id) == [.mx])
    }

    @Test func aSelectorRequestOnTheDKIMTopicRunsBeforeAnyCheck() async {
        let replies = await BounceFollowUpTests.replies([
            "dkim haben wir glaub ich nicht. brauchen wir das?",
            "bitte prüfen Sie DKIM für tidewater-books.example, selector s1",
        ])
        #expect(replies[1].checks.map(\.id) == [.dkim])
        #expect(replies[1].answer.contains("s1._domainkey.tidewater-books.example"))
    }

    @Test func anOpeningThatNamesAServiceIsAComplaintNotACheckRequest() async {
        let replies = await BounceFollowUpTests.replies([
            "Failed to check the outgoing server settings. Network error, connection closed. How can this be fixed?"
        ])
        #expect(!replies[0].articles.isEmpty)
        #expect(replies[0].answer != "Which domain should I check?")
    }
}
