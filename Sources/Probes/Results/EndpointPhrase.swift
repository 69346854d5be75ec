import Localization
import MailModel

/// Short phrases describing how an endpoint probe went, for summary lines.
enum EndpointPhrase {
    /// "mx1.example.com:25 TLSv1.3, certificate ok" / "mx1.example.com:25 connection refused". An
    /// IPv4-mapped address is named as its IPv4 address (127.0.0.1, not ::ffff:7f00:1).
    static func of(_ report: EndpointReport) -> LocalizedText {
        let host = IPAddress(report.host).map { $0.unmapped.description } ?? report.host
        let endpoint = "\(host):\(report.port)"
        return L("\(endpoint) \(state(report))")
    }

    /// How the probe went, without the endpoint's name.
    static func state(_ report: EndpointReport) -> LocalizedText {
        if let problem = report.resolveProblem {
            switch problem {
            case .noSuchName: return L("name does not exist")
            case .noAddress: return L("name has no address")
            case .dnsFailure: return L("DNS lookup failed")
            case .refusedByPolicy: return L("not allowed (private address or port)")
            }
        }
        var parts: [LocalizedText] = []
        if let code = report.greetingCode, code != 220 {
            parts.append(L("refuses service (\(code))"))
        } else if let delay = report.greetingDelayMS {
            parts.append(L("greeting in \(delay) ms"))
        }
        if let failure = report.failure {
            // The stage by its name in the data ("banner", "ehlo"), as the transcript and JSON show it.
            let stage = failure.stage.rawValue
            switch failure.reasonCode {
            case "connect-refused": return L("connection refused")
            case "connect-timeout": return L("no answer (connection timed out)")
            case "unreachable": return L("unreachable")
            case "timeout": parts.append(L("silent during \(stage)"))
            case "slow-drip": parts.append(L("extremely slow during \(stage)"))
            case "total-timeout": parts.append(L("out of time during \(stage)"))
            case "closed": parts.append(L("closed the connection during \(stage)"))
            case "reset": parts.append(L("reset the connection during \(stage)"))
            case "garbage": parts.append(L("not speaking the protocol during \(stage)"))
            case "line-too-long": parts.append(L("endless line during \(stage)"))
            case "tls": parts.append(L("TLS handshake failed"))
            default: parts.append(L("\(failure.reasonCode) during \(stage)"))
            }
        }
        let greeted = report.stages.contains { ($0.stage == .banner || $0.stage == .greeting) && $0.outcome == .ok }
        if let phrase = EndpointFindings.tlsPhrase(report.tls) {
            parts.append(report.implicitTLS ? phrase : L("STARTTLS \(phrase)"))
        } else if !report.implicitTLS && report.failure == nil && greeted {
            parts.append(report.startTLSRefusal != nil ? L("STARTTLS refused") : L("no STARTTLS"))
        }
        return .list(parts)
    }
}
