import Foundation

/// The Postfix + Dovecot pair that scripts/with-fixtures.sh started (scripts/mail-fixture.sh), found
/// through `MAILDOCTOR_FIXTURE_MAIL`, `MAILDOCTOR_FIXTURE_MAIL_CERTIFICATE` and
/// `MAILDOCTOR_FIXTURE_DOVECOT_ADDRESS`.
package enum MailFixture {
    /// The ports the servers listen on, where Dovecot listens, and their certificate.
    package struct Ports: Sendable {
        /// Postfix, plain SMTP with STARTTLS offered.
        package var smtp: Int
        /// Postfix, STARTTLS required, AUTH after TLS.
        package var submission: Int
        /// Postfix, implicit TLS, AUTH.
        package var submissions: Int
        /// Dovecot IMAP with STARTTLS.
        package var imap: Int
        /// Dovecot IMAP, implicit TLS.
        package var imaps: Int
        /// Dovecot POP3 with STLS.
        package var pop3: Int
        /// Dovecot POP3, implicit TLS.
        package var pop3s: Int
        /// Dovecot listens here (127.0.0.2), so that connections from 127.0.0.1 are not "local" to it.
        package var dovecotAddress: String
        /// The servers' self-signed certificate for mail.test (a PEM file).
        package var certificatePath: String
    }

    /// The user the fixture accepts.
    package static let user = "fixture"
    /// That user's password.
    package static let password = "fixture-password"

    /// The running servers.
    ///
    /// - Throws: `FixtureError` naming the variable that is missing or malformed.
    package static func ports() throws(FixtureError) -> Ports {
        let mail = "MAILDOCTOR_FIXTURE_MAIL"
        let list = try FixtureError.value(of: mail, "the Postfix + Dovecot fixture, scripts/mail-fixture.sh")
        var values: [String: Int] = [:]
        for item in list.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, let port = Int(parts[1]) { values[parts[0]] = port }
        }
        func port(_ name: String) throws(FixtureError) -> Int {
            guard let port = values[name] else { throw FixtureError.missing(mail, "no \(name) port in \(list)") }
            return port
        }
        return Ports(
            smtp: try port("smtp"), submission: try port("submission"), submissions: try port("submissions"),
            imap: try port("imap"), imaps: try port("imaps"), pop3: try port("pop3"), pop3s: try port("pop3s"),
            dovecotAddress: try FixtureError.value(of: "MAILDOCTOR_FIXTURE_DOVECOT_ADDRESS", "Dovecot's address"),
            certificatePath: try FixtureError.value(
                of: "MAILDOCTOR_FIXTURE_MAIL_CERTIFICATE", "the mail fixture's certificate"))
    }
}
