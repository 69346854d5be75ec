import Foundation
import TestSupport
import Testing

/// Hostile DNS data, bounces and arguments through every output path of the real binary: nothing raw
/// reaches a terminal, a pipe or a gateway. Fixtures/hostile.test.zone puts ESC (OSC 52, screen clear),
/// BEL, DEL, a C1 control, bidi override and isolate and zero-width characters into SPF, DMARC,
/// MTA-STS, TLS-RPT and DKIM records and a DNSBL TXT record.
@Suite struct OutputSafetyTests {
    /// Every string of a JSON document, except those under `data` or `raw`.
    static func shownStrings(_ json: String) throws -> [String] {
        var out: [String] = []
        func collect(_ value: Any) {
            if let string = value as? String { out.append(string) }
            if let array = value as? [Any] { array.forEach(collect) }
            if let members = value as? [String: Any] {
                for (key, item) in members where key != "data" && key != "raw" { collect(item) }
            }
        }
        for line in json.split(separator: "\n") {
            collect(try JSONSerialization.jsonObject(with: Data(line.utf8)))
        }
        return out
    }

    /// A DSN whose diagnostic and remote MTA carry every class.
    static let hostileBounce = SampleMessages.bobUnknownBounce(
        subject: "Undelivered Mail Returned to Sender \u{1B}[2J", remoteMTA: "mx\u{1B}]52;c;aGk=\u{7}.example.org",
        diagnostic:
            "550 5.1.1 user unknown \u{1B}]52;c;aGk=\u{7} \u{202E}gnp.exe \u{2066}x\u{200B}\u{9B}\u{7F}\u{FEFF}\u{2060}"
    )

