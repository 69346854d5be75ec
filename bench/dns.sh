#!/usr/bin/env bash
# DNS check speed: MailDoctor's `check` against checkdmarc on the same zone, and a burst of DNSBL lookups.
#
#   bench/dns.sh BINARY [RUNS]
#
# BINARY must accept `check --json --only IDS --resolver HOST:PORT [--dnsbl ZONES] TARGET` (maildoctor,
# or the dnsbench stand-in). Starts the Knot fixture server (scripts/knot-fixture.sh) on a free port,
# runs BINARY and checkdmarc RUNS times each (default 20) against BENCH_DOMAIN (default good.test),
# prints the mean wall time of each and the ratio, then times 1,000 DNSBL lookups sent at once
# (one IP against 1,000 blocklist zones served by Knot). The server is stopped by PID at exit.
#
# checkdmarc (pip install checkdmarc) only takes name server IPs, always on port 53, so it runs under a
# small Python wrapper that points dnspython's plain-DNS name servers at the fixture port. Set
# CHECKDMARC_PYTHON to the Python that has checkdmarc (default: the first python3 on PATH, resolved
# past pyenv shims so the shim's start-up is not counted).
set -euo pipefail

binary="${1:?usage: bench/dns.sh BINARY [RUNS]}"
runs="${2:-20}"
domain="${BENCH_DOMAIN:-good.test}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixture="$here/../scripts/knot-fixture.sh"

[ -x "$binary" ] || { echo "bench: $binary is not executable" >&2; exit 2; }
state="$(mktemp -d "${TMPDIR:-/tmp}/maildoctor-bench.XXXXXX")"
cleanup() { "$fixture" stop "$state" || true; rm -rf "$state"; }
trap cleanup EXIT
port="$("$fixture" start "$state")"
resolver="127.0.0.1:$port"
echo "Knot fixture server on $resolver (pid $(cat "$state/knotd.pid")), domain $domain, $runs runs each"

now_ns() { date +%s%N; }

# Mean milliseconds of RUNS executions of the given command (output discarded, failures fatal).
time_runs() {
    local start end
    "$@" > /dev/null
    start=$(now_ns)
    for _ in $(seq 1 "$runs"); do "$@" > /dev/null; done
    end=$(now_ns)
    echo $(( (end - start) / runs / 1000000 ))
}

md_ms=$(time_runs "$binary" check --json --only mx,spf,dmarc --resolver "$resolver" "$domain")
echo "maildoctor check --only mx,spf,dmarc: ${md_ms} ms per run"
md_all_ms=$(time_runs "$binary" check --json --resolver "$resolver" "$domain")
echo "maildoctor check (all 7 DNS checks):  ${md_all_ms} ms per run"

python="${CHECKDMARC_PYTHON:-$(command -v python3 || true)}"
if [ -n "$python" ]; then
    python="$("$python" -c 'import sys; print(sys.executable)')"
fi
if [ -n "$python" ] && "$python" -c 'import checkdmarc' 2>/dev/null; then
    wrapper="$state/checkdmarc_port.py"
    cat > "$wrapper" <<'PY'
import os, sys
import dns.nameserver
PORT = int(os.environ["CHECKDMARC_PORT"])
original = dns.nameserver.Do53Nameserver.__init__
def patched(self, address, port=53, *args, **kwargs):
    original(self, address, PORT, *args, **kwargs)
dns.nameserver.Do53Nameserver.__init__ = patched
from checkdmarc._cli import _main
sys.argv[0] = "checkdmarc"
sys.exit(_main())
PY
    export CHECKDMARC_PORT="$port"
    "$python" "$wrapper" -n 127.0.0.1 -t 2 "$domain" > "$state/checkdmarc.json"
    grep -q '"valid": true' "$state/checkdmarc.json" \
        || { echo "bench: checkdmarc did not read the fixture zone (see its output below)" >&2; cat "$state/checkdmarc.json" >&2; exit 1; }
    cd_ms=$(time_runs "$python" "$wrapper" -n 127.0.0.1 -t 2 "$domain")
    echo "checkdmarc $("$python" -c 'import checkdmarc; print(checkdmarc.__version__)'):                    ${cd_ms} ms per run"
    import_ms=$(time_runs "$python" -c 'import checkdmarc._cli')
    echo "  (of which Python start-up and imports alone: ${import_ms} ms)"
    # Start-up amortised: one checkdmarc process for ten domains against ten maildoctor processes.
    ten=(good.test softfail.spf.test none.dmarc.test quarantine.dmarc.test provider.mx.test null.mx.test
        implicit.mx.test cname.mx.test dkim.test sts.test)
    start=$(now_ns)
    for d in "${ten[@]}"; do "$binary" check --json --only mx,spf,dmarc --resolver "$resolver" "$d" > /dev/null; done
    md10_ms=$(( ($(now_ns) - start) / 1000000 ))
    start=$(now_ns)
    "$python" "$wrapper" -n 127.0.0.1 -t 2 "${ten[@]}" > /dev/null
    cd10_ms=$(( ($(now_ns) - start) / 1000000 ))
    echo "ten domains: maildoctor ${md10_ms} ms (ten processes), checkdmarc ${cd10_ms} ms (one process)"
    awk -v a="$cd10_ms" -v b="$md10_ms" 'BEGIN { printf "ratio for ten domains, start-up amortised: %.1fx\n", a / (b > 0 ? b : 1) }'
    awk -v a="$cd_ms" -v b="$md_ms" -v c="$md_all_ms" 'BEGIN {
        printf "ratio checkdmarc / maildoctor --only mx,spf,dmarc: %.1fx\n", a / (b > 0 ? b : 1)
        printf "ratio checkdmarc / maildoctor all checks:          %.1fx\n", a / (c > 0 ? c : 1) }'
else
    echo "checkdmarc not installed for $python (pip install checkdmarc); skipping the comparison"
fi

zones=$(seq -f "z%g.list.dnsbl.test" 0 999 | paste -sd, -)
start=$(now_ns)
"$binary" check --json --only dnsbl --dnsbl "$zones" --resolver "$resolver" 192.0.2.1 > "$state/dnsbl.json"
end=$(now_ns)
answered=$(grep -o '"status":"not-listed"' "$state/dnsbl.json" | wc -l)
echo "1,000 DNSBL lookups at once: $(( (end - start) / 1000000 )) ms for the whole run, $answered of 1000 answered"
