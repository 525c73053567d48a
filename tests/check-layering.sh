#!/bin/sh
# Module boundaries (SPEC.md 2): core has no curses or cups, print has no curses or
# libpq, tui has no libpq or cups; only core/db*.[ch] include libpq-fe.h and only
# core/cfg.c includes ini.h.
set -u
cd "$(dirname "$0")/.."
bad=0
hit() { grep -lE "$1" $2 2>/dev/null; }
for f in $(hit '#[[:space:]]*include[[:space:]]*[<"](n?curses(w)?/)?n?curses\.h' "core/*.[ch] print/*.[ch]"); do echo "layering: $f includes curses"; bad=1; done
for f in $(hit '#[[:space:]]*include[[:space:]]*[<"](postgresql/)?libpq-fe\.h' "tui/*.[ch] print/*.[ch]"); do echo "layering: $f includes libpq"; bad=1; done
for f in $(hit '#[[:space:]]*include[[:space:]]*[<"]cups/' "core/*.[ch] tui/*.[ch]"); do echo "layering: $f includes cups"; bad=1; done
for f in $(hit 'libpq-fe\.h' "core/*.[ch]"); do case $f in core/db*) ;; *) echo "layering: $f includes libpq (only core/db*)"; bad=1 ;; esac; done
for f in $(hit '#[[:space:]]*include[[:space:]]*[<"]ini\.h' "core/*.[ch]"); do [ "$f" = core/cfg.c ] || { echo "layering: $f includes ini.h"; bad=1; }; done
for f in $(hit '#[[:space:]]*include[[:space:]]*"print/' "core/*.[ch]"); do echo "layering: $f calls print (core returns label data)"; bad=1; done
# every header compiles on its own
for h in core/*.h print/*.h tui/*.h; do
    [ -e "$h" ] || continue
    case $h in core/db_sql.h) continue ;; esac
    flags="-std=c11 -D_POSIX_C_SOURCE=200809L -I. $(pkg-config --cflags libpq ncursesw 2>/dev/null)"
    ${CC:-cc} $flags -DSTN_SYSCONFDIR='"/etc"' -fsyntax-only -x c "$h" 2>/dev/null || { echo "layering: $h does not compile on its own"; bad=1; }
done
[ $bad -eq 0 ] && echo "layering: ok"
exit $bad
