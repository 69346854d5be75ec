import MailModel
import Synchronization

/// One question waiting for its answer; resumes its continuation exactly once.
///
/// The c-ares callback, the hard deadline and task cancellation may all try to finish it;
/// the first one wins and the others are ignored.
final class PendingQuery: Sendable {
    let question: DNSQuestion
    private let state = Mutex<State>(State())

    private struct State {
        var continuation: CheckedContinuation<DNSAnswer, Never>?
        var result: DNSAnswer?
    }

    init(question: DNSQuestion) {
        self.question = question
    }

    /// Whether an answer has already been delivered.
    var isFinished: Bool {
        state.withLock { $0.result != nil }
    }

    /// Registers the continuation; resumes it at once when the query already finished.
    func attach(_ continuation: CheckedContinuation<DNSAnswer, Never>) {
        let early: DNSAnswer? = state.withLock { state in
            if let result = state.result { return result }
            state.continuation = continuation
            return nil
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Delivers the answer unless one was delivered before.
    func finish(_ answer: DNSAnswer) {
        let waiting: CheckedContinuation<DNSAnswer, Never>? = state.withLock { state in
            guard state.result == nil else { return nil }
            state.result = answer
            defer { state.continuation = nil }
            return state.continuation
        }
        waiting?.resume(returning: answer)
    }

    /// Finishes with a non-definitive outcome.
    func finish(_ outcome: DNSOutcome) {
        finish(DNSAnswer(question: question, outcome: outcome))
    }
}
