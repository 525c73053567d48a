# tests/lib.sh — sourced by the shell suites (POSIX sh) that print "  ok" and "  FAIL"
# lines: the pass and fail counts, a check that counts itself, and comparisons that say
# what they got when they fail. With OK_QUIET set, a passed check is counted silently.
pass=0 fail=0
ok() { pass=$((pass + 1)); [ -n "${OK_QUIET:-}" ] || echo "  ok      $*"; }
bad() { fail=$((fail + 1)); echo "  FAIL    $*"; }
# check WHAT CMD...: a passed check if CMD succeeds, else a failed one
check() { _check_what=$1; shift; if "$@"; then ok "$_check_what"; else bad "$_check_what"; fi; }
eq() { [ "$1" = "$2" ] || { echo "    expected '$2', got '$1'"; return 1; }; }
lt() { [ "$1" -lt "$2" ] || { echo "    $1 is not below $2"; return 1; }; }
ge() { [ "$1" -ge "$2" ] || { echo "    $1 is below $2"; return 1; }; }
