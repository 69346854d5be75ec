#!/usr/bin/env bash
# Throughput, latency and memory of `maildoctor serve`, with `jq -c .` over the same input as the
# JSON-parsing floor, all in one run.
#
#   bench/serve.sh BINARY [MESSAGES]
#
# Generates MESSAGES (default 200,000) knowledge-base messages from 20,000 sessions (10 each,
# interleaved) and measures, against one `BINARY serve` process each time:
#   1. throughput: the whole file piped in, every reply read; messages per second (target ≥ 20,000/s);
#   2. jq -c . over the same file: the cost of just parsing and printing the JSON;
#   3. latency: messages sent at 80% of the measured throughput for 5 s; p50/p99/max reply latency;
#   4. memory: resident set size after 10,000 sessions have each sent one message and sit idle
#      (target ≤ 150 MB), and the baseline after start-up.
# Extra arguments for serve can be given in SERVE_OPTIONS (e.g. "--kb KnowledgeBase").
# The driver is Python 3 (standard library); it shares the machine's cores with the server, so the
# figures are lower bounds. Every process started here is ended by its PID.
set -euo pipefail

binary="${1:?usage: bench/serve.sh BINARY [MESSAGES]}"
messages="${2:-200000}"
[ -x "$binary" ] || { echo "bench: $binary is not executable" >&2; exit 2; }
command -v python3 >/dev/null || { echo "bench: python3 not found" >&2; exit 2; }
command -v jq >/dev/null || { echo "bench: jq not found (Debian package jq)" >&2; exit 2; }
state="$(mktemp -d "${TMPDIR:-/tmp}/maildoctor-serve-bench.XXXXXX")"
trap 'rm -rf "$state"' EXIT

python3 - "$binary" "$messages" "$state" <<'PY'
import json, os, subprocess, sys, threading, time, shlex

binary, total, state = sys.argv[1], int(sys.argv[2]), sys.argv[3]
serve = [binary, "serve"] + shlex.split(os.environ.get("SERVE_OPTIONS", ""))
TEXTS = [
    "my mailbox is full", "I can't receive emails since Monday", "550 5.7.26 unauthenticated email",
    "my emails bounce back", "Outlook keeps asking for my password", "what is an SPF record",
    "mails to gmail go to spam", "421 try again later", "I get 552 message size exceeds fixed limit",
    "my IP is on a blacklist", "how do I set up DKIM", "DMARC policy reject", "quota exceeded",
    "I can send but not receive", "the webmail does not load", "550 5.1.1 user unknown",
    "reverse DNS missing for my server", "554 5.7.1 relay access denied", "is the service down",
    "535 authentication failed", "too many messages sent today", "mon mail ne part plus",
    "ich kann keine E-Mails empfangen", "help",
]
SESSIONS_PER_BLOCK = 20_000
PER_SESSION = 10

def write_input(path, count, sessions, per_session, prefix="u"):
    with open(path, "w") as out:
        n = 0
        for round_ in range(per_session):
            for s in range(sessions):
                if n == count:
                    return n
                text = TEXTS[(s * 7 + round_ * 3) % len(TEXTS)]
                out.write(json.dumps({"session": f"{prefix}{s}", "id": f"m{n}", "text": text},
                                     separators=(",", ":")) + "\n")
                n += 1
    return n

def rss_kb(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])

