#!/usr/bin/env python3
"""A bridge between an IRC channel and `maildoctor serve` (JSON Lines on stdin/stdout).

One IRC nick is one MailDoctor session ("irc:<nick>"). Messages in the channel (or, with
--addressed, only those starting with "<botnick>:") and private messages to the bot are sent to
MailDoctor; each reply is posted back where the question was asked, one IRC line per text line.
When a user leaves, changes nick or quits, their session is reset. Python 3 standard library only.

    python3 bridge.py --server 127.0.0.1 --port 6667 --channel '#mail' -- maildoctor serve
"""

import argparse
import itertools
import json
import queue
import socket
import subprocess
import sys
import threading
import time

MAX_IRC_TEXT = 400  # bytes of text per PRIVMSG; IRC lines are at most 512 bytes with the prefix


def log(message):
    print(f"irc-bridge: {message}", file=sys.stderr, flush=True)


def split_irc_text(text, limit=MAX_IRC_TEXT):
    """Cuts text into IRC-sized lines on UTF-8 character boundaries, preferring spaces."""
    lines = []
    for line in text.split("\n"):
        line = line.rstrip()
        if not line:
            continue
        while len(line.encode("utf-8")) > limit:
            cut = limit
            while len(line[:cut].encode("utf-8")) > limit:
                cut -= 1
            space = line.rfind(" ", 0, cut)
            if space > cut // 2:
                cut = space
            lines.append(line[:cut])
            line = line[cut:].lstrip()
        lines.append(line)
    return lines


class Serve:
    """The `maildoctor serve` child: writes inbound frames, reads outbound frames."""

    def __init__(self, command, on_frame):
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.lock = threading.Lock()
        self.on_frame = on_frame
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def send(self, frame):
        line = json.dumps(frame, ensure_ascii=False, separators=(",", ":")) + "\n"
        with self.lock:
            self.process.stdin.write(line.encode("utf-8"))
            self.process.stdin.flush()

    def _read(self):
        for raw in self.process.stdout:
            try:
                frame = json.loads(raw)
            except ValueError:
                log(f"serve wrote a line that is not JSON: {raw[:200]!r}")
                continue
            self.on_frame(frame)
        self.on_frame(None)

    def close(self, timeout=10):
        """End of input: serve answers what it has, then exits."""
        with self.lock:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            return self.process.wait(timeout=timeout)


