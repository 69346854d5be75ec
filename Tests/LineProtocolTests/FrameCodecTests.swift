import Bounces
import ByteText
import Conversation
import Foundation
import Knowledge
import Localization
import MailModel
import Sanitizer
import TestSupport
import Testing

@testable import LineProtocol

@Suite struct FrameCodecTests {
    static let inbound: [InboundFrame] = [
        .message(session: "s1", id: "m1", text: "my mailbox is full"),
        .message(session: "élodie", id: "ü-1", text: "ligne 1\nligne \"2\"\t\\ 😀 \u{1}\u{1F}\u{7F}"),
        .message(session: "", id: "", text: ""),
        .reset(session: "s1"),
        .ping(id: "p1"),
    ]

    @Test(arguments: inbound)
    func inboundRoundTrip(frame: InboundFrame) throws {
        let line = FrameCodec.encode(frame)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        #expect(try FrameCodec.decodeInbound(line.dropLast()).get() == frame)
        // Foundation agrees that it is JSON.
        #expect(try JSONSerialization.jsonObject(with: Data(line)) is [String: Any])
    }

    static let outbound: [OutboundFrame] = [
        .reply(
            ReplyFrame(
                session: "s1", inReplyTo: "m1", text: "Line one\n\n**What to do**\n1. \"quoted\" \\ back",
                intent: "question", direction: "receiving", question: nil,
                articles: [
                    ArticleReference(id: "mailbox-full", title: "Mailbox full", score: 7.25),
                    ArticleReference(id: "smtp-552", title: "552", score: 1),
                ],
                checks: [
                    CheckResult(
                        id: .mx, status: .fail, summary: "no MX",
                        findings: [
                            Finding(code: FindingCode(rawValue: "mx.none"), severity: .fail, message: "No MX records.")
                        ],
                        data: ["hosts": .array([.string("mx1.example.com")]), "ttl": .int(300)], elapsedMS: 12)
                ],
                bounce: .object(["reason": .string("mailboxfull"), "hard": .bool(false)]),
                suggestions: ["more", "show smtp-552"])),
        .reply(
            ReplyFrame(
                session: "s2", inReplyTo: "m9", text: "?", intent: "question", direction: "unknown",
                question: "Sending or receiving?", articles: [], checks: [], bounce: nil, suggestions: [])),
        .progress(ProgressFrame(session: "s1", inReplyTo: "m1", text: "Checking MX…", check: "mx")),
        .progress(ProgressFrame(session: "s1", inReplyTo: "m1", text: "Thinking", check: nil)),
        .error(ErrorFrame(session: nil, inReplyTo: nil, code: .invalidJSON, message: "bad")),
        .error(ErrorFrame(session: "s1", inReplyTo: "m2", code: .busy, message: "busy")),
        .pong(PongFrame(inReplyTo: "p1")),
    ]

