import MailModel
import Synchronization

/// Remembers answers for the duration of one request, so checks that ask the same question
/// (MX for both `mx` and SPF's `mx` mechanism…) send it once; concurrent askers share one query.
///
/// A cancelled asker stops waiting at once; the shared query carries on for the others.
public final class CachingResolver: DNSResolving {
    private let upstream: any DNSResolving
    private let entries = Mutex<[DNSQuestion: Entry]>([:])

    /// Wraps `upstream`.
    public init(_ upstream: any DNSResolving) {
        self.upstream = upstream
    }

    /// Answers from the cache, or asks upstream once for everyone waiting.
    public func resolve(_ question: DNSQuestion) async -> DNSAnswer {
        let (entry, isNew) = entries.withLock { entries in
            if let existing = entries[question] { return (existing, false) }
            let created = Entry(question: question)
            entries[question] = created
            return (created, true)
        }
        if isNew {
            let upstream = self.upstream
            Task { entry.deliver(await upstream.resolve(question)) }
        }
        let ticket = entry.newTicket()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                entry.wait(ticket, continuation)
            }
        } onCancel: {
            entry.abandon(ticket, answer: DNSAnswer(question: question, outcome: .failure("the lookup was cancelled")))
        }
    }

    /// One shared question: its answer once known, and the askers waiting for it.
    private final class Entry: Sendable {
        private struct State {
            var answer: DNSAnswer?
            var nextTicket = 0
            var waiters: [Int: CheckedContinuation<DNSAnswer, Never>] = [:]
            var abandoned: Set<Int> = []
        }
        private let state = Mutex<State>(State())
        private let question: DNSQuestion

        init(question: DNSQuestion) {
            self.question = question
        }

        func newTicket() -> Int {
            state.withLock { state in
                state.nextTicket += 1
                return state.nextTicket
            }
        }

        func wait(_ ticket: Int, _ continuation: CheckedContinuation<DNSAnswer, Never>) {
            enum Action {
                case resume(DNSAnswer)
                case cancel, park
            }
            let action: Action = state.withLock { state in
                if let answer = state.answer { return .resume(answer) }
                if state.abandoned.contains(ticket) { return .cancel }
                state.waiters[ticket] = continuation
                return .park
            }
            switch action {
            case .resume(let answer): continuation.resume(returning: answer)
            case .cancel:
                continuation.resume(
                    returning: DNSAnswer(question: question, outcome: .failure("the lookup was cancelled")))
            case .park: break
            }
        }

        func abandon(_ ticket: Int, answer: DNSAnswer) {
            let waiter = state.withLock { state in
                state.abandoned.insert(ticket)
                return state.waiters.removeValue(forKey: ticket)
            }
            waiter?.resume(returning: answer)
        }

        func deliver(_ answer: DNSAnswer) {
            let waiters = state.withLock { state in
                state.answer = answer
                defer { state.waiters = [:] }
                return Array(state.waiters.values)
            }
            for waiter in waiters { waiter.resume(returning: answer) }
        }
    }
}
