import Localization
import MailModel

extension EndpointReport {
    /// The report as the `data` of a check result: stages, capabilities, TLS, certificate, transcript;
    /// for SMTP also `extensions`, the notable EHLO keywords decoded.
    func json(smtpExtensions: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "host": .string(host), "port": .int(port),
            "tls_mode": .string(implicitTLS ? TLSMode.implicit.rawValue : TLSMode.starttls.rawValue),
            "address": address.map { .string($0.description) } ?? .null,
            "attempts": .array(attempts.map { ["address": .string($0.address), "outcome": .string($0.outcome)] }),
            "stages": .array(
                stages.map { record in
                    [
                        "stage": .string(record.stage.rawValue), "outcome": .string(record.outcome.rawValue),
                        "ms": .int(record.milliseconds), "detail": .string(record.detail),
                    ]
                }),
            "capabilities": .strings(capabilities),
            "capabilities_after_tls": capabilitiesAfterTLS.map(JSONValue.strings) ?? .null,
            "tls": tls?.json ?? .null,
            "transcript": .strings(transcript.all),
        ]
        if let preference { object["preference"] = .int(preference) }
        if !refused.isEmpty { object["refused"] = .strings(refused.map(\.description)) }
        if let failure {
            object["failure"] = ["stage": .string(failure.stage.rawValue), "reason": .string(failure.reasonCode)]
        }
        if let greeting { object["greeting"] = .string(greeting) }
        if let greetingCode { object["greeting_code"] = .int(greetingCode) }
        if let greetingDelayMS { object["greeting_ms"] = .int(greetingDelayMS) }
        if let login {
            switch login {
            case .accepted: object["login"] = ["outcome": "accepted"]
            case .rejected(let reply): object["login"] = ["outcome": "rejected", "reply": .string(reply)]
            case .skipped(let reason): object["login"] = ["outcome": "skipped", "reason": .string(reason.english)]
            }
        }
        if let recipient {
            object["rcpt"] = [
                "address": .string(recipient.address), "mail_from_reply": .string(recipient.senderReply),
                "code": recipient.code.map(JSONValue.int) ?? .null, "reply": .string(recipient.reply),
            ]
        }
        if linesBeforeHandshake > 0 { object["lines_before_tls"] = .int(linesBeforeHandshake) }
        if smtpExtensions && !stages.isEmpty {
            object["extensions"] = extensionsJSON
        }
        return .object(object)
    }

    /// The notable EHLO keywords: STARTTLS (before TLS), SIZE (the limit), AUTH (mechanisms), the rest as booleans.
    private var extensionsJSON: JSONValue {
        let effective = SMTPCapabilities(lines: effectiveCapabilities)
        let before = SMTPCapabilities(lines: capabilities)
        var extensions: [String: JSONValue] = [:]
        for keyword in SMTPCapabilities.notable {
            switch keyword {
            case "STARTTLS":
                extensions[keyword] = .bool(before.has(keyword))
            case "SIZE":
                extensions[keyword] = effective.has(keyword) ? (effective.sizeLimit.map(JSONValue.int) ?? true) : false
            case "AUTH":
                extensions[keyword] = .strings(effective.authMechanisms)
            default:
                extensions[keyword] = .bool(effective.has(keyword))
            }
        }
        extensions["AUTH_BEFORE_TLS"] = .strings(before.authMechanisms)
        return .object(extensions)
    }
}
