#!/bin/sh
# Runs cmocka unit test binaries; with VALGRIND=1 under valgrind (leaks are errors).
# Prints one line per binary and the total number of tests passed and failed.
set -u
pass=0; fail=0; bad=0
for t in "$@"; do
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "$t" >"$t.log" 2>&1
    else
        "$t" >"$t.log" 2>&1
    fi
    rc=$?
    p=$(grep -c '^\[       OK \]' "$t.log")
    f=$(grep -c '^\[  FAILED  \] test' "$t.log")
    pass=$((pass + p)); fail=$((fail + f))
    if [ $rc -eq 0 ]; then
        echo "  PASS    $(basename "$t") ($p tests)"
    else
        [ "$f" -gt 0 ] || fail=$((fail + 1))
        bad=1; echo "  FAIL    $(basename "$t") (exit $rc)"; cat "$t.log"
    fi
done
echo "unit: $pass passed, $fail failed"
[ "$bad" -eq 0 ]
