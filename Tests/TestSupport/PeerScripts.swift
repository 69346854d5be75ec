import NIOSSL

/// Ready-made scripts for ``ScriptedPeer``.
package enum PeerScripts {
    /// A small, well-behaved SMTP server: banner, EHLO with `capabilities` (plus STARTTLS when `tls` is
    /// given), STARTTLS, MAIL, RCPT (250 unless the address starts with "nobody"), QUIT.
    package static func smtp(
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

    /// A multi-line SMTP reply: `code` and a dash on each line but the last, which gets a space.
    package static func replyLines(_ code: Int, _ lines: [String]) -> String {
        lines.enumerated().map { index, text in
            "\(code)\(index == lines.count - 1 ? " " : "-")\(text)\r\n"
        }.joined()
    }
}