class Bridge:
    def __init__(self, args):
        self.args = args
        self.nick = args.nick
        self.outgoing = queue.Queue()
        self.pending = {}  # message id -> (target, nick)
        self.pending_lock = threading.Lock()
        self.ids = itertools.count(1)
        self.sock = None
        self.done = threading.Event()
        self.serve = Serve(args.command, self.on_frame)

    # IRC side

    def connect(self):
        deadline = time.monotonic() + self.args.connect_timeout
        while True:
            try:
                self.sock = socket.create_connection((self.args.server, self.args.port), timeout=10)
                break
            except OSError as error:
                if time.monotonic() > deadline:
                    raise SystemExit(f"irc-bridge: cannot connect to {self.args.server}:{self.args.port}: {error}")
                time.sleep(0.2)
        self.sock.settimeout(None)
        threading.Thread(target=self._send_loop, daemon=True).start()
        self.raw(f"NICK {self.nick}", paced=False)
        self.raw(f"USER {self.nick} 0 * :MailDoctor bridge", paced=False)

    def raw(self, line, paced=True):
        self.outgoing.put((line, paced))

    def _send_loop(self):
        while True:
            line, paced = self.outgoing.get()
            if line is None:
                return
            try:
                self.sock.sendall(line.encode("utf-8")[:510] + b"\r\n")
            except OSError:
                self.done.set()
                return
            if paced:
                time.sleep(self.args.line_delay)

    def say(self, target, text, prefix=""):
        for index, line in enumerate(split_irc_text(text)):
            self.raw(f"PRIVMSG {target} :{prefix if index == 0 else ''}{line}")

    def run(self):
        self.connect()
        buffer = b""
        while not self.done.is_set():
            try:
                data = self.sock.recv(4096)
            except OSError:
                break
            if not data:
                break
            buffer += data
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                self.on_irc(line.rstrip(b"\r").decode("utf-8", errors="replace"))
        log("IRC connection closed")
        self.outgoing.put((None, False))
        status = self.serve.close()
        log(f"maildoctor serve exited with status {status}")
        return 0

    def on_irc(self, line):
        prefix = ""
        if line.startswith(":"):
            prefix, _, line = line[1:].partition(" ")
        command, _, rest = line.partition(" ")
        params, trailing = rest, None
        if " :" in " " + rest:
            head, _, trailing = (" " + rest).partition(" :")
            params = head.strip()
        sender = prefix.split("!", 1)[0]
        if command == "PING":
            self.raw(f"PONG :{trailing or params}", paced=False)
        elif command == "001":
            self.raw(f"JOIN {self.args.channel}", paced=False)
        elif command == "433":  # nick in use
            self.nick += "_"
            self.raw(f"NICK {self.nick}", paced=False)
        elif command == "432":  # erroneous nick (too long for this server?)
            log(f"the server refuses the nick {self.nick!r}: {trailing}")
            self.done.set()
            self.sock.close()
        elif command == "JOIN" and sender == self.nick:
            log(f"joined {trailing or params}")
        elif command == "PRIVMSG" and trailing is not None and sender and sender != self.nick:
            self.on_message(sender, params.split(" ")[0], trailing)
        elif command in ("PART", "QUIT") and sender and sender != self.nick:
            self.serve.send({"type": "reset", "session": f"irc:{sender}"})
        elif command == "NICK" and sender and sender != self.nick:
            self.serve.send({"type": "reset", "session": f"irc:{sender}"})

    def on_message(self, sender, target, text):
        private = not target.startswith(("#", "&", "+", "!"))
        if not private:
            for separator in (":", ","):
                addressed = f"{self.nick}{separator}"
                if text.lower().startswith(addressed.lower()):
                    text = text[len(addressed):].strip()
                    break
            else:
                if self.args.addressed:
                    return
        if text.startswith("\x01"):  # CTCP (ACTION, VERSION…)
            return
        reply_to = sender if private else target
        message_id = f"m{next(self.ids)}"
        with self.pending_lock:
            self.pending[message_id] = (reply_to, None if private else sender)
        self.serve.send({"type": "message", "session": f"irc:{sender}", "id": message_id, "text": text})

    # MailDoctor side

    def on_frame(self, frame):
        if frame is None:
            log("maildoctor serve closed its output")
            self.done.set()
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        kind = frame.get("type")
        message_id = frame.get("in_reply_to")
        with self.pending_lock:
            if kind in ("reply", "error"):
                destination = self.pending.pop(message_id, None)
            else:
                destination = self.pending.get(message_id)
        if destination is None:
            if kind == "error":
                log(f"serve error: {frame.get('code')}: {frame.get('message')}")
            return
        target, nick = destination
        prefix = f"{nick}: " if nick else ""
        if kind == "reply":
            self.say(target, frame.get("text", ""), prefix)
        elif kind == "progress" and self.args.progress:
            self.raw(f"NOTICE {target} :{prefix}{frame.get('text', '')}")
        elif kind == "error":
            code = frame.get("code")
            if code in ("busy", "rate_limited"):
                self.say(target, "Please slow down a little: I am still answering your previous messages.", prefix)
            elif code == "field_too_long":
                self.say(target, "That message is too long for me; paste only the error part.", prefix)
            else:
                self.say(target, "Sorry, I could not answer that one.", prefix)
                log(f"serve error: {code}: {frame.get('message')}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=6667)
    parser.add_argument("--nick", default="maildoctor")
    parser.add_argument("--channel", default="#maildoctor")
    parser.add_argument("--addressed", action="store_true",
                        help="in the channel, answer only messages starting with '<nick>:'")
    parser.add_argument("--progress", action="store_true", help="post progress frames as NOTICEs")
    parser.add_argument("--line-delay", type=float, default=0.05, help="seconds between IRC lines sent")
    parser.add_argument("--connect-timeout", type=float, default=15)
    parser.add_argument("command", nargs="+", help="the serve command, e.g. -- maildoctor serve")
    args = parser.parse_args(argv)
    return Bridge(args).run()


if __name__ == "__main__":
    sys.exit(main())
