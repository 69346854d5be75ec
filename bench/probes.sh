#!/usr/bin/env bash
# SMTP probe latency: MailDoctor's smtp probe against swaks on the same local Postfix, in the same run.
#
#   bench/probes.sh BINARY [ARGS...]
#
# Runs `BINARY ARGS... 127.0.0.1:PORT` where PORT is the SMTP port of a private Postfix started here
# (scripts/mail-fixture.sh, stopped by PID at exit). ARGS default to `check --only smtp --allow-private`,
# so `bench/probes.sh .build/release/maildoctor` measures `maildoctor check --only smtp --allow-private
# 127.0.0.1:PORT`. Prints:
#   - p50/p99 wall time of RUNS sequential probes (default 50; environment RUNS),
#   - the same for `swaks --quit-after EHLO --tls --server 127.0.0.1:PORT`, and the ratio of the p50s,
#   - 100 probes started at once (environment BURST): total wall time and p50/p99 of each probe.
# Every probe's output must mention STARTTLS/TLS having worked, or the run fails. Needs root (Postfix).
set -euo pipefail

binary="${1:?usage: bench/probes.sh BINARY [ARGS...]}"
shift
if [ $# -gt 0 ]; then args=("$@"); else args=(check --only smtp --allow-private); fi
runs="${RUNS:-50}"
burst="${BURST:-100}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fixture="$here/../scripts/mail-fixture.sh"

[ -x "$binary" ] || { echo "bench: $binary is not executable" >&2; exit 2; }
command -v swaks >/dev/null || { echo "bench: swaks not found (Debian package: swaks)" >&2; exit 2; }
state="$(mktemp -d "${TMPDIR:-/tmp}/maildoctor-probe-bench.XXXXXX")"
cleanup() { "$fixture" stop "$state" >/dev/null 2>&1 || true; rm -rf "$state"; }
trap cleanup EXIT
"$fixture" start "$state" > "$state/ports.txt"
port="$(sed -n 's/^smtp=//p' "$state/ports.txt")"
target="127.0.0.1:$port"
echo "Postfix on $target (master pid $(cat "$state/postfix.pid")); $runs sequential runs each, burst of $burst"
echo "probe:  $binary ${args[*]} $target"
echo "swaks:  swaks --quit-after EHLO --tls --server $target"

now_ns() { date +%s%N; }

# p50 and p99 (nearest rank) of the numbers in a file, in ms with one decimal.
percentiles() {
    sort -n "$1" | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "n/a n/a"; exit }
        i50 = int(0.50 * NR + 0.999999); if (i50 < 1) i50 = 1
        i99 = int(0.99 * NR + 0.999999); if (i99 > NR) i99 = NR
        printf "%.1f %.1f\n", v[i50] / 1e6, v[i99] / 1e6 }'
}

probe_ok() { grep -Eq 'TLSv1\.[23]' "$1"; }

# Sequential runs of the given command; each run's ns goes to the file $1.
time_runs() {
    local out="$1"
    shift
    : > "$out"
    "$@" > "$state/warmup.txt" 2>&1 || true
    probe_ok "$state/warmup.txt" || { echo "bench: warm-up output lacks TLS:" >&2; cat "$state/warmup.txt" >&2; exit 1; }
    for _ in $(seq 1 "$runs"); do
        local start end
        start=$(now_ns)
        "$@" > "$state/run.txt" 2>&1 || true
        end=$(now_ns)
        probe_ok "$state/run.txt" || { echo "bench: a run failed:" >&2; cat "$state/run.txt" >&2; exit 1; }
        echo $(( end - start )) >> "$out"
    done
}

time_runs "$state/probe.ns" "$binary" "${args[@]}" "$target"
read -r probe50 probe99 < <(percentiles "$state/probe.ns")
time_runs "$state/swaks.ns" swaks --quit-after EHLO --tls --server "$target"
read -r swaks50 swaks99 < <(percentiles "$state/swaks.ns")
printf 'maildoctor smtp probe: p50 %7.1f ms   p99 %7.1f ms\n' "$probe50" "$probe99"
printf 'swaks (Debian):        p50 %7.1f ms   p99 %7.1f ms\n' "$swaks50" "$swaks99"
awk -v a="$probe50" -v b="$swaks50" 'BEGIN { printf "ratio maildoctor/swaks (p50): %.2f\n", a / b }'

# A burst: BURST probes started at once; each records its own wall time.
mkdir -p "$state/burst"
start=$(now_ns)
for i in $(seq 1 "$burst"); do
    (
        s=$(now_ns)
        "$binary" "${args[@]}" "$target" > "$state/burst/$i.out" 2>&1 || true
        echo $(( $(now_ns) - s )) > "$state/burst/$i.ns"
    ) &
done
wait
total_ms=$(( ($(now_ns) - start) / 1000000 ))
failed=0
for i in $(seq 1 "$burst"); do probe_ok "$state/burst/$i.out" || failed=$(( failed + 1 )); done
cat "$state/burst"/*.ns > "$state/burst.ns"
read -r burst50 burst99 < <(percentiles "$state/burst.ns")
printf '%d probes at once:     total %d ms, each p50 %.1f ms p99 %.1f ms, %d without TLS\n' \
    "$burst" "$total_ms" "$burst50" "$burst99" "$failed"
[ "$failed" -eq 0 ] || { echo "bench: $failed burst probes failed; first failure:" >&2; for i in $(seq 1 "$burst"); do probe_ok "$state/burst/$i.out" || { cat "$state/burst/$i.out" >&2; break; }; done; exit 1; }
