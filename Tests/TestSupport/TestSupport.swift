// TestSupport: the helpers every test target shares, one implementation of each.
//
// - TestPaths: the repository root, the shared corpora (MAILDOCTOR_SHARED), temporary folders.
// - Binary: runs the built `maildoctor` (MAILDOCTOR_BIN, else .build/debug/maildoctor) and other programs.
// - KnowledgeFixture: the repository's KnowledgeBase/ loaded once, and an engine over it.
// - KnotFixture: the Knot DNS server serving Tests/ChecksTests/Fixtures/*.zone, and a black hole.
// - MailFixture: the Postfix + Dovecot pair.
// - ScriptedPeer, PeerScripts, TestCertificates, ReservedPort: in-process misbehaving SMTP/IMAP/POP peers.
// - ManualClock: a clock that moves only when a test advances it.
//
// One environment for the live servers: the tests never start Knot, Postfix or Dovecot themselves. They
// use the servers that scripts/with-fixtures.sh starts (through scripts/knot-fixture.sh and
// scripts/mail-fixture.sh) and describes in the environment:
//
//   MAILDOCTOR_FIXTURE_RESOLVER           127.0.0.1:PORT of Knot
//   MAILDOCTOR_FIXTURE_MAIL               smtp=PORT,submission=PORT,… of Postfix and Dovecot
//   MAILDOCTOR_FIXTURE_MAIL_CERTIFICATE   the mail servers' self-signed certificate (PEM file)
//   MAILDOCTOR_FIXTURE_DOVECOT_ADDRESS    where Dovecot listens (127.0.0.2)
//
// so run them as `MAILDOCTOR_SHARED=… scripts/with-fixtures.sh swift test …` (as `make test-swift` does).
// A test that needs a server and finds its variable missing fails with a `FixtureError` naming the
// variable and the script: it never skips silently.

import Foundation

/// A live fixture the test needs is not described in the environment, or is described wrongly.
package struct FixtureError: Error, CustomStringConvertible {
    /// What is missing and how to provide it.
    package var description: String

    /// The error for `variable`, which `scripts/with-fixtures.sh` sets, missing or malformed.
    package static func missing(_ variable: String, _ what: String) -> FixtureError {
        FixtureError(
            description: "\(variable) is not set or not valid (\(what)): run the tests under scripts/with-fixtures.sh, "
                + "e.g. `MAILDOCTOR_SHARED=../shared scripts/with-fixtures.sh swift test`")
    }

    /// The value of `variable`, which must be set and not empty.
    package static func value(of variable: String, _ what: String) throws(FixtureError) -> String {
        guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
            throw missing(variable, what)
        }
        return value
    }
}
