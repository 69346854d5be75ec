import Conversation
import DNSResolver
import Foundation
import Localization
import MCP
import MailModel
import Synchronization
import Testing

@testable import MCPServer

/// Each tool's handler, on the real engine, knowledge base and checks (DNS from an in-memory zone).
@Suite("MCP tools")
struct DoctorToolsTests {
    @Test("diagnose: the article, its steps, the entities and the check that would confirm the cause")
    func diagnoseComplaint() async throws {
        let output = try await Fixture.tools().call(
            "diagnose",
            arguments: ["text": "I can't receive any mail at example.com since Monday, are my MX records wrong?"])
        #expect(!output.isError)
        let articles = try #require(output["articles"]?.arrayValue)
        #expect(articles.first?.objectValue?["id"] == "mx-records")
        #expect(output["steps"]?.arrayValue?.isEmpty == false)
        #expect(output["entities"]?.objectValue?["domain"] == "example.com")
        let check = try #require(output["check"]?.objectValue)
        #expect(check["tool"] == "check_domain")
        #expect(check["arguments"]?.objectValue?["domain"] == "example.com")
        #expect(output["lang"] == "en")
        #expect(output.text.contains("To run the check: check_domain"))
    }

    @Test("diagnose: a DKIM selector the person names goes into the check it proposes")
    func diagnoseSelector() async throws {
        let output = try await Fixture.tools().call(
            "diagnose", arguments: ["text": "could you check the dkim of example.com? the selector is s1"])
        let arguments = try #require(output["check"]?.objectValue?["arguments"]?.objectValue)
        #expect(arguments["domain"] == "example.com")
        #expect(arguments["dkim_selector"] == "s1")
    }

    @Test("diagnose runs no check: an explicit request is answered with the tool call to make")
    func diagnoseNeverRunsChecks() async throws {
        let output = try await Fixture.tools().call("diagnose", arguments: ["text": "check mx,spf example.org"])
        #expect(output["intent"] == "check")
        let check = try #require(output["check"]?.objectValue)
        #expect(check["tool"] == "check_domain")
        #expect(check["arguments"]?.objectValue?["checks"] == ["mx", "spf"])
        let probe = try await Fixture.tools().call("diagnose", arguments: ["text": "test smtp mail.example.org:587"])
        #expect(probe["check"]?.objectValue?["tool"] == "probe_server")
        #expect(probe["check"]?.objectValue?["arguments"]?.objectValue?["protocol"] == "smtp")
        let ip = try await Fixture.tools().call("diagnose", arguments: ["text": "is 198.51.100.7 blacklisted?"])
        #expect(ip["check"]?.objectValue?["tool"] == "check_ip")
    }

    @Test("diagnose answers a pasted bounce line with the bounce facts")
    func diagnoseBounce() async throws {
        let output = try await Fixture.tools().call(
            "diagnose", arguments: ["text": "550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown"])
        #expect(output["intent"] == "bounce")
        #expect(output["bounce"]?.objectValue?["recipients"]?.arrayValue?.isEmpty == false)
    }

    @Test("diagnose: provider and language are checked")
    func diagnoseOptions() async throws {
        let tools = Fixture.tools()
        let generic = try await tools.call("diagnose", arguments: ["text": "my mailbox is full", "provider": "none"])
        #expect(!generic.isError)
        let unknown = try await tools.call("diagnose", arguments: ["text": "my mailbox is full", "provider": "gmail"])
        #expect(unknown.isError)
        #expect(unknown.text.contains("ovhcloud"))
        let french = try await tools.call("diagnose", arguments: ["text": "ma boîte est pleine", "language": "fr"])
        #expect(!french.isError)
        #expect(french.text.contains("English"))
        let klingon = try await tools.call("diagnose", arguments: ["text": "mailbox full", "language": "tlh"])
        #expect(klingon.isError)
    }

