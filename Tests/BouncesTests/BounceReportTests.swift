import Foundation
import Testing

@testable import Bounces

/// The JSON shape of `explain --json` (the keys the `Codable` encoding gives, ARCHITECTURE.md “Output contracts”) and report helpers.
@Suite("BounceReport")
struct BounceReportTests {
    @Test func jsonUsesTheDesignKeys() throws {
        var report = BounceReport(isBounce: true, kind: .dsn)
        report.reportingMTA = "mx.example.net"
        report.originalMessageID = "<id@example.com>"
        report.originalSubject = "Hello"
        report.recipients = [
            BounceRecipient(
                address: "bob@example.org", action: "failed", status: "5.1.1", replyCode: "550", reason: "userunknown",
                hardBounce: true, remoteMTA: "mx.example.org", diagnostic: "User unknown", command: "RCPT",
                feedbackType: "")
        ]
        let data = try JSONEncoder().encode(report)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["is_bounce", "kind", "reporting_mta", "recipients", "original_message_id", "original_subject"] {
            #expect(object[key] != nil, "\(key)")
        }
        #expect(object["kind"] as? String == "dsn")
        let recipient = try #require((object["recipients"] as? [[String: Any]])?.first)
        for key in [
            "address", "action", "status", "replycode", "reason", "hardbounce", "remote_mta", "diagnostic", "command",
            "feedbacktype",
        ] {
            #expect(recipient[key] != nil, "\(key)")
        }
        #expect(recipient["hardbounce"] as? Bool == true)
        let decoded = try JSONDecoder().decode(BounceReport.self, from: data)
        #expect(decoded == report)
    }

    @Test func fastJSONLineMatchesCodable() throws {
        var report = BounceParser.parse(
            text: "550 5.1.1 <bob@example.org>: \"quoted\" \\ back\tslash\u{1}ctl é User unknown")
        report.originalSubject = "Line\nbreak"
        let fast = try #require(
            try JSONSerialization.jsonObject(with: Data(report.jsonLine(file: "x.eml").utf8)) as? [String: Any])
        // The fast writer neutralises as it writes (the \u{1} becomes ␁): it equals the Codable encoding
        // of the neutralised report.
        let codable = try #require(
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(report.neutralized())) as? [String: Any])
        #expect(fast["file"] as? String == "x.eml")
        var withoutFile = fast
        withoutFile["file"] = nil
        func canonical(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try canonical(withoutFile) == canonical(codable))
        #expect(!report.jsonLine().contains("\n"))
    }

    /// C0 controls (but newline and tab), DEL, C1, bidi embeddings/overrides/isolates, zero-width characters.
    static func raw(_ text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { value in
            (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                || (0x200B...0x200D).contains(value) || value == 0x2060 || value == 0xFEFF
        }
    }

    @Test func jsonLineNeutralisesEveryShownString() throws {
        var hostile = "x"
        for value in Array(0x00...0x1F) + [0x7F] + Array(0x80...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069)
            + [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]
        {
            hostile.unicodeScalars.append(try #require(Unicode.Scalar(value)))
        }
        let recipient = BounceRecipient(
            address: "bob\(hostile)@example.org", action: "failed", status: "5.1.1", replyCode: "550",
            reason: "userunknown", hardBounce: true, remoteMTA: "mx\(hostile)", diagnostic: "550 \(hostile) unknown",
            command: "RCPT", feedbackType: "")
        let report = BounceReport(
            isBounce: true, kind: .dsn, reportingMTA: "r\(hostile)", recipients: [recipient],
            originalMessageID: "<\(hostile)>", originalSubject: "s\(hostile)", sender: "a\(hostile)",
            problem: "p\(hostile)")
        let line = report.jsonLine(file: "f\(hostile).eml")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        var strings: [String] = []
        func collect(_ value: Any) {
            if let string = value as? String { strings.append(string) }
            if let array = value as? [Any] { array.forEach(collect) }
            if let members = value as? [String: Any] { members.values.forEach(collect) }
        }
        collect(object)
        #expect(strings.count >= 15)
        for string in strings { #expect(Self.raw(string).isEmpty, "\(string)") }
        let diagnostic = (object["recipients"] as? [[String: Any]])?.first?["diagnostic"] as? String
        #expect(diagnostic?.hasPrefix("550 x␀␁␂") == true)
        #expect(diagnostic?.contains("␈\t\n␋") == true, "tab and newline are kept")
        // Plain text, ASCII or not, is written as it is.
        let plain = BounceReport(
            isBounce: true, kind: .dsn,
            recipients: [BounceRecipient(address: "bob@example.org", diagnostic: "Postfach voll — Größe überschritten")]
        )
        #expect(plain.jsonLine().contains("\"diagnostic\":\"Postfach voll — Größe überschritten\""))
    }

    @Test func everyKindHasAStableName() {
        let names = [
            BounceKind.dsn, .vendor, .feedback, .autoReply, .fragment, .notBounce, .unreadable,
        ].map(\.rawValue)
        #expect(names == ["dsn", "vendor", "feedback", "auto_reply", "fragment", "not_bounce", "unreadable"])
    }

    @Test func unreadableCarriesTheReason() {
        let report = BounceReport.unreadable("the input is empty.")
        #expect(report.kind == .unreadable)
        #expect(!report.isBounce)
        #expect(report.problem == "I can't read this: the input is empty.")
    }

    @Test func mostImportantRecipientPrefersHardFailures() {
        var report = BounceReport(isBounce: true, kind: .dsn)
        let delayed = BounceRecipient(
            address: "a@example.org", action: "delayed", status: "4.2.2", replyCode: "452", reason: "mailboxfull",
            hardBounce: false, remoteMTA: "", diagnostic: "", command: "", feedbackType: "")
        var failed = delayed
        failed.address = "b@example.org"
        failed.action = "failed"
        failed.status = "5.1.1"
        failed.reason = "userunknown"
        failed.hardBounce = true
        report.recipients = [delayed, failed]
        #expect(report.mostImportantRecipient()?.address == "b@example.org")
    }
}

/// JSON strings of the bounce JSON: neutralised, then escaped (the escaper is tested in ByteTextTests).
@Suite struct JSONEscapeTests {
    /// Strings come back as written, neutralised: newline and tab kept, CR and BEL made visible.
    @Test func escapedStringsRoundTrip() throws {
        let cases = [
            ("plain", "plain"), ("say \"hi\"", "say \"hi\""), ("back\\slash", "back\\slash"),
            ("tab\there\nnew\rline", "tab\there\nnew␍line"), ("bell\u{07}", "bell␇"),
            ("ünïcödé \"q\"", "ünïcödé \"q\""), ("rtl\u{202E}x\u{200B}", "rtl�x�"),
        ]
        for (text, shown) in cases {
            let encoded = BounceReport.jsonString(text)
            let decoded = try JSONSerialization.jsonObject(with: Data(("[" + encoded + "]").utf8)) as? [String]
            #expect(decoded == [shown], "\(text) → \(encoded)")
        }
    }
}
