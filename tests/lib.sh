# tests/lib.sh — sourced by the shell suites (POSIX sh): the pass and fail counts, a check
# that counts itself, and comparisons that say what they got when they fail. A check prints
# "  ok" and "  FAIL" lines; with OK_QUIET set, a passed check is counted silently.
# With TAP set (the database suites, which tests/run-db.sh counts by their lines that start
# "ok " and "not ok"), a check prints "ok N - WHAT" or "not ok - WHAT", and check keeps the
# command's own output away, where a stray line could be counted as a check.
pass=0 fail=0
ok() {
    pass=$((pass + 1))
    if [ -n "${TAP:-}" ]; then echo "ok $pass - $*"; elif [ -z "${OK_QUIET:-}" ]; then echo "  ok      $*"; fi
}
bad() { fail=$((fail + 1)); if [ -n "${TAP:-}" ]; then echo "not ok - $*"; else echo "  FAIL    $*"; fi; }
no() { bad "$@"; }
# check WHAT CMD...: a passed check if CMD succeeds, else a failed one
check() {
    _check_what=$1; shift
    if [ -n "${TAP:-}" ]; then "$@" >/dev/null 2>&1; else "$@"; fi && ok "$_check_what" || bad "$_check_what"
}
# fails WHAT CMD...: a passed check if CMD fails (its output kept away), else a failed one
fails() { _check_what=$1; shift; if "$@" >/dev/null 2>&1; then bad "$_check_what"; else ok "$_check_what"; fi; }
# is WHAT GOT WANT: a passed check if GOT is WANT, else a failed one that says what it got
is() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1 (expected '$3', got '$2')"; fi; }
# mkdb NAME: an empty database NAME on the throwaway cluster (dropped first if it is there)
mkdb() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null 2>&1; }
# demo_db NAME: NAME made afresh, migrated by $W and loaded with tools/demo-master.sql, and
# the database of psql and $W from here on (PGDATABASE); a failed migration ends the suite
demo_db() {
    PGDATABASE=$1
    export PGDATABASE
    mkdb "$1"
    $W migrate >/dev/null 2>&1 || { bad "migrate"; exit 1; }
    psql -X -q -v ON_ERROR_STOP=1 -f tools/demo-master.sql >/dev/null 2>&1
}
eq() { [ "$1" = "$2" ] || { echo "    expected '$2', got '$1'"; return 1; }; }
lt() { [ "$1" -lt "$2" ] || { echo "    $1 is not below $2"; return 1; }; }
ge() { [ "$1" -ge "$2" ] || { echo "    $1 is below $2"; return 1; }; }
