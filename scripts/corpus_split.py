#!/usr/bin/env python3
"""Assigns each corpus text to `train` or `validation` by its source thread, once, before any tuning.

Usage: scripts/corpus_split.py FILE.jsonl...   (rewrites each file in place; `--check` only validates)

The split is a pure function of the source thread (a GitHub `owner/repo#N`, or a URL without its query and
fragment): every text of one thread lands on the same side, and re-running never moves a text. Synthetic
texts (origin "synthetic": written or translated by us) always go to `train`.
"""
import hashlib
import json
import re
import sys

LABELS = {
    "service_inactive", "client_config", "mailbox_full", "webmail_login", "incident", "mx_dns",
    "smtp_temp_4xx", "smtp_perm_5xx", "recipient_invalid", "relay_denied", "auth_failed",
    "spf_dkim_dmarc", "blacklist", "recipient_full", "rate_limit", "spam_blocked", "other",
}
DIRECTIONS = {"sending", "receiving", "both", "unknown"}
LANGS = {"en", "fr", "de", "es", "it", "pt"}
ORIGINS = {"real", "synthetic"}


def thread_key(source: str) -> str:
    source = source.strip()
    match = re.match(r"^([\w.-]+/[\w.-]+)#(\d+)", source)
    if match:
        return f"{match.group(1).lower()}#{match.group(2)}"
    source = re.sub(r"^https?://(www\.)?", "", source)
    source = re.split(r"[?#]", source)[0].rstrip("/")
    return source.lower()


def split_for(entry: dict) -> str:
    if entry.get("origin") == "synthetic":
        return "train"
    digest = hashlib.sha256(thread_key(entry["source"]).encode()).digest()
    return "validation" if digest[0] & 1 else "train"


def problems(entry: dict) -> list[str]:
    found = []
    if not isinstance(entry.get("text"), str) or not entry["text"].strip():
        found.append("no text")
    labels = entry.get("labels")
    if not isinstance(labels, list) or not labels or any(label not in LABELS for label in labels):
        found.append(f"labels must be a non-empty list from the shared label set: {labels!r}")
    if entry.get("direction") not in DIRECTIONS:
        found.append(f"direction must be one of {sorted(DIRECTIONS)}")
    if entry.get("lang") not in LANGS:
        found.append(f"lang must be one of {sorted(LANGS)}")
    if entry.get("origin") not in ORIGINS:
        found.append(f"origin must be one of {sorted(ORIGINS)}")
    if entry.get("origin") == "real" and not str(entry.get("source", "")).strip():
        found.append("a real text needs its public source")
    return found


def main() -> int:
    check_only = "--check" in sys.argv
    files = [a for a in sys.argv[1:] if a != "--check"]
    failed = False
    for path in files:
        entries = []
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                entry = json.loads(line)
                for problem in problems(entry):
                    print(f"{path}:{number}: {problem}")
                    failed = True
                expected = split_for(entry) if "source" in entry or entry.get("origin") == "synthetic" else None
                if check_only and entry.get("split") != expected:
                    print(f"{path}:{number}: split is {entry.get('split')!r}, the source says {expected!r}")
                    failed = True
                entry["split"] = expected
                entries.append(entry)
        if not check_only and not failed:
            with open(path, "w", encoding="utf-8") as handle:
                for entry in entries:
                    handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