    @Test func checkTextAndJSON() throws {
        let resolver = try KnotFixture.address()
        for target in ["hostile.test", "192.0.2.66"] {
            let text = try Binary.maildoctor([
                "check", "--resolver", resolver, "--dkim-selector", "s1", "--dnsbl", "zen.spamhaus.org", target,
            ])
            #expect(text.stdout.contains("␛"), "\(target): nothing hostile reached the output\n\(text.stdout)")
            #expect(HostileText.raw(text.stdout).isEmpty, "\(text.stdout)")
            #expect(HostileText.raw(text.stderr).isEmpty)
            let json = try Binary.maildoctor([
                "check", "--json", "--resolver", resolver, "--dkim-selector", "s1", "--dnsbl", "zen.spamhaus.org",
                target,
            ])
            let shown = try Self.shownStrings(json.stdout)
            #expect(shown.contains { $0.contains("␛") })
            for string in shown { #expect(HostileText.raw(string).isEmpty, "\(string)") }
        }
    }

    @Test func explainAskAndPipedInput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString).eml")
        try Data(Self.hostileBounce.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try Binary.maildoctor(["explain", file.path])
        #expect(text.status == 0)
        #expect(text.stdout.contains("␛"), "\(text.stdout)")
        #expect(HostileText.raw(text.stdout).isEmpty)
        for arguments in [["explain", "--json", file.path], ["explain", "--json", "-"], ["ask", "--json", "-"]] {
            let output = try Binary.maildoctor(arguments, stdin: Self.hostileBounce)
            #expect(output.status == 0, "\(arguments)")
            let shown = try Self.shownStrings(output.stdout)
            #expect(shown.contains { $0.contains("␛]52") }, "\(arguments): \(output.stdout)")
            for string in shown { #expect(HostileText.raw(string).isEmpty, "\(arguments): \(string)") }
        }
        let piped = try Binary.maildoctor([], stdin: Self.hostileBounce)
        #expect(piped.stdout.contains("␛"))
        #expect(HostileText.raw(piped.stdout).isEmpty)
    }

    @Test func serveRepliesProgressAndErrors() throws {
        let resolver = try KnotFixture.address()
        let lines = [
            #"{"session":"a","id":"1","text":"check hostile.test"}"#,
            #"{"session":"b","id":"2","text":"is 192.0.2.66 blacklisted?"}"#,
            #"{"session":"c","id":"3","text":"check many.test"}"#,
            "{\"session\":\"d\",\"id\":\"4\",\"text\":"
                + String(
                    decoding: try JSONSerialization.data(
                        withJSONObject: Self.hostileBounce, options: .fragmentsAllowed), as: UTF8.self)
                + "}",
            "{\"session\":\"e\u{1B}[2J\",\"id\":\"5\",\"tex\u{9B}t\":1}",
        ]
        let output = try Binary.run(
            Binary.path, ["serve", "--resolver", resolver, "--allow-private"],
            stdin: lines.joined(separator: "\n") + "\n", timeout: 60)
        #expect(output.status == 0)
        let shown = try Self.shownStrings(output.stdout)
        #expect(shown.contains { $0.contains("␛") })
        for string in shown { #expect(HostileText.raw(string).isEmpty, "\(string)") }
        #expect(output.stdout.contains("showing 10 of 1,000 MX hosts"))
        for line in output.stdout.split(separator: "\n") { #expect(line.utf8.count < 40_000) }
    }

    @Test func cliErrorsDoNotEchoEscapes() throws {
        let output = try Binary.maildoctor(["kb", "show", "x\u{1B}[2J\u{7}\u{9B}\u{202E}"])
        #expect(output.status != 0)
        #expect(!output.stderr.isEmpty)
        #expect(HostileText.raw(output.stderr).isEmpty, "\(output.stderr)")
        let target = try Binary.maildoctor(["check", "exa\u{1B}]52;c;aGk=\u{7}mple.com"])
        #expect(target.status != 0)
        #expect(target.stderr.contains("␛"), "\(target.stderr)")
        #expect(HostileText.raw(target.stderr).isEmpty)
    }

    @Test func mailtoTargetIsTheAddress() throws {
        let resolver = try KnotFixture.address()
        let dns = try Binary.maildoctor(["check", "--only", "mx", "--resolver", resolver, "mailto:bob@good.test"])
        #expect(dns.status == 0, "\(dns.stderr)")
        #expect(dns.stdout.contains("mx"))
        let probe = try Binary.maildoctor(["check", "--only", "smtp", "--resolver", resolver, "mailto:bob@good.test"])
        #expect(!probe.stderr.contains("not a port number"), "\(probe.stderr)")
        #expect(!probe.stdout.contains("not a port number"))
        let chat = try Binary.maildoctor(
            ["--resolver", resolver], stdin: "check smtp mailto:bob@good.test", environment: [:])
        #expect(!chat.stdout.contains("not a port number"), "\(chat.stdout)")
    }

    @Test func refusalNamesMappedAddressesAsIPv4() throws {
        let output = try Binary.maildoctor(["check", "--only", "smtp", "[::ffff:127.0.0.1]:25"])
        #expect(output.stdout.contains("127.0.0.1 is a loopback address"), "\(output.stdout)")
        #expect(!output.stdout.contains("::ffff:7f00:1"))
    }

    @Test func helpParagraphsWrapAsSentences() throws {
        let wide = try Binary.maildoctor(["--help"], environment: ["COLUMNS": "200"])
        #expect(wide.stdout.contains("Otherwise it reads ALL of stdin as one message"), "\(wide.stdout)")
        let check = try Binary.maildoctor(["check", "--help"], environment: ["COLUMNS": "200"])
        #expect(check.stdout.contains("it is sent only over TLS and never printed"))
        // At 80 columns the example lines fit: none is broken.
        let narrow = try Binary.maildoctor(["check", "--help"], environment: ["COLUMNS": "80"])
        #expect(narrow.stdout.contains("maildoctor check --ip 192.0.2.10 example.com   # SPF verdict for the IP"))
        for line in narrow.stdout.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }
}