    @Test("bad arguments are tool errors with a message the model can act on")
    func badArguments() async throws {
        let tools = Fixture.tools()
        let cases: [(String, [String: Value]?, String)] = [
            ("diagnose", nil, "needs the argument \"text\""),
            ("diagnose", ["text": "   "], "empty"),
            ("diagnose", ["text": 42], "must be a string"),
            ("diagnose", ["text": .string(String(repeating: "a", count: 70_000))], "at most 64 KiB"),
            ("diagnose", ["text": "hi", "mood": "sad"], "does not take the argument \"mood\""),
            ("check_domain", ["domain": "not a domain"], "domain"),
            ("check_domain", ["domain": "198.51.100.7"], "check_ip"),
            ("check_domain", ["domain": "example.com", "checks": ["smtp"]], "probe_server"),
            ("check_domain", ["domain": "example.com", "checks": "mx"], "array"),
            ("check_domain", ["domain": "example.com", "dkim_selector": "bad selector!"], "selector"),
            ("check_domain", ["domain": "example.com", "ip": "999.1.1.1"], "IP"),
            ("check_ip", ["ip": "example.com"], "IP"),
            ("check_ip", ["ip": "10.1.2.3"], "not a public internet address"),
            ("probe_server", ["target": "mail.example.com"], "protocol"),
            ("probe_server", ["target": "mail.example.com", "protocol": "ftp"], "smtp, submission, imap, pop3"),
            ("probe_server", ["target": "mail.example.com:99999", "protocol": "smtp"], "port"),
            ("search_articles", ["query": "mailbox", "limit": 0], "limit"),
            ("search_articles", ["query": "mailbox", "limit": 2.5], "whole number"),
        ]
        for (tool, arguments, expected) in cases {
            let output = try await tools.call(tool, arguments: arguments)
            #expect(output.isError, "\(tool) \(String(describing: arguments))")
            #expect(
                output.text.localizedCaseInsensitiveContains(expected),
                "\(tool): \(output.text) should mention \(expected)")
            #expect(output["error"]?.stringValue == output.text)
        }
    }

    @Test("an unknown tool is a JSON-RPC invalid-params error")
    func unknownTool() async throws {
        await #expect(throws: MCPError.self) { try await Fixture.tools().call("rm_rf", arguments: [:]) }
    }

    @Test("explain_bounce: the report as explain --json gives it, with the explanation and the confirming check")
    func explainBounce() async throws {
        let bounce = """
            Final-Recipient: rfc822; bob@example.net
            Action: failed
            Status: 5.7.26
            Remote-MTA: dns; mx.example.net
            Diagnostic-Code: smtp; 550 5.7.26 This mail has been blocked because the sender is unauthenticated. From: alice@sender.example
            """
        let output = try await Fixture.tools().call("explain_bounce", arguments: ["message": .string(bounce)])
        #expect(!output.isError)
        #expect(output["is_bounce"] == true)
        let recipient = try #require(output["recipients"]?.arrayValue?.first?.objectValue)
        #expect(recipient["address"] == "bob@example.net")
        #expect(recipient["status"] == "5.7.26")
        #expect(output["articles"]?.arrayValue?.first?.objectValue?["id"] == "smtp-550-5.7.26")
        #expect(output["explanation"]?.stringValue?.isEmpty == false)
        #expect(output.text.contains("What to do"))
    }

    @Test("explain_bounce: a message that is no bounce says so")
    func explainNotABounce() async throws {
        let output = try await Fixture.tools().call(
            "explain_bounce", arguments: ["message": "Hello Bob, lunch tomorrow?"])
        #expect(!output.isError)
        #expect(output["is_bounce"] == false)
        #expect(output.text.contains("does not look like a bounce"))
    }

    @Test("check_domain runs the named checks on the resolver, results in display order, as check --json")
    func checkDomain() async throws {
        let resolver = Fixture.world()
        let tools = Fixture.tools(resolver: { resolver })
        let output = try await tools.call("check_domain", arguments: ["domain": "good.test", "checks": ["spf", "mx"]])
        #expect(!output.isError)
        #expect(output["target"] == "good.test")
        let checks = try #require(output["checks"]?.arrayValue)
        #expect(checks.map { $0.objectValue?["id"] } == ["mx", "spf"])
        #expect(checks.first?.objectValue?["status"] != nil)
        #expect(output.text.contains("mx"))
        #expect(!resolver.questions.isEmpty)
    }

    @Test("check_domain with a DKIM selector looks that selector up")
    func checkDomainSelector() async throws {
        let resolver = Fixture.world()
        let tools = Fixture.tools(resolver: { resolver })
        _ = try await tools.call(
            "check_domain", arguments: ["domain": "good.test", "checks": ["dkim"], "dkim_selector": "s1"])
        #expect(resolver.questions.contains { $0.name == "s1._domainkey.good.test" })
    }

    @Test("check_ip looks a public address up in the blocklists and reverse DNS")
    func checkIP() async throws {
        let resolver = Fixture.world()
        let output = try await Fixture.tools(resolver: { resolver }).call("check_ip", arguments: ["ip": "8.8.8.8"])
        #expect(!output.isError)
        #expect(output["checks"]?.arrayValue?.map { $0.objectValue?["id"] } == ["dnsbl", "ptr"])
        #expect(resolver.questions.contains { $0.name == "8.8.8.8.in-addr.arpa" })
    }

    @Test("DNS checks are rate limited per session")
    func checkRateLimit() async throws {
        // No refill: a loaded machine taking seconds per check cannot give the bucket a token back.
        let tools = Fixture.tools(resolver: { Fixture.world() }, checkBurst: 2, checksPerMinute: 0)
        for _ in 0..<2 {
            #expect(try await !tools.call("check_ip", arguments: ["ip": "8.8.8.8"]).isError)
        }
        let limited = try await tools.call("check_ip", arguments: ["ip": "8.8.8.8"])
        #expect(limited.isError)
        #expect(limited.text.contains("try again in"))
    }

    @Test("probe_server refuses a loopback target under the server's policy, without connecting")
    func probeRefused() async throws {
        let tools = Fixture.tools(probes: Fixture.strictProbes())
        let output = try await tools.call("probe_server", arguments: ["target": "127.0.0.1:25", "protocol": "smtp"])
        #expect(output.isError)
        #expect(output.text.contains("--allow-private"))
        #expect(output.text.contains("127.0.0.1"))
    }

    @Test("probe_server: the session's probe budget applies")
    func probeBudget() async throws {
        let probes = NetworkProbes(
            run: { _, _, _ in
                Issue.record("a probe ran over budget")
                return AsyncStream { $0.finish() }
            }, admit: { _, _ in .seconds(12) })
        let output = try await Fixture.tools(probes: probes).call(
            "probe_server", arguments: ["target": "mail.example.com", "protocol": "imap"])
        #expect(output.isError)
        #expect(output.text.contains("try again in 12 s"))
    }

    @Test("a cancelled probe stops: the stream is ended and the call throws CancellationError")
    func probeCancelled() async throws {
        let ended = Mutex(false)
        let probes = NetworkProbes(
            run: { _, _, _ in
                AsyncStream { continuation in
                    continuation.onTermination = { _ in ended.withLock { $0 = true } }
                }
            }, admit: { _, _ in nil })
        let tools = Fixture.tools(probes: probes)
        let call = Task {
            try await tools.call("probe_server", arguments: ["target": "mail.example.com", "protocol": "smtp"])
        }
        try await Task.sleep(for: .milliseconds(200))
        call.cancel()
        await #expect(throws: CancellationError.self) { try await call.value }
        #expect(ended.withLock { $0 })
    }

    @Test("a probe that takes more than a second reports progress; a quick one does not")
    func progress() async throws {
        let probes = NetworkProbes(
            run: { ids, target, _ in
                AsyncStream { continuation in
                    Task {
                        try? await Task.sleep(for: .milliseconds(1_400))
                        continuation.yield(CheckResult(id: ids[0], status: .pass, summary: "\(target) answered"))
                        continuation.finish()
                    }
                }
            }, admit: { _, _ in nil })
        let log = ProgressLog()
        let output = try await Fixture.tools(probes: probes).call(
            "probe_server", arguments: ["target": "mail.example.com", "protocol": "smtp"], progress: log.sink)
        #expect(!output.isError)
        #expect(log.all.count >= 2)
        #expect(log.all.first?.message.contains("mail.example.com") == true)
        #expect(log.all.last?.done == 1)
        // Checks that end within the quiet period report nothing (a long one here, so that a loaded
        // machine cannot make the in-memory checks outlast it).
        let quick = ProgressLog()
        _ = try await Fixture.tools(resolver: { Fixture.world() }, progressAfter: .seconds(60)).call(
            "check_ip", arguments: ["ip": "8.8.8.8"], progress: quick.sink)
        #expect(quick.all.isEmpty)
    }

    @Test("search_articles ranks articles and gives their resource URIs")
    func search() async throws {
        let output = try await Fixture.tools().call(
            "search_articles", arguments: ["query": "mailbox full", "limit": 3])
        let articles = try #require(output["articles"]?.arrayValue)
        #expect(articles.count <= 3)
        #expect(articles.contains { $0.objectValue?["id"] == "mailbox-full" })
        for article in articles {
            let id = try #require(article.objectValue?["id"]?.stringValue)
            #expect(article.objectValue?["uri"]?.stringValue == "maildoctor://articles/" + id)
        }
    }

    @Test("shown text is neutralised: escape sequences from the input never come back raw")
    func neutralised() async throws {
        let output = try await Fixture.tools().call(
            "explain_bounce",
            arguments: ["message": "550 5.1.1 <bob@example.net>: user \u{1B}]52;c;ZXZpbA==\u{07} unknown"])
        #expect(!output.text.contains("\u{1B}"))
        #expect(!output.text.contains("\u{07}"))
        let hostile = "mailbox full \u{1B}[2J\u{202E}evil\u{200B} at example.com"
        for (tool, key) in [("diagnose", "text"), ("search_articles", "query"), ("explain_bounce", "message")] {
            let result = try await Fixture.tools().call(tool, arguments: [key: .string(hostile)])
            let json = String(decoding: ToolOutput.encoded(result.structured), as: UTF8.self)
            for raw in ["\u{1B}", "\u{202E}", "\u{200B}"] {
                #expect(!result.text.contains(raw), "\(tool) text")
                #expect(!json.contains(raw), "\(tool) structured content")
            }
        }
    }
}
