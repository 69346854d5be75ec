#!/usr/bin/env bash
# End-to-end test of the IRC bridge: a private ngircd on 127.0.0.1, the bridge running
# `BINARY serve`, and test users who ask in the channel and must read the answers there.
#
#   examples/irc-bridge/test.sh [BINARY] [-- SERVE-OPTIONS…]
#
# BINARY defaults to .build/debug/maildoctor. Needs python3 and ngircd (Debian package ngircd;
# `make deps-test` installs it). Everything started here is stopped by its PID on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
binary="${1:-$root/.build/debug/maildoctor}"
shift || true
[ "${1:-}" = "--" ] && shift
serve_options=("$@")

die() { echo "irc-bridge test: FAIL: $*" >&2; exit 1; }

command -v python3 >/dev/null || die "python3 not found"
ngircd="$(command -v ngircd || echo /usr/sbin/ngircd)"
[ -x "$ngircd" ] || die "ngircd not found (Debian package ngircd: apt-get install -y ngircd)"
[ -x "$binary" ] || die "maildoctor binary not found at $binary (build it first)"

state="$(mktemp -d "${TMPDIR:-/tmp}/irc-bridge-test.XXXXXX")"
chmod 755 "$state"  # ngircd drops root privileges and must still read its files
pids=()
cleanup() {
    local status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    if [ $status -ne 0 ]; then
        for log in "$state"/*.log; do echo "--- $log" >&2; tail -n 30 "$log" >&2 || true; done
    fi
    rm -rf "$state"
    exit $status
}
trap cleanup EXIT

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
channel="#maildoctor"
: > "$state/motd"
cat > "$state/ngircd.conf" <<CONF
[Global]
    Name = irc.maildoctor.test
    Info = MailDoctor bridge test server
    Listen = 127.0.0.1
    Ports = $port
    MotdFile = $state/motd
[Limits]
    MaxConnectionsIP = 0
    MaxNickLength = 30
    PingTimeout = 120
    PongTimeout = 60
[Options]
    DNS = no
    Ident = no
    PAM = no
    SyslogFacility = local7
[Channel]
    Name = $channel
    Topic = MailDoctor test channel
CONF
"$ngircd" --configtest -f "$state/ngircd.conf" > "$state/configtest.log" 2>&1 || die "ngircd rejects its configuration"
"$ngircd" --nodaemon -f "$state/ngircd.conf" > "$state/ngircd.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
    python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$port),timeout=1)" 2>/dev/null && break
    kill -0 "${pids[0]}" 2>/dev/null || die "ngircd exited at start"
    sleep 0.1
done

python3 "$here/bridge.py" --port "$port" --channel "$channel" --nick maildoctor -- \
    "$binary" serve "${serve_options[@]}" > "$state/bridge.log" 2>&1 &
pids+=($!)

python3 "$here/irc_test_client.py" --port "$port" --channel "$channel" --bot maildoctor --timeout 60 \
    || die "the users did not get their answers"
echo "irc-bridge test: ok"
