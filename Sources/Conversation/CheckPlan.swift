import Localization
import MailModel

/// A live check as a plan: what a message asks to check, or what a reply offers to check, without running it.
///
/// The MCP `diagnose` tool reports it so that an assistant can run the check with the matching tool.
public struct CheckPlan: Sendable, Equatable, Codable {
    /// The check ids (`mx`, `spf`, `smtp`…), in display order; empty for every check that applies.
    public var checks: [String]
    /// The target as written: a domain, an address, an IP, or `host[:port]` for the server probes.
    public var target: String

    /// Creates a plan.
    public init(checks: [String], target: String) {
        self.checks = checks
        self.target = target
    }

    /// The check a message explicitly asks for ("check mx example.com", "is 192.0.2.1 blacklisted?"),
    /// nil when it asks for none or names an unusable target.
    public static func requested(in text: String) -> CheckPlan? {
        guard let request = try? CheckRequest.parse(text) else { return nil }
        return CheckPlan(request)
    }

    /// The check a message asks for in any wording ("could you check the DKIM of example.com?",
    /// "vérifie les MX de example.org"), as the conversation reads it; nil when it asks for none or names
    /// no usable target.
    public static func requested(in text: String, knowledge: KnowledgeService) -> CheckPlan? {
        if let explicit = requested(in: text) { return explicit }
        let understanding = MessageAnalysis.analyze(text, knowledge: knowledge)
        guard understanding.intent == "check-request",
            let request = CheckRequest.inWords(understanding, remembered: understanding.entities)
        else { return nil }
        return CheckPlan(request)
    }

    /// The check a session's last reply offered ("Shall I check the MX records of example.com now?").
    public static func offered(in session: Session) -> CheckPlan? {
        guard let request = session.offer else { return nil }
        return CheckPlan(request)
    }

    private init(_ request: CheckRequest) {
        let ids = request.ids ?? []
        checks = CheckID.allCases.filter(ids.contains).map(\.rawValue)
        target = request.probeTarget
    }
}
