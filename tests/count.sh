#!/bin/sh
# tests/count.sh FILE CMD...: runs a test suite, shows its output, and appends the
# numbers of its last "N passed, M failed" line to FILE, for make check's total.
# Exits with the suite's status; a suite that ends without its totals line, or that
# ran no check at all, fails (a suite that could not start is not a pass).
set -u
file=$1; shift
out=$(mktemp)
{ "$@" 2>&1; echo $? >"$out.rc"; } | tee "$out"
rc=$(cat "$out.rc")
totals=$(grep -oE '[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1 | awk '{print $1, $3}')
rm -f "$out" "$out.rc"
if [ -z "$totals" ]; then
    echo "check: '$*' ended (status $rc) without its 'N passed, M failed' line" >&2
    echo "0 1" >>"$file"
    [ "$rc" -ne 0 ] || rc=1
elif [ "${totals%% *}" -eq 0 ]; then
    echo "check: '$*' ran no check" >&2
    echo "$totals" >>"$file"
    [ "$rc" -ne 0 ] || rc=1
else
    echo "$totals" >>"$file"
fi
exit "$rc"
