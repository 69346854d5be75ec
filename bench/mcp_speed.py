#!/usr/bin/env python3
"""`maildoctor mcp` speed, in one run, against its peer in the same binary (`ask --json`).

    python3 bench/mcp_speed.py BINARY [MESSAGES]

1. Start-up: time from process start to the first `tools/list` result (initialize, initialized,
   tools/list written at once), 30 runs; target under 100 ms.
2. diagnose: MESSAGES texts of the shared complaint corpus (default 200) through one MCP session with
   the official Python client, each call timed; against `maildoctor ask --json TEXT`, one process per
   text, the same texts, interleaved. Target: diagnose p99 within 2x of ask --json's.
Standard library and the `mcp` package only (`make deps-test` installs it).
"""

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "Tests/MCPEndToEnd"))
from mcp_startup import seconds_to_tools_list  # noqa: E402

binary = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 200
shared = Path(os.environ.get("MAILDOCTOR_SHARED", Path(__file__).resolve().parents[2] / "shared"))
texts = []
for line in (shared / "corpus/complaints/complaints-dev.jsonl").read_text().splitlines():
    if line.strip():
        texts.append(json.loads(line)["text"][:60000])
texts = (texts * (count // max(len(texts), 1) + 1))[:count]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def diagnose_times():
    times = []
    async with stdio_client(StdioServerParameters(command=binary, args=["mcp"])) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            for text in texts:
                started = time.perf_counter()
                result = await session.call_tool("diagnose", {"text": text})
                times.append(time.perf_counter() - started)
                if result.is_error:
                    raise SystemExit(f"bench: diagnose failed: {result.content[0].text}")
    return times


def ask_times():
    times = []
    for text in texts:
        started = time.perf_counter()
        subprocess.run([binary, "ask", "--json", text], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - started)
    return times


startup = [seconds_to_tools_list(binary, "bench") for _ in range(30)]
print(f"mcp start to first tools/list result: median {statistics.median(startup) * 1000:.1f} ms, "
      f"p90 {percentile(startup, 90) * 1000:.1f} ms (target < 100 ms)")
diagnose = asyncio.run(diagnose_times())
ask = ask_times()
d50, d99 = percentile(diagnose, 50) * 1000, percentile(diagnose, 99) * 1000
a50, a99 = percentile(ask, 50) * 1000, percentile(ask, 99) * 1000
print(f"diagnose over MCP ({len(texts)} complaints, one session, client round trip): p50 {d50:.2f} ms, p99 {d99:.2f} ms")
print(f"ask --json, one process per complaint (same texts):               p50 {a50:.2f} ms, p99 {a99:.2f} ms")
print(f"diagnose p99 / ask --json p99: {d99 / a99:.2f}x (target <= 2x)")
