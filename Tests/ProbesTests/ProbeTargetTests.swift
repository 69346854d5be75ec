import MailModel
import Testing

@testable import Probes

@Suite struct ProbeTargetTests {
    @Test(
        arguments: [
            ("example.com", "example.com", nil),
            ("Mail.Example.COM.", "mail.example.com", nil),
            ("mail.example.com:587", "mail.example.com", 587),
            ("192.0.2.1", "192.0.2.1", nil),
            ("192.0.2.1:25", "192.0.2.1", 25),
            ("[2001:db8::1]:993", "2001:db8::1", 993),
            ("2001:db8::1", "2001:db8::1", nil),
            ("user@example.com", "example.com", nil),
            ("  example.org  ", "example.org", nil),
        ] as [(String, String, Int?)])
    func parses(_ input: String, host: String, port: Int?) throws {
        let target = try ProbeTarget.parse(input)
        #expect(target.host == host)
        #expect(target.port == port)
    }

    @Test(arguments: [
        "", "example.com:0", "example.com:99999", "example.com:25x", "[::1", "[::1]x", "bad host", "a@b.com:25",
    ])
    func refuses(_ input: String) {
        #expect(throws: TargetError.self) { try ProbeTarget.parse(input) }
    }

    @Test func describesWithPort() throws {
        #expect(try ProbeTarget.parse("[::1]:25").description == "[::1]:25")
        #expect(try ProbeTarget.parse("mx.example.com:25").description == "mx.example.com:25")
    }

    @Test func validatesRecipients() throws {
        #expect(try ProbeTarget.validateRecipient(" <root@mail.test> ") == "root@mail.test")
        for bad in ["nobody", "a b@example.com", "x@example.com>\r\nDATA", "@example.com", "user@", "a<b@example.com"] {
            #expect(throws: TargetError.self) { try ProbeTarget.validateRecipient(bad) }
        }
    }

    @Test func ehloNames() {
        #expect(ProbeOptions.isUsableEHLOName("probe.example.com"))
        #expect(ProbeOptions.isUsableEHLOName("[192.0.2.1]"))
        #expect(!ProbeOptions.isUsableEHLOName("localhost"))
        #expect(!ProbeOptions.isUsableEHLOName("bad name.example"))
        #expect(ProbeOptions.isUsableEHLOName(ProbeOptions.defaultEHLOName()))
    }
}
