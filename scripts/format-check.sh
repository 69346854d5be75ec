#!/usr/bin/env bash
# Fails when `swift format` would change any Swift file under the given paths.
set -uo pipefail
status=0
while IFS= read -r -d '' file; do
    if ! diff -u "$file" <(swift format "$file") >/tmp/format-diff.$$ 2>&1; then
        cat /tmp/format-diff.$$
        status=1
    fi
done < <(find "$@" -name '*.swift' -not -path '*/.build/*' -not -path '*/.build-*' -print0)
rm -f /tmp/format-diff.$$
[ $status -eq 0 ] || echo "Formatting differs: run 'make format'." >&2
exit $status
