#!/usr/bin/env bash
# Bounce parsing speed: MailDoctor's `explain --json` against Sisimai 4.25 on the same emails, same run.
#
#   bench/bounces.sh [BINARY] [RUNS]
#
# BINARY (default .build/release/maildoctor) must accept `explain --json DIR` and print one JSON line per
# file. Sisimai is Debian's libsisimai-perl (`Sisimai->make($path)` per file, in one perl process; the
# results are not serialised, so Sisimai's figure leaves out the JSON work MailDoctor does).
# Both run RUNS times (default 5), interleaved, over ${MAILDOCTOR_SHARED:-<repo>/../shared}/corpus/sisimai/emails.
# Each run is a whole process (start-up included). Prints the median wall time and files/s of each,
# files/s by CPU time (user+sys, less sensitive to a busy machine) and the speed ratios.
# BENCH_PASSES=N (default 1) reads the directory N times per process (DIR given N times to
# `explain`, N loops in perl) so that process start-up weighs less in the throughput figure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
binary="${1:-$root/.build/release/maildoctor}"
runs="${2:-5}"
emails="${MAILDOCTOR_SHARED:-$root/../shared}/corpus/sisimai/emails"
passes="${BENCH_PASSES:-1}"

[ -x "$binary" ] || { echo "bench: $binary is not executable (build with: make build)" >&2; exit 2; }
[ -d "$emails" ] || { echo "bench: no corpus at $emails (set MAILDOCTOR_SHARED)" >&2; exit 2; }
perl -MSisimai -e 1 2>/dev/null || { echo "bench: Sisimai missing (apt-get install libsisimai-perl)" >&2; exit 2; }
files=$(find "$emails" -maxdepth 1 -type f -name '*.eml' | wc -l)
sisimai_version=$(perl -MSisimai -e 'print $Sisimai::VERSION')

state="$(mktemp -d "${TMPDIR:-/tmp}/maildoctor-bounce-bench.XXXXXX")"
trap 'rm -rf "$state"' EXIT
cat >"$state/sisimai.pl" <<'PERL'
use strict; use warnings; use Sisimai;
my ($dir, $passes) = @ARGV;
opendir(my $handle, $dir) or die "cannot open $dir: $!";
my @files = sort grep { /\.eml$/ } readdir($handle);
closedir $handle;
my $recipients = 0;
for my $pass (1 .. $passes) {
    for my $file (@files) { my $results = Sisimai->make("$dir/$file"); $recipients += scalar @{ $results || [] }; }
}
print STDERR "sisimai recipients=$recipients\n";
PERL

# Runs a command once; appends "wall user sys" seconds to FILE.
measure() {
    local file="$1"
    shift
    local TIMEFORMAT='%R %U %S'
    { time "$@" >"$state/out" 2>"$state/err"; } 2>>"$file"
}

directories=()
for _ in $(seq 1 "$passes"); do directories+=("$emails"); done
echo "bounce bench: $files emails in $emails, $passes pass(es) per process, $runs runs each"
echo "  maildoctor: $binary explain --json DIR"
echo "  sisimai:    Sisimai $sisimai_version, Sisimai->make(path) per file"
"$binary" explain --json "$emails" >"$state/check.jsonl"
lines=$(grep -c '^{' "$state/check.jsonl" || true)
[ "$lines" -eq "$files" ] || echo "bench: warning: $lines JSON lines for $files files" >&2
for _ in $(seq 1 "$runs"); do
    measure "$state/maildoctor.times" "$binary" explain --json "${directories[@]}"
    measure "$state/sisimai.times" perl "$state/sisimai.pl" "$emails" "$passes"
done

# Median of the numbers on stdin.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Prints "median_wall files_per_s cpu_files_per_s" for a times file.
summary() {
    local wall cpu
    wall=$(awk '{ print $1 }' "$1" | median)
    cpu=$(awk '{ print $2 + $3 }' "$1" | median)
    awk -v files="$((files * passes))" -v w="$wall" -v c="$cpu" \
        'BEGIN { if (w <= 0) w = 0.001; if (c <= 0) c = 0.001; printf "%.3f %.0f %.0f\n", w, files / w, files / c }'
}
read -r md_wall md_rate md_cpu_rate < <(summary "$state/maildoctor.times")
read -r si_wall si_rate si_cpu_rate < <(summary "$state/sisimai.times")
printf '%-11s median %6.3f s  %7s files/s (wall)  %7s files/s (cpu)\n' maildoctor "$md_wall" "$md_rate" "$md_cpu_rate"
printf '%-11s median %6.3f s  %7s files/s (wall)  %7s files/s (cpu)\n' sisimai "$si_wall" "$si_rate" "$si_cpu_rate"
awk -v a="$md_rate" -v b="$si_rate" -v c="$md_cpu_rate" -v d="$si_cpu_rate" \
    'BEGIN { printf "ratio       %.1fx faster (wall), %.1fx faster (cpu); target >= 20x\n", a / b, c / d }'
