#!/usr/bin/env python3
"""End-to-end test of `maildoctor mcp` with the official MCP Python SDK (`mcp` on PyPI) as the client.

    scripts/with-fixtures.sh python3 Tests/MCPEndToEnd/test_mcp.py [BINARY]

Runs against the Knot DNS, Postfix and Dovecot fixtures that scripts/with-fixtures.sh starts on loopback
(MAILDOCTOR_FIXTURE_RESOLVER, MAILDOCTOR_FIXTURE_MAIL). A slow "tarpit" peer for the cancellation test is
a socket opened here on 127.0.0.1. Prints one line per test and "N passed, M failed"; exits 1 on failure.
"""

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from mcp_startup import seconds_to_tools_list

ROOT = Path(__file__).resolve().parents[2]
BINARY = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build/debug/maildoctor")
SHARED = Path(os.environ.get("MAILDOCTOR_SHARED", ROOT.parent / "shared"))
RESOLVER = os.environ["MAILDOCTOR_FIXTURE_RESOLVER"]
MAIL = dict(item.split("=") for item in os.environ["MAILDOCTOR_FIXTURE_MAIL"].split(","))

results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else f": {detail}"), flush=True)


def server(*extra):
    # --allow-private: the fixtures' zones use documentation addresses, the mail servers loopback ports.
    args = ["mcp", "--resolver", RESOLVER, "--timeout", "3", "--dnsbl", "zen.spamhaus.org", *extra]
    return StdioServerParameters(command=BINARY, args=args, env={"MAILDOCTOR_PROVIDER": "ovhcloud"})


def structured(result):
    return result.structured_content or {}


def text(result):
    return "\n".join(part.text for part in result.content if getattr(part, "type", "") == "text")


