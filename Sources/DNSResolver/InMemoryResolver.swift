import MailModel
import Synchronization

/// A resolver answering from an in-memory zone, for tests and scripted sessions.
///
/// Names listed in the zone form a closed world: asking one for a type it lacks gives NODATA.
/// A question about a name the zone does not mention is *unscripted*: by default the resolver
/// reports it through `onUnscripted` (tests make that record a failure) and answers with a
/// failure outcome naming the question — it never quietly invents an answer. Use
/// ``UnknownNames/nxdomain`` when the zone is meant to be the whole world (conformance suites).
public final class InMemoryResolver: DNSResolving {
    /// What to do with questions about names the zone does not mention.
    public enum UnknownNames: Sendable {
        /// Report the question through `onUnscripted` and answer with a failure.
        case failLoudly
        /// Answer NXDOMAIN.
        case nxdomain
    }

    private let records: [String: [DNSRecord]]
    private let outcomes: [DNSQuestion: DNSOutcome]
    private let nameOutcomes: [String: DNSOutcome]
    private let unknownNames: UnknownNames
    private let onUnscripted: @Sendable (DNSQuestion) -> Void
    private let log = Mutex<[DNSQuestion]>([])

    /// Creates a resolver.
    ///
    /// - Parameters:
    ///   - records: every record, by owner name (any case, trailing dot optional). A name with an
    ///     empty list exists but has no records (NODATA for every type).
    ///   - outcomes: forced outcomes for particular questions (e.g. `.servfail` for one TXT lookup).
    ///   - nameOutcomes: forced outcomes for every question about a name (e.g. `.timeout`), unless
    ///     `records` has data of the asked type for it.
    ///   - unknownNames: how to answer names the zone does not mention.
    ///   - onUnscripted: called for each unscripted question when `unknownNames` is `.failLoudly`.
    public init(
        records: [String: [DNSRecord]], outcomes: [DNSQuestion: DNSOutcome] = [:],
        nameOutcomes: [String: DNSOutcome] = [:], unknownNames: UnknownNames = .failLoudly,
        onUnscripted: @escaping @Sendable (DNSQuestion) -> Void = { _ in }
    ) {
        var normalized: [String: [DNSRecord]] = [:]
        for (name, list) in records { normalized[DNSName.normalize(name), default: []] += list }
        self.records = normalized
        self.outcomes = outcomes
        self.nameOutcomes = Dictionary(nameOutcomes.map { (DNSName.normalize($0.key), $0.value) }) { _, last in last }
        self.unknownNames = unknownNames
        self.onUnscripted = onUnscripted
    }

    /// Every question asked so far, in order.
    public var questions: [DNSQuestion] {
        log.withLock { $0 }
    }

    /// Answers from the zone; see the type's documentation for unscripted questions.
    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        log.withLock { $0.append(question) }
        return answer(question)
    }

    private func answer(_ question: DNSQuestion) -> DNSAnswer {
        if let forced = outcomes[question] { return DNSAnswer(question: question, outcome: forced) }
        var chain: [String] = []
        var name = question.name
        while true {
            let list = records[name]
            let matching = list?.filter { $0.type == question.type } ?? []
            if let forced = nameOutcomes[name], matching.isEmpty {
                return DNSAnswer(question: question, outcome: forced, cnameChain: chain)
            }
            guard let list else {
                if chain.isEmpty && unknownNames == .failLoudly {
                    onUnscripted(question)
                    return DNSAnswer(
                        question: question, outcome: .failure("unscripted DNS question: \(question)"))
                }
                return DNSAnswer(question: question, outcome: .nxdomain, cnameChain: chain)
            }
            if question.type != .cname, case .cname(let target)? = list.first(where: { $0.type == .cname }) {
                chain.append(target)
                guard chain.count <= 16, !chain.dropLast().contains(target), target != question.name else {
                    return DNSAnswer(
                        question: question, outcome: .failure("CNAME loop at \(target)"), cnameChain: chain)
                }
                name = DNSName.normalize(target)
                continue
            }
            return DNSAnswer(
                question: question, outcome: matching.isEmpty ? .noData : .answer, records: matching,
                cnameChain: chain)
        }
    }
}
