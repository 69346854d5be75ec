import MailModel
import Synchronization

/// Passes at most `limit` questions on to its upstream; later questions fail at once with a sentence that
/// names the limit, so a hostile domain (a thousand MX hosts, long include chains) cannot make one check,
/// or one chat message, send thousands of queries.
public final class BudgetedResolver: DNSResolving {
    /// The default number of queries one `check` run, or one chat message, may send.
    public static let defaultLimit = 300

    private let upstream: any DNSResolving
    private let used = Mutex(0)
    /// The most questions passed on.
    public let limit: Int
    /// What the budget is for, in the failure sentence: "one check", "one message".
    public let scope: String

    /// Wraps `upstream` with a budget of `limit` questions.
    public init(_ upstream: any DNSResolving, limit: Int = BudgetedResolver.defaultLimit, scope: String = "one check") {
        self.upstream = upstream
        self.limit = limit
        self.scope = scope
    }

    /// The number of questions asked so far (those over the limit included).
    public var asked: Int { used.withLock { $0 } }

    /// Whether some question was refused because the budget was spent.
    public var isExhausted: Bool { asked > limit }

    /// Asks upstream while the budget lasts.
    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        let number = used.withLock { count in
            count += 1
            return count
        }
        guard number <= limit else {
            return DNSAnswer(question: question, outcome: .failure(Self.exhaustedReason(limit: limit, scope: scope)))
        }
        return await upstream.resolve(question)
    }

    /// "MailDoctor stops after 300 DNS queries for one check".
    public static func exhaustedReason(limit: Int, scope: String) -> String {
        "MailDoctor stops after \(limit.grouped) DNS queries for \(scope), and this domain needs more"
    }
}
