#!/bin/sh
# tests/count.sh FILE CMD...: runs a test suite, shows its output, and appends the
# numbers of its last "N passed, M failed" line to FILE, for make check's total.
# Exits with the suite's status.
set -u
file=$1; shift
out=$(mktemp)
{ "$@" 2>&1; echo $? >"$out.rc"; } | tee "$out"
rc=$(cat "$out.rc")
grep -oE '[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1 | awk '{print $1, $3}' >>"$file"
rm -f "$out" "$out.rc"
exit "$rc"
