#!/usr/bin/env bash
# Writes what a refactoring must not change into a folder, to compare a build before and after
# (issue 15: "byte-identical before and after"):
#   explain.jsonl      `explain --json` over the Sisimai corpus and the fuzz regressions (Fuzz/regressions)
#   explain.txt        the same bounces explained for people (English)
#   serve.jsonl        `serve` over a fixed input (the bench texts, 24 sessions, six languages)
#   check.jsonl        `check --json` over the Knot fixture zones (when run under scripts/with-fixtures.sh)
#
#   scripts/golden-outputs.sh BINARY OUTDIR
# Compare two folders with `diff -r`.
set -euo pipefail
binary="${1:?usage: scripts/golden-outputs.sh BINARY OUTDIR}"
out="${2:?usage: scripts/golden-outputs.sh BINARY OUTDIR}"
shared="${MAILDOCTOR_SHARED:-$(cd "$(dirname "$0")/.." && pwd)/../shared}"
mkdir -p "$out"
corpus="$shared/corpus/sisimai/emails"
regressions="$(cd "$(dirname "$0")/.." && pwd)/Fuzz/regressions"
{ "$binary" explain --json "$corpus"; "$binary" explain --json "$regressions" 2>&1 || true; } > "$out/explain.jsonl"
for file in $(ls "$corpus" | sort | head -60); do
  echo "== $file"
  "$binary" explain "$corpus/$file" --lang en 2>&1 || true
done > "$out/explain.txt"
python3 - "$out/serve-input.jsonl" <<'PY'
import json, sys
texts = """
my mailbox is full
I can't receive emails since Monday
550 5.7.26 unauthenticated email
my emails bounce back
Outlook keeps asking for my password
what is an SPF record
mails to gmail go to spam
421 try again later
I get 552 message size exceeds fixed limit
my IP is on a blacklist
how do I set up DKIM
DMARC policy reject
quota exceeded
I can send but not receive
the webmail does not load
550 5.1.1 user unknown
reverse DNS missing for my server
554 5.7.1 relay access denied
is the service down
535 authentication failed
too many messages sent today
mon mail ne part plus
ich kann keine E-Mails empfangen
help
why?
tried that
yes
no, they match
how many messages may I send per hour?
no recibo correos desde ayer
non ricevo più email
não consigo enviar emails
thanks
{not json

"""
texts = texts.split("\n")[1:-1]  # one text a line; the last one is empty on purpose
with open(sys.argv[1], "w") as f:
    n = 0
    for round_ in range(4):
        for s in range(24):
            t = texts[(s * 7 + round_ * 5) % len(texts)]
            f.write(json.dumps({"session": f"s{s}", "id": f"m{n}", "text": t}) + "\n")
            n += 1
PY
# Sessions answer concurrently: replies are sorted, their order is not part of the contract.
"$binary" serve < "$out/serve-input.jsonl" 2>&1 | sort > "$out/serve.jsonl" || true
if [ -n "${MAILDOCTOR_FIXTURE_RESOLVER:-}" ]; then
  zones="$(cd "$(dirname "$0")/../Tests/ChecksTests/Fixtures" && ls *.zone | sed 's/\.zone$//' | sort)"
  for target in $zones; do
    "$binary" check --json --resolver "$MAILDOCTOR_FIXTURE_RESOLVER" --timeout 3 "$target" 2>&1 \
      | sed -E 's/"(elapsed|duration)[a-z_]*": *[0-9.]+/"\1":0/g' || true
  done > "$out/check.jsonl"
fi
echo "golden outputs in $out: $(wc -l < "$out/explain.jsonl") bounces, $(wc -l < "$out/serve.jsonl") serve replies"