async def tools_suite():
    async with stdio_client(server("--allow-private")) as (read, write):
        async with ClientSession(read, write) as session:
            info = await session.initialize()
            check("initialize names the server", info.server_info.name == "maildoctor", info.server_info)
            tools = {tool.name: tool for tool in (await session.list_tools()).tools}
            expected = {"diagnose", "explain_bounce", "check_domain", "check_ip", "probe_server", "search_articles"}
            check("tools/list has the six tools", set(tools) == expected, sorted(tools))
            check(
                "every tool has an object input schema",
                all(tool.input_schema.get("type") == "object" for tool in tools.values()),
            )

            result = await session.call_tool(
                "diagnose", {"text": "hi, since monday I cant receive any email at good.test, whats wrong?"}
            )
            data = structured(result)
            check("diagnose: no error", not result.is_error, text(result))
            check("diagnose: an article first", bool(data.get("articles")), data)
            check("diagnose: the domain as an entity", data.get("entities", {}).get("domain") == "good.test", data)
            check(
                "diagnose: the check that would confirm it",
                data.get("check", {}).get("tool") == "check_domain",
                data.get("check"),
            )
            result = await session.call_tool("diagnose", {"text": "my mailbox is full, people get bounces"})
            check(
                "diagnose: mailbox full",
                structured(result).get("articles", [{}])[0].get("id") == "mailbox-full",
                structured(result).get("articles"),
            )

            bounce = (SHARED / "corpus/sisimai/emails/lhost-postfix-01.eml").read_text(errors="replace")
            result = await session.call_tool("explain_bounce", {"message": bounce})
            data = structured(result)
            check("explain_bounce: read as a bounce", data.get("is_bounce") is True, data.get("problem"))
            check("explain_bounce: recipients", len(data.get("recipients", [])) >= 1, data)
            check("explain_bounce: an explanation", "What to do" in data.get("explanation", ""), data)

            result = await session.call_tool("check_domain", {"domain": "good.test"})
            data = structured(result)
            ids = [item["id"] for item in data.get("checks", [])]
            check("check_domain: every domain check", ids[:3] == ["domain", "mx", "spf"], ids)
            mx = next((item for item in data.get("checks", []) if item["id"] == "mx"), {})
            check("check_domain: MX hosts from the Knot zone", "mx1.good.test" in mx.get("summary", ""), mx)
            check(
                "check_domain: findings tell the provider mismatch",
                any(f["code"] == "mx.provider-mismatch" for f in mx.get("findings", [])),
                mx,
            )
            result = await session.call_tool("check_domain", {"domain": "exa mple..com"})
            check("check_domain: a bad domain is a tool error", result.is_error, text(result))

            result = await session.call_tool("check_ip", {"ip": "192.0.2.2"})
            data = structured(result)
            dnsbl = next((item for item in data.get("checks", []) if item["id"] == "dnsbl"), {})
            check("check_ip: listed on the fixture's zen.spamhaus.org", dnsbl.get("status") == "fail", dnsbl)
            result = await session.call_tool("check_ip", {"ip": "not-an-ip"})
            check("check_ip: a bad IP is a tool error", result.is_error, text(result))

            smtp = f"127.0.0.1:{MAIL['smtp']}"
            result = await session.call_tool("probe_server", {"target": smtp, "protocol": "smtp"})
            data = structured(result)
            probe = (data.get("checks") or [{}])[0]
            check("probe_server: Postfix answered", probe.get("id") == "smtp" and not result.is_error, data)
            check("probe_server: STARTTLS seen", "STARTTLS" in probe.get("summary", ""), probe)
            imap = f"127.0.0.1:{MAIL['imap']}"
            result = await session.call_tool("probe_server", {"target": imap, "protocol": "imap"})
            check("probe_server: Dovecot IMAP answered", not result.is_error, text(result))

            result = await session.call_tool("search_articles", {"query": "550 5.7.26 unauthenticated", "limit": 3})
            data = structured(result)
            check(
                "search_articles: ranked ids with URIs",
                data.get("articles") and data["articles"][0]["uri"].startswith("maildoctor://articles/"),
                data,
            )

            resources = (await session.list_resources()).resources
            check("resources: every article", len(resources) >= 30, len(resources))
            read = await session.read_resource("maildoctor://articles/sending-limits")
            body = read.contents[0].text
            check("resources: an article as Markdown", body.startswith("# ") and "200" in body, body[:200])
            try:
                await session.read_resource("maildoctor://articles/no-such-article")
                check("resources: an unknown article is an error", False, "no error")
            except Exception as error:  # the SDK raises its MCPError
                check("resources: an unknown article is an error", "not found" in str(error).lower(), error)

            prompts = {prompt.name for prompt in (await session.list_prompts()).prompts}
            check("prompts: both", prompts == {"troubleshoot-email", "explain-bounce"}, prompts)
            prompt = await session.get_prompt("troubleshoot-email", {"problem": "no mail since Monday"})
            check("prompts: the person's words", "no mail since Monday" in prompt.messages[0].content.text)

            try:
                await session.call_tool("no_such_tool", {})
                check("an unknown tool is a JSON-RPC error", False, "no error")
            except Exception as error:
                check("an unknown tool is a JSON-RPC error", "unknown tool" in str(error).lower(), error)

            # A slow peer: accepts, never greets. The probe reports progress after a second, then is cancelled.
            tarpit = socket.socket()
            tarpit.bind(("127.0.0.1", 0))
            tarpit.listen(4)
            port = tarpit.getsockname()[1]
            progress = []

            async def on_progress(done, total, message):
                progress.append((done, total, message))

            started = time.monotonic()
            call = asyncio.ensure_future(
                session.call_tool(
                    "probe_server", {"target": f"127.0.0.1:{port}", "protocol": "smtp"}, progress_callback=on_progress
                )
            )
            while not progress and time.monotonic() - started < 5:
                await asyncio.sleep(0.05)
            call.cancel()
            try:
                await call
            except asyncio.CancelledError:
                pass
            check("probe_server: progress after a second", progress and "127.0.0.1" in progress[0][2], progress)
            # The server dropped the probe: the next call is answered at once, and the peer saw its connection closed.
            before = time.monotonic()
            pong = await session.call_tool("search_articles", {"query": "mailbox full"})
            check("after a cancel the server keeps serving", not pong.is_error and time.monotonic() - before < 2)
            tarpit.settimeout(2)
            try:
                connection, _ = tarpit.accept()
                connection.settimeout(5)
                closed = connection.recv(1) == b""
            except (socket.timeout, OSError):
                closed = True
            check("the cancelled probe's connection is closed", closed)
            tarpit.close()


async def refusal_suite():
    async with stdio_client(server()) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            smtp = f"127.0.0.1:{MAIL['smtp']}"
            result = await session.call_tool("probe_server", {"target": smtp, "protocol": "smtp"})
            check("a loopback target is refused without --allow-private", result.is_error, text(result))
            check("the refusal says how to allow it", "--allow-private" in text(result), text(result))
            result = await session.call_tool("check_ip", {"ip": "10.0.0.1"})
            check("a private IP is not looked up", result.is_error, text(result))


