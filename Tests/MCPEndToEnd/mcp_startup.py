"""Time from starting `maildoctor mcp` to its first `tools/list` result.

Shared by the end-to-end test (Tests/MCPEndToEnd/test_mcp.py) and the benchmark (bench/mcp_speed.py):
initialize, initialized and tools/list are written at once, as an MCP client does on connect.
"""

import json
import subprocess
import time


def seconds_to_tools_list(binary, client_name="maildoctor-test"):
    """Seconds from process start to the tools/list reply, or None when the server never answers it."""
    init = {"jsonrpc": "2.0", "id": 1, "method": "initialize",
            "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                       "clientInfo": {"name": client_name, "version": "1"}}}
    lines = [init, {"jsonrpc": "2.0", "method": "notifications/initialized"},
             {"jsonrpc": "2.0", "id": 2, "method": "tools/list"}]
    payload = "".join(json.dumps(line) + "\n" for line in lines).encode()
    started = time.perf_counter()
    process = subprocess.Popen([binary, "mcp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL)
    process.stdin.write(payload)
    process.stdin.flush()
    elapsed = None
    for line in process.stdout:
        if json.loads(line).get("id") == 2:
            elapsed = time.perf_counter() - started
            break
    process.stdin.close()
    process.wait(timeout=10)
    return elapsed
