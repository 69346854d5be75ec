#!/usr/bin/env bash
# Cold start of a one-shot `maildoctor ask`, against `maildoctor --version` in the same run.
#
#   bench/coldstart.sh BINARY [RUNS] [QUESTION]
#
# Runs BINARY --version and BINARY ask QUESTION alternately RUNS times each (default 20, after 3 warm-up
# runs of each, so both find the binary in the page cache) and prints each one's median and minimum
# wall time and the ratio of the medians. `--version` is the floor every command pays (loading the
# binary, the Swift runtime, parsing arguments); `ask` adds the knowledge base and its search index,
# compiled into the binary and decoded at start, then one search and one reply. Targets: ask ≤ 30 ms
# median on the reference machine (2 cores), ratio ≤ 3.5. The driver is Python 3 (standard library);
# the timings include its fork and exec, the same for both commands.
set -euo pipefail

binary="${1:?usage: bench/coldstart.sh BINARY [RUNS] [QUESTION]}"
runs="${2:-20}"
question="${3:-how many emails can I send per hour?}"
[ -x "$binary" ] || { echo "bench: $binary is not executable" >&2; exit 2; }

python3 - "$binary" "$runs" "$question" <<'PY'
import statistics, subprocess, sys, time

binary, runs, question = sys.argv[1], int(sys.argv[2]), sys.argv[3]
commands = {"--version": [binary, "--version"], "ask": [binary, "ask", question]}

def once(argv):
    start = time.perf_counter()
    subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000

for _ in range(3):
    for argv in commands.values():
        once(argv)
times = {name: [] for name in commands}
for _ in range(runs):
    for name, argv in commands.items():
        times[name].append(once(argv))
for name, values in times.items():
    print(f"{name:<10} median {statistics.median(values):6.1f} ms  min {min(values):6.1f} ms  ({runs} runs)")
ratio = statistics.median(times["ask"]) / statistics.median(times["--version"])
print(f"cold ask / --version: {ratio:.2f}x (target <= 3.5x; ask <= 30 ms)")
PY
