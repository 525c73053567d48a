#!/bin/sh
# Module boundaries, from the #include lines:
#   base/  depends on nothing (the error contract and allocation helpers);
#   core/  uses base/; libpq and inih; never curses, cups, print/, tui/ or cli/;
#   print/ uses base/; cups; never curses, libpq, core/, tui/ or cli/;
#   rig/   uses base/, core/; json-c; never curses, libpq, cups, print/, tui/ or cli/;
#   tui/   uses base/, core/, print/, rig/; curses; never libpq or cups;
#   cli/   uses base/, core/, print/, rig/, tui/; no library header; nothing uses cli/.
# Inside core/, libpq is seen by the database files only (DB_FILES): core/db_int.h
# includes libpq-fe.h and only those files include core/db_int.h. Only core/cfg.c
# includes ini.h and only print/cups.c includes cups/. json-c is seen by the rig protocol's
# files only: core/rigmsg.c (decoding), core/rig.c (the attempt's document) and rig/.
# The words of refusals (tui/reasons.[ch]) and the language set-up they use
# (tui/i18n.[ch]) are curses-free: the tests link them without the screens.
set -u
cd "$(dirname "$0")/.."
bad=0
DB_FILES="core/db_int.h core/db.c core/auth.c core/unit.c core/lot.c core/printrec.c core/admin.c
          core/routing.c core/query.c core/migrate.c core/backfill.c core/rig.c
          core/hold.c core/report.c"
CURSES='(n?curses(w)?/)?n?curses\.h'
LIBPQ='(postgresql/)?libpq-fe\.h'
CUPS='cups/'
INI='ini\.h'
JSONC='json-c/|json\.h'
JSON_FILES="core/rigmsg.c core/rig.c"

# files among $2 (globs) whose #include lines match the extended regex $1
includes() { grep -lE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($1)" $2 2>/dev/null; }
# refuse WHAT PATTERN FILES
refuse() { for f in $(includes "$2" "$3"); do echo "layering: $f includes $1"; bad=1; done; }
# only WHAT PATTERN FILES ALLOWED WHO: of FILES, only those in the list ALLOWED include it
only() {
    for f in $(includes "$2" "$3"); do
        case " $(echo $4) " in *" $f "*) ;; *) echo "layering: $f includes $1 (only $5)"; bad=1 ;; esac
    done
}

refuse "a project or library header (base/ depends on nothing)" \
    "(core|print|rig|tui|cli)/|$CURSES|$LIBPQ|$CUPS|$INI|$JSONC" "base/*.[ch]"
refuse curses "$CURSES" "core/*.[ch] print/*.[ch] rig/*.[ch] cli/*.[ch]"
refuse libpq "$LIBPQ" "print/*.[ch] rig/*.[ch] tui/*.[ch] cli/*.[ch]"
refuse cups "$CUPS" "core/*.[ch] rig/*.[ch] tui/*.[ch] cli/*.[ch]"
refuse ini.h "$INI" "print/*.[ch] rig/*.[ch] tui/*.[ch] cli/*.[ch]"
refuse json-c "$JSONC" "print/*.[ch] tui/*.[ch] cli/*.[ch] rig/*.h"
refuse "print/, tui/ or cli/ (the rig protocol sits beside print/, below tui/)" \
    '(print|tui|cli)/' "rig/*.[ch]"
refuse "rig/ (core and print sit below it)" 'rig/' "core/*.[ch] print/*.[ch]"
refuse "print/ (core returns label data; tui prints it)" 'print/' "core/*.[ch]"
refuse "core/ (print depends on base/ only)" 'core/' "print/*.[ch]"
refuse "tui/ or cli/ (core and print sit below them)" '(tui|cli)/' "core/*.[ch] print/*.[ch]"
refuse "cli/ (nothing uses the command line)" 'cli/' "tui/*.[ch]"
WORDS="tui/reasons.c tui/reasons.h tui/i18n.c tui/i18n.h"
refuse "curses (the words are linked without the screens)" "$CURSES" "$WORDS"
for f in $(includes 'tui/' "$WORDS"); do
    for h in $(grep -ohE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"tui/[a-z_]+\.h"' "$f" |
               sed 's/.*"\(tui\/[a-z_]*\.h\)"/\1/'); do
        case " $WORDS " in *" $h "*) ;; *) echo "layering: $f includes $h (the words use only tui/reasons.h and tui/i18n.h)"; bad=1 ;; esac
    done
done
only libpq "$LIBPQ" "core/*.[ch]" "$DB_FILES" "core's database files"
only core/db_int.h 'core/db_int\.h' "core/*.[ch]" "$DB_FILES" "core's database files"
only ini.h "$INI" "core/*.[ch]" core/cfg.c core/cfg.c
only cups "$CUPS" "print/*.[ch]" print/cups.c print/cups.c
only json-c "$JSONC" "core/*.[ch]" "$JSON_FILES" "core/rigmsg.c and core/rig.c"

# every header compiles on its own
for h in base/*.h core/*.h print/*.h rig/*.h tui/*.h cli/*.h; do
    [ -e "$h" ] || continue
    case $h in core/db_sql.h) continue ;; esac
    flags="-std=c11 -D_POSIX_C_SOURCE=200809L -I. $(pkg-config --cflags libpq ncursesw 2>/dev/null)"
    ${CC:-cc} $flags -DSTN_SYSCONFDIR='"/etc"' -fsyntax-only -x c "$h" 2>/dev/null || { echo "layering: $h does not compile on its own"; bad=1; }
done
[ $bad -eq 0 ] && echo "layering: ok"
exit $bad
