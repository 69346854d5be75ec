import Localization
import MailModel
import NIOCore

/// Runs the stages of one probe on one endpoint: connects, reads and writes lines with the stage and
/// total deadlines, starts TLS, and records stages and the transcript into an ``EndpointReport``.
///
/// Used by one task at a time (the dialog that owns it).
final class ProbeSession {
    private(set) var report: EndpointReport
    let deadlines: ProbeDeadlines
    let maxLineLength: Int
    private var connection: ProbeConnection?
    private var stage: ProbeStage = .connect
    private var stageDeadline: (deadline: NIODeadline, isTotal: Bool)
    private var stageStarted = ContinuousClock.now
    private var connectedAt = ContinuousClock.now

    /// Ports connected to instead of the probed ones (``ProbeOptions/portMap``).
    let portMap: [Int: Int]

    init(report: EndpointReport, deadlines: ProbeDeadlines, maxLineLength: Int = 4096, portMap: [Int: Int] = [:]) {
        self.report = report
        self.portMap = portMap
        self.deadlines = deadlines
        self.maxLineLength = maxLineLength
        self.stageDeadline = deadlines.forStage()
    }

    /// The stage in progress.
    var currentStage: ProbeStage { stage }

    /// Milliseconds since the TCP connection was made.
    var millisecondsSinceConnect: Int {
        ProbeTiming.milliseconds(ContinuousClock.now - connectedAt)
    }

    /// Starts a stage: its deadline is the stage timeout (or `limit`, if shorter), capped by the total deadline.
    func begin(_ stage: ProbeStage, limit: Duration? = nil) {
        self.stage = stage
        stageDeadline = deadlines.forStage(limit: limit)
        stageStarted = .now
    }

    /// Ends the current stage with an outcome.
    func end(_ outcome: StageRecord.Outcome, _ detail: String = "") {
        report.stages.append(
            StageRecord(
                stage: stage, outcome: outcome, milliseconds: ProbeTiming.milliseconds(.now - stageStarted),
                detail: detail))
    }

    /// Records a stage that was not run.
    func skip(_ stage: ProbeStage, _ reason: String) {
        report.stages.append(StageRecord(stage: stage, outcome: .skipped, milliseconds: 0, detail: reason))
    }

    /// Records the failure that ends the probe, as the current stage's outcome.
    func record(_ failure: StageFailure) {
        report.failure = failure
        report.stages.append(
            StageRecord(
                stage: failure.stage, outcome: failure.isInconclusive ? .error : .failed,
                milliseconds: ProbeTiming.milliseconds(.now - stageStarted), detail: failure.reasonCode))
    }

    /// Connects to the first address that accepts, within the connect stage.
    ///
    /// Each address gets the rest of the stage; a refusal or unreachable network moves on to the next.
    func connect(to addresses: [IPAddress], port: Int, until limit: NIODeadline? = nil) async throws(StageFailure) {
        begin(.connect)
        var deadline = stageDeadline
        if let limit, limit < deadline.deadline { deadline = (limit, false) }
        var lastError = ConnectionError.connectTimeout
        for address in addresses {
            do {
                let connection = try await ProbeConnection.connect(
                    to: address, port: portMap[port] ?? port, deadline: deadline.deadline, maxLineLength: maxLineLength)
                self.connection = connection
                report.address = address
                report.attempts.append((address.description, "connected"))
                connectedAt = .now
                end(.ok, address.description)
                return
            } catch {
                lastError = error
                report.attempts.append(
                    (address.description, StageFailure(stage: .connect, kind: .connection(error)).reasonCode))
                if error == .cancelled { break }
                if NIODeadline.now() >= deadline.deadline { break }
            }
        }
        throw StageFailure(stage: .connect, kind: .connection(lastError))
    }

    /// Reads one line within the current stage's deadline and adds it to the transcript.
    func readLine() async throws(StageFailure) -> [UInt8] {
        guard let connection else { throw StageFailure(stage: stage, kind: .connection(.closed(received: 0))) }
        do {
            let line = try await connection.readLine(deadline: stageDeadline.deadline)
            report.transcript.server(line)
            return line
        } catch {
            throw failure(error)
        }
    }

    /// Sends one command line (CRLF added); the transcript shows `shown` instead when given (secrets).
    func send(_ line: String, shown: String? = nil) async throws(StageFailure) {
        guard let connection else { throw StageFailure(stage: stage, kind: .connection(.closed(received: 0))) }
        report.transcript.client(shown ?? line)
        do {
            try await connection.send(Array((line + "\r\n").utf8))
        } catch {
            throw failure(error)
        }
    }

    /// Starts TLS within the current stage's deadline; returns the handshake and records an event line.
    func startTLS(serverName: String?) async throws(StageFailure) -> TLSHandshake {
        guard let connection else { throw StageFailure(stage: stage, kind: .connection(.closed(received: 0))) }
        report.linesBeforeHandshake += await connection.discardBufferedInput()
        do {
            let handshake = try await connection.startTLS(serverName: serverName, deadline: stageDeadline.deadline)
            report.transcript.event("TLS started: \(handshake.version) \(handshake.cipherName)")
            return handshake
        } catch {
            throw failure(error)
        }
    }

    /// Stores the TLS session seen.
    func setTLS(_ observation: TLSObservation) {
        report.tls = observation
    }

    /// Lets a dialog fill in protocol facts.
    func update(_ change: (inout EndpointReport) -> Void) {
        change(&report)
    }

    /// Closes the connection (idempotent).
    func close() async {
        if let connection {
            self.connection = nil
            await connection.close()
        }
    }

    private func failure(_ error: ConnectionError) -> StageFailure {
        if case .timeout(let received) = error, stageDeadline.isTotal {
            return StageFailure(stage: stage, kind: .totalTimeout(received: received))
        }
        if stage == .tls || stage == .tlsConnect {
            switch error {
            case .reset, .closed, .other:
                return StageFailure(stage: stage, kind: .connection(.tls(tlsReason(error))))
            default: break
            }
        }
        return StageFailure(stage: stage, kind: .connection(error))
    }

    private func tlsReason(_ error: ConnectionError) -> LocalizedText {
        switch error {
        case .reset: L("the server reset the connection in the middle of the handshake")
        case .closed: L("the server closed the connection in the middle of the handshake")
        // Already made safe where the error was classified.
        case .other(let text): text
        default: L("the handshake failed")
        }
    }
}
