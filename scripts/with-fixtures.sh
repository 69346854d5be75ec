#!/usr/bin/env bash
# Runs a command with the test servers up: Knot DNS (scripts/knot-fixture.sh) and Postfix + Dovecot
# (scripts/mail-fixture.sh), all on loopback, unprivileged ports. Exports for the command:
#   MAILDOCTOR_FIXTURE_RESOLVER=127.0.0.1:PORT          the Knot server (transcripts' `@resolver fixture`)
#   MAILDOCTOR_FIXTURE_MAIL=smtp=PORT,submission=PORT,… the mail servers (transcripts' `@probes fixture`)
#   MAILDOCTOR_FIXTURE_MAIL_CERTIFICATE=PATH            their self-signed certificate (PEM)
#   MAILDOCTOR_FIXTURE_DOVECOT_ADDRESS=127.0.0.2        where Dovecot listens
# The Swift tests use only these servers (Tests/TestSupport); they never start their own.
# Stops every server by its recorded PID when the command ends, whatever its status; exits with it.
#
#   scripts/with-fixtures.sh COMMAND [ARGS...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="$(mktemp -d "${TMPDIR:-/tmp}/maildoctor-fixtures.XXXXXX")"
chmod 755 "$state"
mkdir -p "$state/knot" "$state/mail"
cleanup() {
    "$here/knot-fixture.sh" stop "$state/knot" >/dev/null 2>&1 || true
    "$here/mail-fixture.sh" stop "$state/mail" >/dev/null 2>&1 || true
    rm -rf "$state"
}
trap cleanup EXIT
dns_port="$("$here/knot-fixture.sh" start "$state/knot" 2>/dev/null | tail -n 1)"
[[ "$dns_port" =~ ^[0-9]+$ ]] || { echo "with-fixtures: Knot did not start" >&2; exit 1; }
mail_lines="$("$here/mail-fixture.sh" start "$state/mail" --watch $$ || true)"
mail="$(grep -E '^(smtp|submission|submissions|imap|imaps|pop3|pop3s)=' <<<"$mail_lines" | paste -sd, - || true)"
[ -n "$mail" ] || { echo "with-fixtures: the mail servers did not start" >&2; exit 1; }
export MAILDOCTOR_FIXTURE_RESOLVER="127.0.0.1:$dns_port"
export MAILDOCTOR_FIXTURE_MAIL="$mail"
export MAILDOCTOR_FIXTURE_MAIL_CERTIFICATE="$(sed -n 's/^certificate=//p' <<<"$mail_lines")"
export MAILDOCTOR_FIXTURE_DOVECOT_ADDRESS="$(sed -n 's/^dovecot_address=//p' <<<"$mail_lines")"
echo "fixtures: DNS $MAILDOCTOR_FIXTURE_RESOLVER; mail $MAILDOCTOR_FIXTURE_MAIL" >&2
status=0
"$@" || status=$?
exit $status