def malformed_suite():
    """Raw lines on stdin: each malformed one gets a JSON-RPC error, and the server keeps serving."""
    lines = [
        "{",
        "not json",
        "[]",
        '[{"jsonrpc":"2.0","id":1,"method":"ping"}]',
        "42",
        "null",
        '"text"',
        '{"id":1,"method":"ping"}',
        '{"jsonrpc":"1.0","id":2,"method":"ping"}',
        '{"jsonrpc":"2.0","id":3}',
        '{"jsonrpc":"2.0","id":4,"method":7}',
        '{"jsonrpc":"2.0","id":true,"method":"ping"}',
        '{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}',
        '{"jsonrpc":"2.0","id":6,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
        '{"jsonrpc":"2.0","method":"notifications/initialized"}',
        '{"jsonrpc":"2.0","id":7,"method":"no/such/method"}',
        '{"jsonrpc":"2.0","id":8,"method":"tools/call","params":[1]}',
        '{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{}}',
        '{"jsonrpc":"2.0","id":10,"method":"tools/call","params":{"name":"nope","arguments":{}}}',
        '{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"diagnose","arguments":"x"}}',
        '{"jsonrpc":"2.0","id":12,"method":"resources/read","params":{}}',
        '{"jsonrpc":"2.0","id":13,"method":"resources/read","params":{"uri":"file:///etc/passwd"}}',
        '{"jsonrpc":"2.0","id":14,"method":"prompts/get","params":{"name":"nope"}}',
        '{"jsonrpc":"2.0","id":15,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
        "\x00\x01\x02 binary",
        '{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"diagnose","arguments":{"text":"' + "a" * 70000 + '"}}}',
        '{"jsonrpc":"2.0","id":17,"method":"ping"}',
        '{"jsonrpc":"2.0","id":18,"method":"tools/list"}',
    ]
    process = subprocess.run(
        [BINARY, "mcp", "--resolver", RESOLVER],
        input=("\n".join(lines) + "\n").encode(),
        capture_output=True,
        timeout=60,
    )
    answers = [json.loads(line) for line in process.stdout.decode().splitlines()]
    errors = [answer for answer in answers if "error" in answer]
    by_id = {json.dumps(answer.get("id")): answer for answer in answers}
    check("malformed: the server exits cleanly at end of input", process.returncode == 0, process.stderr[-500:])
    check("malformed: nothing but JSON on stdout", all(isinstance(answer, dict) for answer in answers))
    nulls = [answer for answer in errors if answer.get("id") is None]
    check("malformed: 10 errors without a usable id, id null", len(nulls) == 10, [a["error"] for a in nulls])
    for request_id, code in [(1, -32600), (2, -32600), (3, -32600), (4, -32600), (7, -32601),
                             (8, -32602), (9, -32602), (10, -32602), (11, -32602), (12, -32602), (13, -32002),
                             (14, -32602), (15, -32600)]:
        answer = by_id.get(str(request_id), {})
        check(f"malformed: request {request_id} gets error {code}", answer.get("error", {}).get("code") == code, answer)
    long_text = by_id.get("16", {}).get("result", {})
    check("malformed: an over-long argument is a tool error", long_text.get("isError") is True, long_text)
    check("malformed: ping still answered", by_id.get("17", {}).get("result") == {}, by_id.get("17"))
    check("malformed: tools/list still answered", len(by_id.get("18", {}).get("result", {}).get("tools", [])) == 6)
    check("malformed: at least 20 malformed inputs answered", len(errors) >= 20, len(errors))
    check("malformed: no stack trace on stderr", b"Fatal error" not in process.stderr, process.stderr[-500:])
    early = subprocess.run(
        [BINARY, "mcp"], input=b'{"jsonrpc":"2.0","id":1,"method":"tools/list"}\n', capture_output=True, timeout=30
    )
    answer = json.loads(early.stdout.decode().splitlines()[0]) if early.stdout else {}
    check("a request before initialize is refused", answer.get("error", {}).get("code") == -32600, answer)


def startup_suite():
    """Time from process start to the first tools/list result (the target, <100 ms, is for release builds)."""
    seen = seconds_to_tools_list(BINARY)
    if seen is not None:
        print(f"info tools/list first result {seen * 1000:.0f} ms after start ({Path(BINARY).parent.name} build)")
    check("tools/list answered soon after start", seen is not None and seen < 3, seen)


async def main():
    await tools_suite()
    await refusal_suite()
    malformed_suite()
    startup_suite()


if __name__ == "__main__":
    asyncio.run(main())
    failed = results.count(False)
    print(f"mcp: {results.count(True)} passed, {failed} failed")
    sys.exit(1 if failed else 0)
