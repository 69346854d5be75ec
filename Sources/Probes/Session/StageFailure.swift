import Localization

/// Why a probe stopped before its last stage.
struct StageFailure: Error, Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// The connection broke, timed out or was refused.
        case connection(ConnectionError)
        /// The probe's total deadline passed; `received` bytes of an unfinished line had arrived.
        case totalTimeout(received: Int)
        /// The server sent something that is not the expected protocol: its words (already made safe to
        /// show, kept as they are) or, when there is nothing to quote, what was wrong with them.
        case garbage(LocalizedText)
        /// The server sent an endless multi-line reply.
        case tooManyLines(Int)
    }

    var stage: ProbeStage
    var kind: Kind

    /// Whether the failure means "could not find out" (`error`) rather than a definite fault (`fail`).
    var isInconclusive: Bool {
        switch kind {
        case .connection(let error):
            switch error {
            case .connectTimeout, .unreachable, .timeout, .cancelled, .other: return true
            case .refused, .closed, .reset, .lineTooLong, .tls: return false
            }
        case .totalTimeout: return true
        case .garbage, .tooManyLines: return false
        }
    }

    /// A short machine-friendly reason: "refused", "timeout", "garbage"…
    var reasonCode: String {
        switch kind {
        case .connection(let error):
            switch error {
            case .refused: return "connect-refused"
            case .connectTimeout: return "connect-timeout"
            case .unreachable: return "unreachable"
            case .timeout(let received): return received > 0 ? "slow-drip" : "timeout"
            case .closed: return "closed"
            case .reset: return "reset"
            case .lineTooLong: return "line-too-long"
            case .tls: return "tls"
            case .cancelled: return "cancelled"
            case .other: return "io-error"
            }
        case .totalTimeout: return "total-timeout"
        case .garbage: return "garbage"
        case .tooManyLines: return "reply-too-long"
        }
    }

    /// What happened, as a sentence fragment without the server's name: "the connection was refused".
    func explanation(stageTimeout: Duration, totalTimeout: Duration) -> LocalizedText {
        let stageText = stage.phrase
        let stageTime = ProbeTiming.text(stageTimeout)
        switch kind {
        case .connection(let error):
            switch error {
            case .refused:
                return L(
                    "the connection was refused — no mail server is listening on that port, or a firewall rejects the connection"
                )
            case .connectTimeout:
                return L(
                    "the connection attempt got no answer within \(stageTime) — the server is down, or a firewall (theirs or your network's) silently drops the connection"
                )
            case .unreachable(let reason):
                return L("the server could not be reached: \(reason)")
            case .timeout(let received) where received > 0:
                return L(
                    "during \(stageText) only \(received) bytes of an unfinished line arrived within \(stageTime) — the server is sending extremely slowly (deliberately, like a tarpit, or over a very bad connection)"
                )
            case .timeout:
                return L("the server sent nothing during \(stageText) for \(stageTime)")
            case .closed:
                return L("the server closed the connection during \(stageText)")
            case .reset:
                return L("the server reset (abruptly cut) the connection during \(stageText)")
            case .lineTooLong(let limit):
                return L(
                    "during \(stageText) the server sent a line longer than \(limit) bytes without ending it, which no mail server does"
                )
            case .tls(let reason):
                return L("the encrypted connection (TLS) could not be set up: \(reason)")
            case .cancelled:
                return L("the probe was cancelled during \(stageText)")
            case .other(let reason):
                return L("the connection failed during \(stageText): \(reason)")
            }
        case .totalTimeout(let received):
            let totalTime = ProbeTiming.text(totalTimeout)
            if received > 0 {
                return L(
                    "the whole probe ran out of time (\(totalTime)) during \(stageText) (\(received) bytes of an unfinished line had arrived)"
                )
            }
            return L("the whole probe ran out of time (\(totalTime)) during \(stageText)")
        case .garbage(let text):
            return L("during \(stageText) the server sent something that is not the expected protocol: \"\(text)\"")
        case .tooManyLines(let count):
            return L("during \(stageText) the server sent a reply of more than \(count) lines without ending it")
        }
    }
}

/// Formatting of durations in messages.
enum ProbeTiming {
    /// "5 s", "1.5 s", "250 ms" (a template, so that a translation can write its own decimal comma).
    static func text(_ duration: Duration) -> LocalizedText {
        let ms = milliseconds(duration)
        if ms < 1000 { return L("\(ms) ms") }
        if ms % 1000 == 0 { return L("\(ms / 1000) s") }
        return L("\(ms / 1000).\((ms % 1000) / 100) s")
    }

    /// Whole milliseconds of a duration.
    static func milliseconds(_ duration: Duration) -> Int {
        let parts = duration.components
        return Int(parts.seconds) * 1000 + Int(parts.attoseconds / 1_000_000_000_000_000)
    }
}
