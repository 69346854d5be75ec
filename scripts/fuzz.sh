#!/usr/bin/env bash
# Fuzzes the parsers that read untrusted bytes with libFuzzer, one target after the other, for a bounded time.
#
#   scripts/fuzz.sh                 # every target, FUZZ_SECONDS (default 120) each
#   scripts/fuzz.sh spf dns         # only these targets
#
# Targets (harnesses in Fuzz/Sources):
#   bounce  BounceFuzz     the bounce reader (Bounces)        seeds: the Sisimai emails of the shared corpus
#   json    JSONLineFuzz   the `serve` line decoder           seeds: Fuzz/seeds/json (docs/PROTOCOL.md, tests)
#   spf     SPFFuzz        the SPF parser and macros (Checks) seeds: Fuzz/seeds/spf (RFC 7208 test suite)
#   dns     DNSAnswerFuzz  the DNS answer decoder (DNSResolver) seeds: Fuzz/seeds/dns (Knot's answers to the
#                                                             fixture zones)
#   bytes   ByteTextFuzz   the byte text helpers (ByteText)   seeds: Fuzz/seeds/bytes
#
# Builds the Fuzz/ package once: every module with AddressSanitizer and libFuzzer's coverage
# (-sanitize=address -sanitize-coverage=…, which is what -sanitize=fuzzer turns on), the harnesses alone
# linked with -sanitize=fuzzer (see Fuzz/Package.swift: libFuzzer's `main` breaks the link of the
# build-time tool KBEmbedder, which runs during the build, so leak detection is off for the build).
# Runs one job per target with -max_total_time=$FUZZ_SECONDS, prints each target's executions and
# appends a line per target to Fuzz/CAMPAIGN.md (the cumulative campaign log). Every finding (crash-*,
# timeout-*, oom-*, leak-* in Fuzz/artifacts/TARGET/) is also copied to Fuzz/regressions/TARGET/, which
# the FuzzRegressionTests suites replay in `make test`. Exits non-zero when a target has findings.
#
# Environment: FUZZ_SECONDS, FUZZ_CONFIG (release|debug, default release: more executions per second;
# both keep AddressSanitizer), FUZZ_MAX_LEN (default 65536 for bounce, 4096 for the others),
# FUZZ_CORPUS (working corpora, default $TMPDIR/maildoctor-fuzz/TARGET; libFuzzer keeps the new inputs
# it finds there, outside the repository), FUZZ_LOG (campaign log, default Fuzz/CAMPAIGN.md; empty: none).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
fuzz="$root/Fuzz"
shared="${MAILDOCTOR_SHARED:-$root/../shared}"
seconds="${FUZZ_SECONDS:-120}"
config="${FUZZ_CONFIG:-release}"
corpora="${FUZZ_CORPUS:-${TMPDIR:-/tmp}/maildoctor-fuzz}"
campaign="${FUZZ_LOG-$fuzz/CAMPAIGN.md}"

product() {
    case "$1" in
        bounce) echo BounceFuzz ;;
        json) echo JSONLineFuzz ;;
        spf) echo SPFFuzz ;;
        dns) echo DNSAnswerFuzz ;;
        bytes) echo ByteTextFuzz ;;
        *) echo "fuzz: unknown target \"$1\" (bounce, json, spf, dns, bytes)" >&2; exit 64 ;;
    esac
}
seeds() {
    case "$1" in
        bounce) echo "$shared/corpus/sisimai/emails" ;;
        *) echo "$fuzz/seeds/$1" ;;
    esac
}

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(spf dns json bounce bytes)
for target in "${targets[@]}"; do product "$target" >/dev/null; done

echo "fuzz: building ${targets[*]} ($config, AddressSanitizer + libFuzzer)"
build_log="$(mktemp "${TMPDIR:-/tmp}/fuzz-build.XXXXXX")"
coverage="-sanitize-coverage=edge,indirect-calls,trace-cmp,inline-8bit-counters,pc-table"
for target in "${targets[@]}"; do
    if ! (cd "$fuzz" && ASAN_OPTIONS=detect_leaks=0 swift build -c "$config" --product "$(product "$target")" \
        -Xswiftc -sanitize=address -Xswiftc "$coverage" -Xswiftc -enable-testing) >"$build_log" 2>&1; then
        grep -v "Cannot export local symbol" "$build_log" | tail -40
        echo "fuzz: build of $(product "$target") failed (full log: $build_log)" >&2
        exit 2
    fi
done
rm -f "$build_log"

log="$(mktemp "${TMPDIR:-/tmp}/fuzz.XXXXXX")"
trap 'rm -f "$log"' EXIT
failed=0
for target in "${targets[@]}"; do
    name="$(product "$target")"
    binary="$fuzz/.build/$config/$name"
    corpus="$corpora/$target"
    artifacts="$fuzz/artifacts/$target"
    regressions="$fuzz/regressions/$target"
    mkdir -p "$corpus" "$artifacts" "$regressions"
    if [ -d "$(seeds "$target")" ]; then
        cp -n "$(seeds "$target")"/* "$corpus"/ 2>/dev/null || true
    else
        echo "fuzz: no seeds at $(seeds "$target"), starting from the corpus as it is" >&2
    fi
    if [ "$target" = bounce ]; then max_len="${FUZZ_MAX_LEN:-65536}"; else max_len="${FUZZ_MAX_LEN:-4096}"; fi
    marker="$(mktemp "${TMPDIR:-/tmp}/fuzz-start.XXXXXX")"
    echo "fuzz: $name for ${seconds}s, corpus $corpus ($(find "$corpus" -type f | wc -l) inputs), max_len $max_len"
    set +e
    "$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus" >"$log" 2>&1
    status=$?
    set -e
    grep -E "^(#[0-9]+[[:space:]]+(INITED|DONE)|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|==[0-9]+==ERROR|SUMMARY:)" \
        "$log" || true
    executions="$(awk '/^stat::number_of_executed_units/ {s += $2} END {print s + 0}' "$log")"
    findings=()
    while IFS= read -r file; do
        cp -n "$file" "$regressions/"
        findings+=("$(basename "$file")")
    done < <(find "$artifacts" -type f -newer "$marker")
    rm -f "$marker"
    if [ ${#findings[@]} -gt 0 ] || [ "$status" -ne 0 ]; then
        failed=1
        grep -E -A 30 "==[0-9]+==ERROR|Fatal error|deadly signal|ALARM|out-of-memory" "$log" | head -60 || true
        echo "fuzz: $name findings, kept in $regressions: ${findings[*]:-none written} (libFuzzer exit status $status)"
    fi
    if [ -n "$campaign" ]; then
        if [ ! -f "$campaign" ]; then
            printf '%s\n' "# Fuzzing campaign" "" "One line per run of scripts/fuzz.sh (appended by it)." "" \
                "| date (UTC) | target | seconds | executions | findings |" "|---|---|---|---|---|" >"$campaign"
        fi
        echo "| $(date -u '+%Y-%m-%d %H:%M') | $target | $seconds | $executions | ${findings[*]:-none} |" >>"$campaign"
        total="$(awk -F'|' -v t="$target" '$3 ~ "^ *" t " *$" {s += $5} END {print s + 0}' "$campaign")"
        echo "fuzz: $name executions $executions in ${seconds}s (campaign total $total)"
    else
        echo "fuzz: $name executions $executions in ${seconds}s"
    fi
done
exit $failed
