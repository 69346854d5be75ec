import DNSResolver
import MailModel
import NIOSSL

@testable import Probes

/// Ready-made scripts for ``ScriptedPeer``.
enum PeerScripts {
    /// A small, well-behaved SMTP server: banner, EHLO with `capabilities` (plus STARTTLS when `tls` is
    /// given), STARTTLS, MAIL, RCPT (250 unless the address starts with "nobody"), QUIT.
    static func smtp(
        banner: String = "220 peer.test ESMTP scripted", capabilities: [String] = ["PIPELINING", "SIZE 1000000"],
        tls: NIOSSLContext? = nil, delayBanner: Duration = .zero, afterStartTLS: String = ""
    ) -> ScriptedPeer.Script {
        { connection in
            if delayBanner > .zero { try await Task.sleep(for: delayBanner) }
            try await connection.send(banner + "\r\n")
            var encrypted = false
            while let line = try await connection.readLine() {
                let command = line.uppercased()
                if command.hasPrefix("EHLO") {
                    var lines = ["peer.test"] + capabilities
                    if tls != nil && !encrypted { lines.append("STARTTLS") }
                    try await connection.send(replyLines(250, lines))
                } else if command == "STARTTLS", let tls, !encrypted {
                    try await connection.replyThenStartTLS(
                        "220 2.0.0 Ready to start TLS\r\n" + afterStartTLS, context: tls)
                    encrypted = true
                } else if command.hasPrefix("MAIL FROM") {
                    try await connection.send("250 2.1.0 Ok\r\n")
                } else if command.hasPrefix("RCPT TO") {
                    try await connection.send(
                        command.contains("<NOBODY") ? "550 5.1.1 User unknown\r\n" : "250 2.1.5 Ok\r\n")
                } else if command == "QUIT" {
                    try await connection.send("221 2.0.0 Bye\r\n")
                    return
                } else {
                    try await connection.send("502 5.5.2 Error: command not recognized\r\n")
                }
            }
        }
    }

    static func replyLines(_ code: Int, _ lines: [String]) -> String {
        lines.enumerated().map { index, text in
            "\(code)\(index == lines.count - 1 ? " " : "-")\(text)\r\n"
        }.joined()
    }
}

/// Options for tests against loopback peers: everything allowed, short deadlines, no control probe.
func testOptions(
    timeout: Duration = .seconds(8), stage: Duration = .seconds(3), tarpit: Duration = .seconds(5),
    rcpt: String? = nil, user: String? = nil, password: String? = nil, roots: [[UInt8]] = []
) -> ProbeOptions {
    ProbeOptions(
        timeout: timeout, stageTimeout: stage, rcpt: rcpt, loginUser: user, password: { password },
        policy: .permissive, ehloName: "probe.maildoctor.test", tarpitThreshold: tarpit, control: nil,
        extraTrustRoots: roots)
}

/// A runner with a resolver that knows `names` (all at `address`) and fails loudly for anything else.
func testRunner(_ options: ProbeOptions, names: [String] = [], address: String = "127.0.0.1") -> ProbeRunner {
    let records = Dictionary(uniqueKeysWithValues: names.map { ($0, [DNSRecord.a(address)]) })
    return ProbeRunner(resolver: InMemoryResolver(records: records), options: options)
}

extension CheckResult {
    /// The first finding with this code.
    func finding(_ code: String) -> Finding? {
        findings.first { $0.code.rawValue == code }
    }

    /// The endpoint objects in the data (hosts for smtp, endpoints for the others).
    var endpoints: [[String: JSONValue]] {
        ((data["hosts"]?.arrayValue ?? []) + (data["endpoints"]?.arrayValue ?? [])).compactMap(\.objectValue)
    }

    /// The stage outcomes of the first endpoint: ["connect": "ok", "banner": "error"…].
    var stageOutcomes: [String: String] {
        var outcomes: [String: String] = [:]
        for stage in endpoints.first?["stages"]?.arrayValue ?? [] {
            guard let object = stage.objectValue, let name = object["stage"]?.stringValue else { continue }
            outcomes[name] = object["outcome"]?.stringValue
        }
        return outcomes
    }

    /// How long each stage of the first endpoint took, in milliseconds.
    var stageMilliseconds: [String: Int] {
        var times: [String: Int] = [:]
        for stage in endpoints.first?["stages"]?.arrayValue ?? [] {
            guard let object = stage.objectValue, let name = object["stage"]?.stringValue else { continue }
            times[name] = object["ms"]?.intValue
        }
        return times
    }

    /// Everything in the result as JSON text.
    var json: String { CheckRendering.json(self) }
}
