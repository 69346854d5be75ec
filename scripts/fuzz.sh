#!/usr/bin/env bash
# Fuzzes the bounce reader (Sources/Bounces) with libFuzzer for a bounded time.
#
#   scripts/fuzz.sh            # FUZZ_SECONDS (default 60) of fuzzing
#
# Builds the Fuzz/ package (its BounceFuzz target links `Bounces` from the root package) with
# `-sanitize=fuzzer,address` (`-parse-as-library` is set for BounceFuzz alone in Fuzz/Package.swift),
# seeds a working corpus with the Sisimai emails (${MAILDOCTOR_SHARED:-<repo>/../shared}/corpus/sisimai/emails)
# and runs libFuzzer with -max_total_time=$FUZZ_SECONDS. Prints the executions done and the findings (crash-*, leak-*, timeout-*,
# oom-* files in Fuzz/artifacts/). Exits non-zero when there are findings.
#
# Environment: FUZZ_SECONDS, FUZZ_CONFIG (release|debug, default release: more executions per second;
# both keep AddressSanitizer), FUZZ_MAX_LEN (default 65536), FUZZ_JOBS (parallel workers, default 1),
# FUZZ_CORPUS (working corpus directory, default $TMPDIR/maildoctor-bouncefuzz-corpus; libFuzzer keeps the
# new inputs it finds there, outside the repository). Findings are written to Fuzz/artifacts/.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
fuzz="$root/Fuzz"
shared="${MAILDOCTOR_SHARED:-$root/../shared}"
seconds="${FUZZ_SECONDS:-60}"
config="${FUZZ_CONFIG:-release}"
max_len="${FUZZ_MAX_LEN:-65536}"
jobs="${FUZZ_JOBS:-1}"
corpus="${FUZZ_CORPUS:-${TMPDIR:-/tmp}/maildoctor-bouncefuzz-corpus}"
artifacts="$fuzz/artifacts"

echo "fuzz: building BounceFuzz ($config, -sanitize=fuzzer,address)"
build_log="$(mktemp "${TMPDIR:-/tmp}/bouncefuzz-build.XXXXXX")"
# The sanitizer flags also reach the root package's build-tool plugin (KBEmbedder), whose link then fails;
# SwiftPM still builds BounceFuzz, which does not need it, so the build is judged by its exit status.
if ! (cd "$fuzz" && swift build -c "$config" --product BounceFuzz -Xswiftc -sanitize=fuzzer,address) \
    >"$build_log" 2>&1; then
    grep -v "Cannot export local symbol" "$build_log" | tail -40
    echo "fuzz: build failed (full log: $build_log)" >&2
    exit 2
fi
rm -f "$build_log"
binary="$fuzz/.build/$config/BounceFuzz"
[ -x "$binary" ] || { echo "fuzz: build failed, $binary missing" >&2; exit 2; }

mkdir -p "$corpus" "$artifacts"
seeds="$shared/corpus/sisimai/emails"
if [ -d "$seeds" ]; then
    cp -n "$seeds"/*.eml "$corpus"/ 2>/dev/null || true
else
    echo "fuzz: no seed corpus at $seeds, starting from an empty corpus" >&2
fi
before="$(find "$artifacts" -type f | wc -l)"
log="$(mktemp "${TMPDIR:-/tmp}/bouncefuzz.XXXXXX")"
trap 'rm -f "$log"' EXIT

echo "fuzz: running for ${seconds}s, corpus $corpus ($(find "$corpus" -type f | wc -l) inputs), max_len $max_len"
set +e
if [ "$jobs" -gt 1 ]; then
    (cd "$fuzz" && "$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
        -jobs="$jobs" -workers="$jobs" -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus" >"$log" 2>&1)
    status=$?
    cat "$fuzz"/fuzz-*.log >>"$log" 2>/dev/null && rm -f "$fuzz"/fuzz-*.log
else
    "$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus" >"$log" 2>&1
    status=$?
fi
set -e

grep -E "^(#[0-9]+ +(INITED|DONE)|Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY:)" "$log" || true
executions="$(grep -E "^stat::number_of_executed_units" "$log" | awk '{s += $2} END {print s + 0}')"
after="$(find "$artifacts" -type f | wc -l)"
findings=$((after - before))
echo "fuzz: executions $executions in ${seconds}s, findings $findings (libFuzzer exit status $status)"
if [ "$findings" -gt 0 ] || [ "$status" -ne 0 ]; then
    grep -E -A 30 "==[0-9]+==ERROR|Fatal error|deadly signal" "$log" | head -60 || true
    find "$artifacts" -type f -newer "$log" -print
    exit 1
fi
