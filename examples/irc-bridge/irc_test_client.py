#!/usr/bin/env python3
"""End-to-end check: IRC users ask questions in a channel and must read MailDoctor's answers there.

    python3 irc_test_client.py --port PORT --channel '#maildoctor' --bot maildoctor

Exits 0 when every user got the expected answer, 1 otherwise (with what was seen).
"""

import argparse
import socket
import sys
import threading
import time

# (nick, question, a text the answer must contain)
QUESTIONS = [
    ("alice", "my mailbox is full", "Article: Your mailbox is full"),
    ("bob", "550 5.7.26 unauthenticated email", "smtp-550-5.7.26"),
]


class Client:
    def __init__(self, port, nick, channel):
        self.nick = nick
        self.channel = channel
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.sock.settimeout(0.5)
        self.buffer = b""
        self.lines = []
        self.send(f"NICK {nick}")
        self.send(f"USER {nick} 0 * :test user {nick}")

    def send(self, line):
        self.sock.sendall(line.encode("utf-8") + b"\r\n")

    def poll(self):
        try:
            data = self.sock.recv(4096)
        except socket.timeout:
            return
        if not data:
            raise ConnectionError(f"{self.nick}: server closed the connection")
        self.buffer += data
        while b"\n" in self.buffer:
            raw, self.buffer = self.buffer.split(b"\n", 1)
            line = raw.rstrip(b"\r").decode("utf-8", errors="replace")
            if line.startswith("PING"):
                self.send("PONG" + line[4:])
            self.lines.append(line)

    def wait_for(self, predicate, deadline, what):
        seen = 0
        while time.monotonic() < deadline:
            for line in self.lines[seen:]:
                if predicate(line):
                    return line
            seen = len(self.lines)
            self.poll()
        raise TimeoutError(f"{self.nick}: timed out waiting for {what}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--channel", default="#maildoctor")
    parser.add_argument("--bot", default="maildoctor")
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    deadline = time.monotonic() + args.timeout
    failures = []

    clients = []
    for nick, question, expected in QUESTIONS:
        client = Client(args.port, nick, args.channel)
        client.wait_for(lambda line: " 001 " in line, deadline, "registration")
        client.send(f"JOIN {args.channel}")
        client.wait_for(lambda line: " 366 " in line, deadline, "the channel's names list")
        clients.append((client, question, expected))

    # The bot must be in the channel before anyone asks.
    first = clients[0][0]
    while time.monotonic() < deadline:
        first.send(f"NAMES {args.channel}")
        names = first.wait_for(lambda line: " 353 " in line, deadline, "NAMES")
        first.lines.clear()
        if any(name.lstrip("@+") == args.bot for name in names.split(":")[-1].split()):
            break
        time.sleep(0.3)
    else:
        print(f"FAIL: the bot {args.bot} never joined {args.channel}")
        return 1

    for client, question, _ in clients:
        client.send(f"PRIVMSG {args.channel} :{question}")

    def check(client, question, expected):
        marker = f"PRIVMSG {args.channel} :"
        try:
            client.wait_for(
                lambda line: line.startswith(f":{args.bot}!") and marker in line and expected in line,
                deadline, f"an answer containing {expected!r}")
            addressed = [line for line in client.lines
                         if line.startswith(f":{args.bot}!") and f"{marker}{client.nick}: " in line]
            if not addressed:
                failures.append(f"{client.nick}: the answer was not addressed to {client.nick}")
            print(f"ok   {client.nick}: asked {question!r}, answer contains {expected!r}")
        except (TimeoutError, ConnectionError) as error:
            failures.append(str(error))
            bot_lines = [line for line in client.lines if line.startswith(f":{args.bot}!")]
            print(f"FAIL {client.nick}: {error}\n  lines from the bot:\n    " + "\n    ".join(bot_lines[-20:]))

    threads = [threading.Thread(target=check, args=entry) for entry in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client, _, _ in clients:
        try:
            client.send("QUIT :done")
        except OSError:
            pass
    passed = len(clients) - len(failures)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