    @Test(arguments: outbound)
    func outboundRoundTrip(frame: OutboundFrame) throws {
        let line = FrameCodec.encode(frame)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.dropLast().contains(UInt8(ascii: "\n")) == false)
        #expect(try FrameCodec.decodeOutbound(line.dropLast()) == frame)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        #expect(object["type"] as? String == frame.type)
    }

    @Test func replyFrameCarriesEveryField() throws {
        let line = FrameCodec.encode(Self.outbound[1])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        let keys = Set(object.keys)
        #expect(
            keys == [
                "type", "session", "in_reply_to", "text", "intent", "direction", "lang", "question", "articles",
                "checks", "bounce", "suggestions",
            ])
        #expect(object["bounce"] is NSNull)
    }

    @Test func replyFrameFromEngineReply() {
        var reply = Reply(
            intent: .question, direction: .receiving, answer: "Your mailbox is full.", steps: ["Empty the trash"],
            articles: [ArticleReference(id: "mailbox-full", title: "Mailbox full", score: 3)], suggestions: ["more"])
        reply.checks = [CheckResult(id: .spf, status: .pass, summary: "ok")]
        let frame = ReplyFrame(session: "s", inReplyTo: "m", reply: reply)
        #expect(frame.text == ReplyRenderer(style: .plain).render(reply))
        #expect(frame.intent == "question")
        #expect(frame.direction == "receiving")
        #expect(frame.checks == reply.checks)
        #expect(frame.articles == reply.articles)
        #expect(frame.suggestions == ["more"])
    }

    /// Every string a gateway may show (text, question, suggestions, findings, bounce fields, progress and
    /// error messages) is neutralised on the wire; only the checks' `data` keeps the record as it came.
    @Test func everyShownStringIsNeutralisedOnTheWire() throws {
        var hostile = "x"
        for value in Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069)
            + [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
        {
            hostile.unicodeScalars.append(try #require(Unicode.Scalar(value)))
        }
        func raw(_ text: String) -> Bool {
            text.unicodeScalars.contains { scalar in
                let value = scalar.value
                return (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
                    || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                    || (0x200B...0x200D).contains(value) || value == 0x2060 || value == 0xFEFF
            }
        }
        var reply = Reply(
            intent: .check, answer: "a" + hostile, question: "q" + hostile, steps: ["s" + hostile],
            suggestions: ["g" + hostile])
        reply.checks = [
            CheckResult(
                id: .spf, status: .fail, summary: .verbatim("m" + hostile),
                findings: [
                    Finding(
                        code: FindingCode(rawValue: "spf.syntax"), severity: .fail, message: .verbatim("f" + hostile))
                ],
                data: ["record": .string(hostile)])
        ]
        reply.bounce = BounceReport(
            isBounce: true, kind: .dsn, reportingMTA: "r" + hostile,
            recipients: [
                BounceRecipient(address: "b@example.org", remoteMTA: "mx" + hostile, diagnostic: "d" + hostile)
            ])
        let frames: [OutboundFrame] = [
            .reply(ReplyFrame(session: "s", inReplyTo: "m", reply: reply)),
            .progress(ProgressFrame(session: "s", inReplyTo: "m", text: "p" + hostile)),
            .error(ErrorFrame(session: "s", inReplyTo: "m", code: .invalidJSON, message: "e" + hostile)),
        ]
        for frame in frames {
            let line = FrameCodec.encode(frame)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            var shown: [String] = []
            var data: [String] = []
            func collect(_ value: Any, inData: Bool) {
                if let string = value as? String {
                    if inData { data.append(string) } else { shown.append(string) }
                }
                if let array = value as? [Any] { for item in array { collect(item, inData: inData) } }
                if let members = value as? [String: Any] {
                    for (key, item) in members { collect(item, inData: inData || key == "data" || key == "raw") }
                }
            }
            collect(object, inData: false)
            for string in shown { #expect(!raw(string), "\(string)") }
            if case .reply = frame {
                #expect(shown.count >= 8)
                #expect(data == [hostile])
            }
        }
    }

    /// A bounce pasted as a message comes back in `bounce`, shaped as in `ask --json`.
    @Test func bounceIsCarriedLikeAskJSON() async throws {
        let text = """
            From: MAILER-DAEMON@mx.example.net
            Subject: Undelivered Mail Returned to Sender

            <bob@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 <bob@example.org>:
                Recipient address rejected: User unknown in virtual mailbox table
            """
        let (_, reply) = await KnowledgeFixture.engine.respond(to: text, in: Session(id: "b"))
        let frame = ReplyFrame(session: "b", inReplyTo: "m", reply: reply)
        let ask = try #require(
            try JSONSerialization.jsonObject(with: Data(ReplyRenderer.json(reply).utf8)) as? [String: Any])
        let askBounce = try JSONDecoder().decode(
            JSONValue.self,
            from: JSONSerialization.data(withJSONObject: ask["bounce"] ?? NSNull(), options: [.fragmentsAllowed]))
        #expect(frame.bounce != nil)
        #expect(frame.bounce == askBounce)
        let decoded = try FrameCodec.decodeOutbound(FrameCodec.encode(.reply(frame)).dropLast())
        #expect(decoded.reply?.bounce == frame.bounce)
    }

    @Test func nonBounceHasNullBounce() async {
        let (_, reply) = await KnowledgeFixture.engine.respond(to: "help", in: Session(id: "b"))
        #expect(ReplyFrame(session: "b", inReplyTo: "m", reply: reply).bounce == nil)
    }

    /// The frame's bounce is built by hand; it must stay the report's `Codable` encoding, with and
    /// without the optional members.
    @Test func bounceFieldEqualsTheCodableEncoding() throws {
        let recipient = BounceRecipient(
            address: "a@example.org", action: "failed", status: "5.1.1", replyCode: "550", reason: "userunknown",
            hardBounce: true, remoteMTA: "mx.example.org", diagnostic: "550 5.1.1 \"no\" such user", command: "RCPT",
            feedbackType: "")
        let full = BounceReport(
            isBounce: true, kind: .dsn, reportingMTA: "mta.example.net", recipients: [recipient, recipient],
            originalMessageID: "<1@x>", originalSubject: "Hello", sender: "me@example.net", problem: "partial")
        let bare = BounceReport(isBounce: false, kind: .unreadable)
        for report in [full, bare, .unreadable("binary")] {
            #expect(BounceField.value(of: report) == (try JSONValueEncoder.encode(report)))
        }
    }

    @Test func typeDefaultsToMessageAndUnknownFieldsAreIgnored() throws {
        let line = #"{"text":"hi","extra":{"deep":[1,2.5e3,true,null,"x"]},"id":"m1","session":"s1"}"#
        #expect(try FrameCodec.decodeInbound(Array(line.utf8)).get() == .message(session: "s1", id: "m1", text: "hi"))
    }

    @Test func escapesAreDecoded() throws {
        let line = #"{"session":"s","id":"i","text":"a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#
        #expect(
            try FrameCodec.decodeInbound(Array(line.utf8)).get()
                == .message(session: "s", id: "i", text: "a\"b\\c/d\né😀"))
    }

    @Test func langPinsTheSessionLanguage() throws {
        let line = #"{"session":"s","id":"i","text":"hi","lang":"fr_FR"}"#
        #expect(
            try FrameCodec.decodeInbound(Array(line.utf8)).get()
                == .message(session: "s", id: "i", text: "hi", lang: .french))
        let unknown = #"{"session":"s","id":"i","text":"hi","lang":"klingon"}"#
        guard case .failure(let error) = FrameCodec.decodeInbound(Array(unknown.utf8)) else {
            Issue.record("an unknown lang was accepted")
            return
        }
        #expect(error.code == .badType)
        #expect(error.message.contains("expected en, fr, de, es, it or pt"))
    }

    @Test func replyFrameSaysItsLanguage() {
        var reply = Reply(intent: .question, answer: "Votre boîte est pleine.")
        reply.language = .french
        let frame = ReplyFrame(session: "s", inReplyTo: "m", reply: reply)
        #expect(frame.lang == "fr")
        let line = String(decoding: FrameCodec.encode(.reply(frame)), as: UTF8.self)
        #expect(line.contains(#""lang":"fr""#))
    }

    @Test func trailingCarriageReturnIsAccepted() throws {
        let line = Array(#"{"type":"ping","id":"p"}"#.utf8) + [0x0D]
        #expect(try FrameCodec.decodeInbound(line).get() == .ping(id: "p"))
    }

    struct Malformed: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var code: ErrorCode
        var session: String? = nil
        var inReplyTo: String? = nil
        var testDescription: String { name }
    }

    static let malformed: [Malformed] = [
        Malformed(name: "not JSON", bytes: Array("hello".utf8), code: .invalidJSON),
        Malformed(
            name: "truncated object", bytes: Array(#"{"session":"s","id":"m","text":"x""#.utf8), code: .invalidJSON),
        Malformed(name: "trailing garbage", bytes: Array(#"{"type":"ping","id":"p"} x"#.utf8), code: .invalidJSON),
        Malformed(name: "two objects", bytes: Array(#"{"type":"ping","id":"p"}{}"#.utf8), code: .invalidJSON),
        Malformed(name: "single quotes", bytes: Array("{'type':'ping'}".utf8), code: .invalidJSON),
        Malformed(
            name: "raw newline in string is impossible, raw tab is invalid", bytes: Array("{\"text\":\"a\tb\"}".utf8),
            code: .invalidJSON),
        Malformed(name: "bad escape", bytes: Array(#"{"text":"\q"}"#.utf8), code: .invalidJSON),
        Malformed(name: "lone surrogate", bytes: Array(#"{"text":"\ud800"}"#.utf8), code: .invalidJSON),
        Malformed(name: "bad number", bytes: Array(#"{"n":01}"#.utf8), code: .invalidJSON),
        Malformed(name: "trailing comma", bytes: Array(#"{"type":"ping","id":"p",}"#.utf8), code: .invalidJSON),
        Malformed(
            name: "deep nesting", bytes: Array(("{\"x\":" + String(repeating: "[", count: 100_000)).utf8),
            code: .invalidJSON),
        Malformed(
            name: "NUL byte", bytes: Array(#"{"type":"ping","#.utf8) + [0] + Array(#""id":"p"}"#.utf8),
            code: .invalidJSON),
        Malformed(
            name: "NUL in string", bytes: Array(#"{"text":"a"#.utf8) + [0] + Array(#"b"}"#.utf8), code: .invalidJSON),
        Malformed(
            name: "invalid UTF-8", bytes: Array(#"{"text":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8),
            code: .invalidUTF8),
        Malformed(
            name: "overlong UTF-8", bytes: Array(#"{"text":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8),
            code: .invalidUTF8),
        Malformed(
            name: "UTF-16 surrogate in UTF-8",
            bytes: Array(#"{"text":""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8), code: .invalidUTF8),
        Malformed(name: "truncated UTF-8", bytes: Array(#"{"text":"#.utf8) + [0xE2, 0x82], code: .invalidUTF8),
        Malformed(name: "array", bytes: Array("[1,2]".utf8), code: .badType),
        Malformed(name: "string", bytes: Array(#""hello""#.utf8), code: .badType),
        Malformed(
            name: "unknown type", bytes: Array(#"{"type":"dance","session":"s","id":"m"}"#.utf8), code: .badType,
            session: "s", inReplyTo: "m"),
        Malformed(
            name: "type not a string", bytes: Array(#"{"type":1,"session":"s","id":"m","text":"x"}"#.utf8),
            code: .badType, session: "s", inReplyTo: "m"),
        Malformed(
            name: "text not a string", bytes: Array(#"{"session":"s","id":"m","text":42}"#.utf8), code: .badType,
            session: "s", inReplyTo: "m"),
        Malformed(
            name: "session not a string", bytes: Array(#"{"session":["s"],"id":"m","text":"x"}"#.utf8), code: .badType,
            inReplyTo: "m"),
        Malformed(
            name: "missing text", bytes: Array(#"{"session":"s","id":"m"}"#.utf8), code: .missingField, session: "s",
            inReplyTo: "m"),
        Malformed(
            name: "missing session", bytes: Array(#"{"id":"m","text":"x"}"#.utf8), code: .missingField, inReplyTo: "m"),
        Malformed(
            name: "missing id", bytes: Array(#"{"session":"s","text":"x"}"#.utf8), code: .missingField, session: "s"),
        Malformed(name: "ping without id", bytes: Array(#"{"type":"ping"}"#.utf8), code: .missingField),
        Malformed(name: "reset without session", bytes: Array(#"{"type":"reset"}"#.utf8), code: .missingField),
        Malformed(
            name: "duplicate field", bytes: Array(#"{"session":"a","session":"b","id":"m","text":"x"}"#.utf8),
            code: .invalidJSON),
        Malformed(name: "empty object", bytes: Array("{}".utf8), code: .missingField),
    ]

    @Test(arguments: malformed)
    func malformedLineGivesItsError(case malformed: Malformed) {
        switch FrameCodec.decodeInbound(malformed.bytes) {
        case .success(let frame): Issue.record("decoded \(frame)")
        case .failure(let error):
            #expect(error.code == malformed.code, "\(error.message)")
            #expect(error.session == malformed.session)
            #expect(error.inReplyTo == malformed.inReplyTo)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func validUTF8OfEveryLengthPasses() throws {
        let text = "aé€😀\u{10FFFF}\u{E000}"
        let line = FrameCodec.encode(InboundFrame.message(session: "s", id: "i", text: text))
        #expect(try FrameCodec.decodeInbound(line.dropLast()).get() == .message(session: "s", id: "i", text: text))
    }

    @Test func writerEscapesControlCharacters() throws {
        var writer = JSONWriter()
        let text = String(decoding: (0..<0x20).map { UInt8($0) } + Array("\"\\/é".utf8), as: UTF8.self)
        writer.string(text)
        let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes), options: [.fragmentsAllowed])
        #expect(decoded as? String == text)
        #expect(!writer.bytes.contains { $0 < 0x20 })
    }

    @Test func numbersAreValidJSON() throws {
        for value in [0.0, 1, -3, 7.25, 1e-7, 1e300, 123_456_789_012.5] {
            var writer = JSONWriter()
            writer.number(value)
            let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes), options: [.fragmentsAllowed])
            #expect((decoded as? NSNumber)?.doubleValue == value)
        }
        var writer = JSONWriter()
        writer.number(Double.nan)
        #expect(writer.bytes == Array("null".utf8))
    }

    @Test func errorCodesAreStable() {
        #expect(
            ErrorCode.all.map(\.rawValue) == [
                "invalid_json", "invalid_utf8", "line_too_long", "missing_field", "bad_type", "field_too_long", "busy",
                "rate_limited", "shutdown",
            ])
    }
}
