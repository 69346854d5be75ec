#!/usr/bin/env python3
"""Appends examples from a YAML map (article id -> list of examples) to the articles' `examples:` lists.

Usage: scripts/merge_examples.py KB_DIR MAP.yaml...   Existing examples are kept; duplicates are skipped.
Used to bring in the per-language examples written for MailDoctor (synthetic, see each map's header).
"""
import json
import re
import sys

import yaml


def main() -> int:
    root = sys.argv[1]
    for path in sys.argv[2:]:
        mapping = yaml.safe_load(open(path, encoding="utf-8"))
        for article, examples in mapping.items():
            file = f"{root}/articles/{article}.md"
            text = open(file, encoding="utf-8").read()
            front_end = text.index("\n---", 3)
            front = text[:front_end]
            match = re.search(r"^examples:\n((?:  - .*\n?)+)", front + "\n", re.M)
            if not match:
                print(f"{file}: no block-style examples list", file=sys.stderr)
                return 1
            existing = {line.strip()[2:].strip().strip('"').lower() for line in match.group(1).splitlines()}
            added = "".join(
                f"  - {json.dumps(example, ensure_ascii=False)}\n"
                for example in examples
                if example.strip().lower() not in existing
            )
            block_end = match.end(1)
            if not match.group(1).endswith("\n"):
                added = "\n" + added.rstrip("\n")
            text = text[:block_end] + added + text[block_end:]
            open(file, "w", encoding="utf-8").write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
