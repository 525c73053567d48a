#!/bin/sh
# Runs cmocka unit test binaries; with VALGRIND=1 under valgrind (leaks are errors).
set -u
pass=0; fail=0
for t in "$@"; do
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "$t" >"$t.log" 2>&1
    else
        "$t" >"$t.log" 2>&1
    fi
    rc=$?
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1)); echo "  PASS    $(basename "$t") ($(grep -c '^\[       OK \]' "$t.log") tests)"
    else
        fail=$((fail + 1)); echo "  FAIL    $(basename "$t") (exit $rc)"; cat "$t.log"
    fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
