#!/bin/sh
# Integration tests on a throwaway PostgreSQL cluster started (and stopped) here.
set -u
cd "$(dirname "$0")/.."
eval "$(sh tests/pg-env.sh start)" || { echo "db: cannot start PostgreSQL"; exit 1; }
trap 'sh tests/pg-env.sh stop "$PG_TEST_DIR"' EXIT INT TERM
export WIPSTATION=${WIPSTATION:-build/asan/wipstation}
pass=0; fail=0; bad=0
for t in "$@" tests/db/*.sh; do
    [ -e "$t" ] || continue
    case "$t" in
        *.sh) [ "${VALGRIND:-0}" = 1 ] && continue; cmd="sh $t" ;;
        *) cmd=$t
           [ "${VALGRIND:-0}" = 1 ] && cmd="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite $t" ;;
    esac
    log=$(dirname "$WIPSTATION")/$(basename "$t").log
    $cmd >"$log" 2>&1
    rc=$?
    p=$(grep -c -e '^\[       OK \]' -e '^ok ' "$log")
    f=$(grep -c -e '^\[  FAILED  \] test' -e '^not ok' "$log")
    pass=$((pass + p)); fail=$((fail + f))
    if [ $rc -eq 0 ]; then
        echo "  PASS    $(basename "$t") ($p checks)"
    else
        [ "$f" -gt 0 ] || fail=$((fail + 1))
        bad=1; echo "  FAIL    $(basename "$t")"; tail -n 60 "$log"
    fi
done
echo "db: $pass passed, $fail failed"
[ "$bad" -eq 0 ]