input_path = os.path.join(state, "input.jsonl")
sessions = max(1, total // PER_SESSION)
count = write_input(input_path, total, sessions, PER_SESSION)
size = os.path.getsize(input_path)
print(f"input: {count} messages, {sessions} sessions, {size / 1e6:.1f} MB ({input_path})")

# 1. Throughput.
output_path = os.path.join(state, "output.jsonl")
with open(input_path, "rb") as stdin, open(output_path, "wb") as stdout:
    start = time.monotonic()
    status = subprocess.run(serve, stdin=stdin, stdout=stdout).returncode
    elapsed = time.monotonic() - start
replies = errors = 0
with open(output_path, "rb") as output:
    for line in output:
        if line.startswith(b'{"type":"reply"'):
            replies += 1
        elif line.startswith(b'{"type":"error"'):
            errors += 1
throughput = count / elapsed
print(f"throughput: {count} messages in {elapsed:.2f} s = {throughput:,.0f} messages/s "
      f"(exit {status}, {replies} replies, {errors} errors)")
if replies != count:
    print(f"bench: FAIL: expected {count} replies, got {replies}", file=sys.stderr)
    sys.exit(1)

# 2. jq floor.
with open(input_path, "rb") as stdin:
    start = time.monotonic()
    subprocess.run(["jq", "-c", "."], stdin=stdin, stdout=subprocess.DEVNULL, check=True)
    jq_elapsed = time.monotonic() - start
print(f"jq -c . floor: {jq_elapsed:.2f} s = {count / jq_elapsed:,.0f} lines/s "
      f"(serve takes {elapsed / jq_elapsed:.1f}× jq's time)")

# 3. Latency at 80% of the measured throughput.
rate = max(1000.0, 0.8 * throughput)
duration = 5.0
planned = int(rate * duration)
latency_input = os.path.join(state, "latency.jsonl")
write_input(latency_input, planned, max(1, planned // PER_SESSION), PER_SESSION, prefix="l")
with open(latency_input, "rb") as source:
    lines = source.readlines()
process = subprocess.Popen(serve, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
sent_at = [0.0] * len(lines)
received_at = [0.0] * len(lines)
def reader():
    # Whole chunks, not line by line: a per-byte readline on the raw pipe made the driver, not the
    # server, the bottleneck of this measurement.
    fd = process.stdout.fileno()
    pending = b""
    while True:
        data = os.read(fd, 1 << 16)
        if not data:
            break
        at = time.monotonic()
        *complete, pending = (pending + data).split(b"\n")
        for line in complete:
            marker = line.find(b'"in_reply_to":"m')
            if marker >= 0:
                end = line.index(b'"', marker + 16)
                received_at[int(line[marker + 16:end])] = at
reading = threading.Thread(target=reader)
reading.start()
start = time.monotonic()
batch = max(1, int(rate / 1000))  # one batch per millisecond
index = 0
while index < len(lines):
    due = start + index / rate
    now = time.monotonic()
    if due > now:
        time.sleep(due - now)
    chunk = lines[index:index + batch]
    stamp = time.monotonic()
    for offset in range(len(chunk)):
        sent_at[index + offset] = stamp
    process.stdin.write(b"".join(chunk))
    index += len(chunk)
send_elapsed = time.monotonic() - start
process.stdin.close()
reading.join()
process.wait()
latencies = sorted((received_at[i] - sent_at[i]) * 1000 for i in range(len(lines)) if received_at[i])
answered = len(latencies)
def pct(p):
    return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] if latencies else float("nan")
print(f"latency at {rate:,.0f} messages/s offered ({len(lines) / send_elapsed:,.0f}/s achieved by the driver, "
      f"{answered}/{len(lines)} answered): p50 {pct(50):.1f} ms, p99 {pct(99):.1f} ms, max {latencies[-1] if latencies else float('nan'):.1f} ms")

# 4. Memory with 10,000 idle sessions.
idle = 10_000
process = subprocess.Popen(serve, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
process.stdin.write(b'{"type":"ping","id":"p0"}\n')
process.stdout.readline()
time.sleep(0.5)
baseline, _ = rss_kb(process.pid)
got = 0
def count_replies():
    global got
    for line in process.stdout:
        got += 1
        if got == idle + 1:
            return
counting = threading.Thread(target=count_replies)
counting.start()
payload = b"".join(
    json.dumps({"session": f"idle{s}", "id": f"i{s}", "text": TEXTS[s % len(TEXTS)]}, separators=(",", ":")).encode() + b"\n"
    for s in range(idle)) + b'{"type":"ping","id":"p1"}\n'
process.stdin.write(payload)
counting.join(timeout=120)
time.sleep(1.0)
rss, peak = rss_kb(process.pid)
process.stdin.close()
process.wait(timeout=60)
print(f"memory: {rss / 1024:.1f} MB resident with {idle} idle sessions (peak {peak / 1024:.1f} MB; "
      f"{baseline / 1024:.1f} MB after start-up; {got - 1} replies)")
print(json.dumps({"messages": count, "seconds": round(elapsed, 3), "messages_per_s": round(throughput),
                  "jq_seconds": round(jq_elapsed, 3), "latency_rate": round(rate),
                  "p50_ms": round(pct(50), 2), "p99_ms": round(pct(99), 2),
                  "rss_idle_10k_mb": round(rss / 1024, 1), "rss_start_mb": round(baseline / 1024, 1)}))
PY
