import Checks

/// Short phrases describing how an endpoint probe went, for summary lines.
enum EndpointPhrase {
    /// "mx1.example.com:25 TLSv1.3, certificate ok" / "mx1.example.com:25 connection refused". An
    /// IPv4-mapped address is named as its IPv4 address (127.0.0.1, not ::ffff:7f00:1).
    static func of(_ report: EndpointReport) -> String {
        let host = IPAddress(report.host).map { $0.unmapped.description } ?? report.host
        return "\(host):\(report.port) " + state(report)
    }

    /// How the probe went, without the endpoint's name.
    static func state(_ report: EndpointReport) -> String {
        if let problem = report.resolveProblem {
            switch problem {
            case .noSuchName: return "name does not exist"
            case .noAddress: return "name has no address"
            case .dnsFailure: return "DNS lookup failed"
            case .refusedByPolicy: return "not allowed (private address or port)"
            }
        }
        var parts: [String] = []
        if let code = report.greetingCode, code != 220 {
            parts.append("refuses service (\(code))")
        } else if let delay = report.greetingDelayMS {
            parts.append("greeting in \(delay) ms")
        }
        if let failure = report.failure {
            let stage = failure.stage.rawValue
            switch failure.reasonCode {
            case "connect-refused": return "connection refused"
            case "connect-timeout": return "no answer (connection timed out)"
            case "unreachable": return "unreachable"
            case "timeout": parts.append("silent during \(stage)")
            case "slow-drip": parts.append("extremely slow during \(stage)")
            case "total-timeout": parts.append("out of time during \(stage)")
            case "closed": parts.append("closed the connection during \(stage)")
            case "reset": parts.append("reset the connection during \(stage)")
            case "garbage": parts.append("not speaking the protocol during \(stage)")
            case "line-too-long": parts.append("endless line during \(stage)")
            case "tls": parts.append("TLS handshake failed")
            default: parts.append("\(failure.reasonCode) during \(stage)")
            }
        }
        let greeted = report.stages.contains { ($0.stage == .banner || $0.stage == .greeting) && $0.outcome == .ok }
        if let phrase = EndpointFindings.tlsPhrase(report.tls) {
            parts.append(report.implicitTLS ? phrase : "STARTTLS " + phrase)
        } else if !report.implicitTLS && report.failure == nil && greeted {
            parts.append(report.startTLSRefusal != nil ? "STARTTLS refused" : "no STARTTLS")
        }
        return parts.joined(separator: ", ")
    }
}
