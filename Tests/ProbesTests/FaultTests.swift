import MailModel
import NIOCore
import TestSupport
import Testing

@testable import Probes

/// Misbehaving servers: every fault ends as `error` or `fail` naming the stage, within the deadline.
@Suite(.timeLimit(.minutes(2))) struct FaultTests {
    private func probe(
        _ id: CheckID = .smtp, options: ProbeOptions = testOptions(), script: @escaping ScriptedPeer.Script
    ) async throws -> (CheckResult, Duration) {
        let peer = try await ScriptedPeer.start(script)
        defer { Task { await peer.stop() } }
        let started = ContinuousClock.now
        let result = await testRunner(options).result(id, target: "127.0.0.1:\(peer.port)")
        return (result, ContinuousClock.now - started)
    }

    /// Plays an SMTP server up to the TLS handshake: the banner, an EHLO reply offering STARTTLS, and
    /// `goAhead` to the client's STARTTLS.
    private static func startTLS(_ connection: PeerConnection, goAhead: String = "220 go ahead") async throws {
        try await connection.send("220 fine.test ESMTP\r\n")
        _ = try await connection.readLine()
        try await connection.send("250-fine.test\r\n250 STARTTLS\r\n")
        _ = try await connection.readLine()
        try await connection.send("\(goAhead)\r\n")
    }

    /// Options for the tests about silence: a short stage deadline to wait out. The others keep the
    /// default 3 s stage deadline, so a peer slowed down by a busy machine is not taken for a silent one.
    static let silence = testOptions(timeout: .seconds(5), stage: .seconds(1))

    @Test func silentServerTimesOutInTheBannerStage() async throws {
        let (result, elapsed) = try await probe(options: Self.silence) { connection in await connection.waitForClose() }
        #expect(result.status == .error)
        let finding = try #require(result.finding("smtp.timeout"), "\(result.findings)")
        #expect(finding.message.contains("greeting banner"))
        #expect(finding.message.contains("1 s"))
        #expect(result.stageOutcomes["banner"] == "error")
        #expect(elapsed < .seconds(5))  // bounded by the 5 s total; the finding names the 1 s stage deadline
    }

    @Test func drippingServerIsCutOffByTheStageDeadline() async throws {
        let (result, elapsed) = try await probe(options: Self.silence) { connection in
            try await connection.drip("220 slow.test ESMTP\r\n", every: .milliseconds(150))
        }
        #expect(result.status == .error)
        let finding = try #require(result.finding("smtp.slow-drip"), "\(result.findings)")
        #expect(finding.message.contains("bytes of an unfinished line"))
        #expect(result.stageOutcomes["banner"] == "error")
        #expect(elapsed < .seconds(5))  // bounded by the 5 s total; the finding names the 1 s stage deadline
    }

    @Test func totalDeadlineStopsAServerThatIsSlowAtEveryStage() async throws {
        // Each answer comes 2.5 s after the last, well inside the 4.5 s stage deadline, but EHLO's
        // answer (at 5 s) misses the 4 s total. Wide margins: a busy machine delays the peer too.
        let options = testOptions(timeout: .seconds(4), stage: .milliseconds(4500))
        let (result, elapsed) = try await probe(options: options) { connection in
            try await Task.sleep(for: .milliseconds(2500))
            try await connection.send("220 slow.test\r\n")
            while (try await connection.readLine()) != nil {
                try await Task.sleep(for: .milliseconds(2500))
                try await connection.send("250 ok\r\n")
            }
        }
        #expect(result.status == .error)
        let finding = try #require(result.finding("smtp.total-timeout"), "\(result.findings)")
        #expect(finding.message.contains("ran out of time (4 s) during EHLO"))
        #expect(result.stageOutcomes["banner"] == "ok")
        #expect(result.stageOutcomes["ehlo"] == "error")
        #expect(elapsed < .seconds(7))
    }

    @Test func garbageInsteadOfABannerFails() async throws {
        let (result, _) = try await probe { connection in
            try await connection.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
            await connection.waitForClose()
        }
        #expect(result.status == .fail)
        let finding = try #require(result.finding("smtp.banner-garbage"), "\(result.findings)")
        #expect(finding.message.contains("web server"))
        #expect(finding.message.contains("HTTP/1.1 400"))
        #expect(result.stageOutcomes["banner"] == "failed")
    }

    @Test func binaryGarbageIsShownSafely() async throws {
        let (result, _) = try await probe { connection in
            try await connection.send([0x1B, 0x5B, 0x32, 0x4A, 0x00, 0xFF, 0x0D, 0x0A])
            await connection.waitForClose()
        }
        let finding = try #require(result.finding("smtp.banner-garbage"), "\(result.findings)")
        #expect(finding.message.contains("\\x1b[2J\\x00\u{FFFD}"))
        #expect(!result.json.contains("\u{1B}"))
    }

    @Test func garbageAfterTheBannerFailsInTheEHLOStage() async throws {
        let (result, _) = try await probe { connection in
            try await connection.send("220 fine.test ESMTP\r\n")
            _ = try await connection.readLine()
            try await connection.send("welcome!!\r\n")
            await connection.waitForClose()
        }
        #expect(result.status == .fail)
        #expect(result.has(FindingCode(rawValue: "smtp.garbage")), "\(result.findings)")
        #expect(result.stageOutcomes["ehlo"] == "failed")
    }

    @Test func endlessLineFailsFast() async throws {
        let (result, elapsed) = try await probe { connection in
            try await connection.send("220 ")
            let chunk = String(repeating: "A", count: 16_384)
            for _ in 0..<64 { try await connection.send(chunk) }
            await connection.waitForClose()
        }
        #expect(result.status == .fail)
        let finding = try #require(result.finding("smtp.line-too-long"), "\(result.findings)")
        #expect(finding.message.contains("4096 bytes"))
        #expect(elapsed < .seconds(8))  // bounded by the total deadline; the finding says it was the line
    }

    @Test func endlessMultilineReplyFails() async throws {
        let (result, _) = try await probe { connection in
            try await connection.send("220 fine.test\r\n")
            _ = try await connection.readLine()
            for _ in 0..<200 { try await connection.send(String(repeating: "250-more\r\n", count: 10)) }
            await connection.waitForClose()
        }
        #expect(result.status == .fail)
        #expect(result.has(FindingCode(rawValue: "smtp.reply-too-long")), "\(result.findings)")
    }

    @Test func serverClosingAfterAcceptFails() async throws {
        let (result, _) = try await probe { connection in try await connection.channel.close() }
        #expect(result.status == .fail)
        let finding = try #require(result.finding("smtp.closed"), "\(result.findings)")
        #expect(finding.message.contains("closed the connection during the greeting banner"))
    }

    @Test func resetInTheMiddleOfTLSFailsInTheTLSStage() async throws {
        // A long stage deadline: the reset, not a timeout, must end the handshake even on a busy machine.
        let (result, elapsed) = try await probe(options: testOptions(timeout: .seconds(8), stage: .seconds(4))) {
            connection in
            try await Self.startTLS(connection, goAhead: "220 2.0.0 go ahead")
            _ = try await connection.readChunk()
            try await connection.reset()
        }
        #expect(result.status == .fail)
        let finding = try #require(result.finding("tls.handshake-failed"), "\(result.findings)")
        #expect(finding.message.contains("reset") || finding.message.contains("closed"))
        #expect(result.stageOutcomes["tls"] == "failed")
        #expect(elapsed < .seconds(8))  // bounded by the total deadline; the finding says it was the reset
    }

    @Test func garbageInsteadOfAServerHelloFailsInTheTLSStage() async throws {
        let (result, _) = try await probe { connection in
            try await Self.startTLS(connection)
            _ = try await connection.readChunk()
            try await connection.send("this is not TLS at all\r\n")
            await connection.waitForClose()
        }
        #expect(result.status == .fail)
        #expect(result.has(.tlsHandshakeFailed), "\(result.findings)")
        #expect(result.stageOutcomes["tls"] == "failed")
    }

    @Test func silenceDuringTheTLSHandshakeIsAnError() async throws {
        let (result, elapsed) = try await probe(options: Self.silence) { connection in
            try await Self.startTLS(connection)
            await connection.waitForClose()
        }
        #expect(result.status == .error)
        #expect(result.has(FindingCode(rawValue: "smtp.timeout")), "\(result.findings)")
        #expect(result.stageOutcomes["tls"] == "error")
        #expect(elapsed < .seconds(5))  // bounded by the 5 s total; the finding names the 1 s stage deadline
    }

    @Test func tarpitIsExplainedNotFailed() async throws {
        let options = testOptions(timeout: .seconds(6), stage: .seconds(3), tarpit: .milliseconds(800))
        let (result, _) = try await probe(options: options, script: PeerScripts.smtp(delayBanner: .milliseconds(1200)))
        let finding = try #require(result.finding("smtp.tarpit"), "\(result.findings)")
        #expect(finding.severity == .info)
        #expect(finding.message.contains("deliberate"))
        #expect(!result.findings.contains { $0.severity == .fail || $0.severity == .error })
        #expect(result.stageOutcomes["banner"] == "ok")
    }

    @Test func rejectingBannerFails() async throws {
        let (result, _) = try await probe(script: PeerScripts.smtp(banner: "554 5.7.1 Your IP is listed"))
        #expect(result.status == .fail)
        let finding = try #require(result.finding("smtp.banner-rejected"))
        #expect(finding.message.contains("554 5.7.1 Your IP is listed"))
        #expect(result.stageOutcomes["banner"] == "failed")
        #expect(result.stageOutcomes["quit"] == "ok")
    }

    @Test func temporaryBannerWarns() async throws {
        let (result, _) = try await probe(script: PeerScripts.smtp(banner: "421 4.3.2 busy, try later"))
        #expect(result.status == .warn)
        #expect(result.has(.smtpBannerTemporary))
    }

    @Test func refusedConnectionFails() async throws {
        let reserved = try ReservedPort()
        defer { reserved.close() }
        let port = reserved.port
        let result = await testRunner(testOptions()).result(.smtp, target: "127.0.0.1:\(port)")
        #expect(result.status == .fail)
        let finding = try #require(result.finding("smtp.connect-refused"), "\(result.findings)")
        #expect(finding.message.contains("refused"))
        #expect(result.stageOutcomes["connect"] == "failed")
    }

    @Test func serverWithoutSTARTTLSWarns() async throws {
        let (result, _) = try await probe(script: PeerScripts.smtp())
        #expect(result.status == .warn)
        #expect(result.has(.smtpSTARTTLSMissing))
        #expect(result.stageOutcomes["starttls"] == "skipped")
        #expect(result.stageOutcomes["quit"] == "ok")
    }

    @Test func imapGarbageGreetingAndPOP3SilenceAreReported() async throws {
        let (imap, _) = try await probe(.imap) { connection in
            try await connection.send("220 this is SMTP, not IMAP\r\n")
            await connection.waitForClose()
        }
        #expect(imap.status == .fail)
        #expect(imap.has(FindingCode(rawValue: "imap.banner-garbage")), "\(imap.findings)")
        let (pop3, elapsed) = try await probe(.pop3, options: Self.silence) { connection in
            await connection.waitForClose()
        }
        #expect(pop3.status == .error)
        #expect(pop3.finding("pop3.timeout")?.message.contains("the greeting") == true)
        #expect(elapsed < .seconds(5))  // bounded by the 5 s total; the finding names the 1 s stage deadline
    }

    @Test func manySilentServersAreProbedConcurrently() async throws {
        let peer = try await ScriptedPeer.start { connection in await connection.waitForClose() }
        defer { Task { await peer.stop() } }
        let runner = testRunner(testOptions(timeout: .seconds(3), stage: .seconds(1)))
        let started = ContinuousClock.now
        let results = await withTaskGroup(of: CheckResult.self) { group in
            for _ in 0..<50 {
                group.addTask { await runner.result(.smtp, target: "127.0.0.1:\(peer.port)") }
            }
            var all: [CheckResult] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 50)
        #expect(results.allSatisfy { $0.has(FindingCode(rawValue: "smtp.timeout")) })
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
