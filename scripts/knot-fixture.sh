#!/usr/bin/env bash
# Starts or stops a private Knot DNS server that serves the DNS fixture zones on 127.0.0.1.
#
#   scripts/knot-fixture.sh start [STATE_DIR] [PORT]   prints the port; writes STATE_DIR/knotd.pid
#   scripts/knot-fixture.sh stop  STATE_DIR            stops the server recorded in STATE_DIR/knotd.pid
#
# STATE_DIR defaults to a new temporary directory (its path is printed on stderr). PORT defaults to a
# free port chosen at random. Every Tests/ChecksTests/Fixtures/*.zone file is served as the zone named
# by the file (good.test.zone -> good.test.). A zone file whose first line starts with "; BROKEN" is
# expected not to load: Knot answers SERVFAIL for it, and start does not wait for it.
# The server is stopped by its recorded PID only, never by name.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixtures="${KNOT_FIXTURES:-$here/../Tests/ChecksTests/Fixtures}"
fixtures="$(cd "$fixtures" && pwd)"
knotd="${KNOTD:-$(command -v knotd || echo /usr/sbin/knotd)}"
knotc="${KNOTC:-$(command -v knotc || echo /usr/sbin/knotc)}"

die() { echo "knot-fixture: $*" >&2; exit 1; }

port_in_use() {
    command -v ss >/dev/null 2>&1 || return 1
    [ -n "$(ss -Hlnu "sport = :$1" 2>/dev/null)$(ss -Hlnt "sport = :$1" 2>/dev/null)" ]
}

start() {
    local state="${1:-}" port="${2:-}"
    [ -x "$knotd" ] || die "knotd not found (Debian package: knot)"
    if [ -z "$state" ]; then
        state="$(mktemp -d "${TMPDIR:-/tmp}/knot-fixture.XXXXXX")"
        echo "knot-fixture: state directory $state" >&2
    fi
    mkdir -p "$state/run" "$state/db"
    if [ -f "$state/knotd.pid" ] && kill -0 "$(cat "$state/knotd.pid")" 2>/dev/null; then
        die "a server is already running for $state (pid $(cat "$state/knotd.pid"))"
    fi
    if [ -z "$port" ]; then
        for _ in $(seq 1 50); do
            port=$(( 20000 + RANDOM % 40000 ))
            port_in_use "$port" || break
        done
    fi

    local conf="$state/knot.conf" zones=() broken=()
    {
        echo "server:"
        echo "    listen: 127.0.0.1@$port"
        echo "    rundir: \"$state/run\""
        echo "    udp-workers: 2"
        echo "    tcp-workers: 2"
        echo "log:"
        echo "  - target: stderr"
        echo "    any: error"
        echo "database:"
        echo "    storage: \"$state/db\""
        echo "template:"
        echo "  - id: default"
        echo "    storage: \"$fixtures\""
        echo "    file: \"%s.zone\""
        echo "    zonefile-sync: -1"
        echo "    zonefile-load: whole"
        echo "    journal-content: none"
        echo "zone:"
        for file in "$fixtures"/*.zone; do
            local zone
            zone="$(basename "$file" .zone)."
            echo "  - domain: \"$zone\""
            if head -n 1 "$file" | grep -q '^; BROKEN'; then broken+=("$zone"); else zones+=("$zone"); fi
        done
    } > "$conf"

    "$knotc" -c "$conf" conf-check >/dev/null || die "configuration check failed for $conf"
    # knotd must not inherit the caller's descriptors (a pipe or socket left open in a daemon keeps
    # the caller waiting for EOF forever), so the child closes everything above stderr first.
    (
        for fd in /proc/self/fd/*; do
            fd="${fd##*/}"
            [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-" 2>/dev/null
        done
        exec "$knotd" -c "$conf" < /dev/null > "$state/knotd.log" 2>&1
    ) &
    local pid=$!
    echo "$pid" > "$state/knotd.pid"
    echo "$port" > "$state/port"

    # Ready when every zone that should load has a serial.
    local deadline=$(( SECONDS + 15 ))
    while :; do
        if ! kill -0 "$pid" 2>/dev/null; then
            cat "$state/knotd.log" >&2
            die "knotd exited during start-up"
        fi
        local status loaded=0
        status="$("$knotc" -c "$conf" zone-status 2>/dev/null || true)"
        for zone in "${zones[@]}"; do
            if grep -F "[$zone]" <<<"$status" | grep -q 'serial: [0-9]'; then loaded=$(( loaded + 1 )); fi
        done
        [ "$loaded" -eq "${#zones[@]}" ] && break
        if [ "$SECONDS" -ge "$deadline" ]; then
            stop "$state"
            die "zones did not load within 15 s"
        fi
        sleep 0.05
    done
    echo "$port"
}

stop() {
    local state="${1:-}"
    [ -n "$state" ] || die "usage: $0 stop STATE_DIR"
    [ -f "$state/knotd.pid" ] || return 0
    local pid
    pid="$(cat "$state/knotd.pid")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$state/knotd.pid"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) shift; stop "$@" ;;
    *) echo "usage: $0 start [STATE_DIR] [PORT] | stop STATE_DIR" >&2; exit 2 ;;
esac
