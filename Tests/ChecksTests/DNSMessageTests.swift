import MailModel
import Testing

@testable import DNSResolver

/// The DNS wire-format decoder on hand-made messages.
@Suite("DNSMessage")
struct DNSMessageTests {
    /// A response header: id 1, QR+RD+RA, the given rcode and counts.
    static func header(rcode: UInt8 = 0, questions: UInt16 = 1, answers: UInt16) -> [UInt8] {
        [0, 1, 0x81, 0x80 | rcode, 0, UInt8(questions), UInt8(answers >> 8), UInt8(answers & 0xFF), 0, 0, 0, 0]
    }

    static let question: [UInt8] =
        [3] + Array("www".utf8) + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0, 0, 1, 0, 1]

    @Test("compressed names, CNAME then A")
    func cnameThenA() throws {
        var bytes = DNSMessageTests.header(answers: 2) + DNSMessageTests.question
        // www.example.com CNAME web.example.com (pointer to "example.com" at offset 16)
        bytes += [0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6, 3] + Array("web".utf8) + [0xC0, 16]
        // web.example.com A 192.0.2.7 (pointer to the CNAME target's name)
        let targetOffset = UInt8(12 + DNSMessageTests.question.count + 12)
        bytes += [0xC0, targetOffset, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7]
        let message = try DNSMessage(bytes: bytes)
        let answer = message.answer(to: DNSQuestion("www.example.com", .a))
        #expect(answer.outcome == .answer)
        #expect(answer.cnameChain == ["web.example.com"])
        #expect(answer.records == [.a("192.0.2.7")])
    }

    @Test(
        "rcodes map to outcomes",
        arguments: [
            (UInt8(0), DNSOutcome.noData), (3, .nxdomain), (2, .servfail), (5, .refused),
        ])
    func rcodes(_ rcode: UInt8, _ outcome: DNSOutcome) throws {
        let bytes = DNSMessageTests.header(rcode: rcode, answers: 0) + DNSMessageTests.question
        #expect(try DNSMessage(bytes: bytes).answer(to: DNSQuestion("www.example.com", .a)).outcome == outcome)
    }

    @Test("FORMERR and NOTIMP are failures with a reason")
    func otherRcodes() throws {
        for rcode: UInt8 in [1, 4, 9] {
            let bytes = DNSMessageTests.header(rcode: rcode, answers: 0) + DNSMessageTests.question
            guard
                case .failure(let reason) = try DNSMessage(bytes: bytes).answer(to: DNSQuestion("www.example.com", .a))
                    .outcome
            else {
                Issue.record("rcode \(rcode) was not a failure")
                continue
            }
            #expect(!reason.isEmpty)
        }
    }

    @Test("TXT keeps each character string; bytes that are not UTF-8 do not crash")
    func txt() throws {
        var bytes = DNSMessageTests.header(answers: 1) + DNSMessageTests.question
        bytes += [0xC0, 12, 0, 16, 0, 1, 0, 0, 0, 60, 0, 9, 3] + Array("v=a".utf8) + [4, 0x62, 0xFF, 0x63, 0x64]
        let answer = try DNSMessage(bytes: bytes).answer(to: DNSQuestion("www.example.com", .txt))
        guard case .txt(let strings)? = answer.records.first else {
            Issue.record("no TXT record")
            return
        }
        #expect(strings.count == 2)
        #expect(strings[0] == "v=a")
        #expect(answer.texts[0].hasPrefix("v=ab"))
    }

    @Test(
        "malformed messages are errors, never crashes",
        arguments: [
            [UInt8](), [0, 1, 0x81, 0x80],
            header(answers: 1) + question,
            header(answers: 1) + question + [0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 10, 1, 2],
            header(answers: 1) + question + [0xC0, 0xFF, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4],
            header(answers: 1) + question + [0xC0, 30, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4],
            header(answers: 1) + question + [0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 3, 1, 2, 3],
        ])
    func malformed(_ bytes: [UInt8]) {
        #expect(throws: DNSMessage.DecodeError.self) { try DNSMessage(bytes: bytes) }
    }

    @Test("a self-referencing compression pointer is rejected")
    func pointerLoop() {
        var bytes = DNSMessageTests.header(questions: 0, answers: 1)
        bytes += [0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 1, 2, 3, 4]
        #expect(throws: DNSMessage.DecodeError.self) { try DNSMessage(bytes: bytes) }
    }

    @Test("SOA and MX data decode")
    func soaAndMX() throws {
        var bytes = DNSMessageTests.header(answers: 2) + DNSMessageTests.question
        bytes += [0xC0, 12, 0, 6, 0, 1, 0, 0, 0, 60, 0, 27, 2] + Array("ns".utf8) + [0xC0, 16, 0xC0, 16]
        bytes += [0, 0, 0, 7, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 60]
        bytes += [0xC0, 12, 0, 15, 0, 1, 0, 0, 0, 60, 0, 3, 0, 0, 0]
        let message = try DNSMessage(bytes: bytes)
        let soa = message.answer(to: DNSQuestion("www.example.com", .soa))
        #expect(soa.records == [.soa(SOARecord(mname: "ns.example.com", rname: "example.com", serial: 7, minimum: 60))])
        let mx = message.answer(to: DNSQuestion("www.example.com", .mx))
        #expect(mx.records == [.mx(preference: 0, exchange: "")])
    }
}
