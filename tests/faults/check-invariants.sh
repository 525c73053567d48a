#!/bin/sh
# tests/faults/check-invariants.sh DB: runs tests/faults/invariants.sql as the superuser
# (PGHOST/PGPORT from the environment) and prints the violations and their count.
# Exit 0 when there is none, 1 when there are violations, 2 when the check cannot run.
set -u
cd "$(dirname "$0")/../.." || exit 2
db=${1:?usage: check-invariants.sh DB}
out=$(mktemp)
if ! psql -X -q -At -F ' | ' -v ON_ERROR_STOP=1 -U postgres -d "$db" \
        -f tests/faults/invariants.sql >"$out" 2>&1; then
    echo "invariants: cannot run the check on $db:"; cat "$out"; rm -f "$out"; exit 2
fi
n=$(grep -c . "$out")
if [ "$n" -gt 0 ]; then
    head -n 40 "$out" | sed 's/^/  violation: /'
    [ "$n" -le 40 ] || echo "  ... and $((n - 40)) more"
fi
echo "invariants: $db: $n violations"
rm -f "$out"
[ "$n" -eq 0 ]
