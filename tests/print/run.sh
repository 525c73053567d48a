#!/bin/sh
# tests/print/run.sh — printing end to end: a private cupsd (tests/print/cupsd-env.sh),
# a fake Zebra on 127.0.0.1 (tests/tools/fakezebra.c), a throwaway PostgreSQL for the
# print-job records (tests/pg-env.sh), and the wipstation binary in $WIPSTATION.
# Every wait is bounded; every process started here is stopped by its PID.
# Prints "N passed, M failed"; exits non-zero on any failure.
set -u
PATH=$PATH:/usr/sbin:/sbin
export PATH
cd "$(dirname "$0")/../.." || exit 1
REPO=$(pwd)
: "${WIPSTATION:?set WIPSTATION to the wipstation binary (make check-print does)}"
case $WIPSTATION in /*) ;; *) WIPSTATION=$REPO/$WIPSTATION ;; esac
TOOLS=$(dirname "$WIPSTATION")/tests/tools
for t in fakezebra prnsend; do
    [ -x "$TOOLS/$t" ] || { echo "print: missing $TOOLS/$t (make check-print builds it)"; exit 1; }
done
unset CUPS_SERVER PGHOST PGPORT PGDATABASE PGUSER PGSERVICE

. tests/lib.sh
has() { grep -q -- "$2" "$1"; }       # has FILE TEXT
lacks() { ! grep -q -- "$2" "$1"; }
to() { f=$1; shift; "$@" >"$f" 2>&1; } # to FILE CMD...: CMD's output into FILE
now_ns() { date +%s%N; }
ms_since() { echo $((($(now_ns) - $1) / 1000000)); }

alive() { # running and not a zombie
    kill -0 "$1" 2>/dev/null || return 1
    case "$(ps -o stat= -p "$1" 2>/dev/null)" in Z* | "") return 1 ;; esac
}

FZ='' SFZ='' CUPSDIR='' PGDIR='' W=''
stop_pid() { # a child of this shell: TERM, wait (at most 5 s), KILL, reap
    [ -n "$1" ] || return 0
    kill -TERM "$1" 2>/dev/null
    i=0
    while alive "$1" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    alive "$1" && kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}
stop_fz() { stop_pid "$FZ"; FZ=''; }
cleanup() {
    stop_fz
    stop_pid "$SFZ"
    [ -z "$CUPSDIR" ] || sh tests/print/cupsd-env.sh stop "$CUPSDIR"
    [ -z "$PGDIR" ] || sh tests/pg-env.sh stop "$PGDIR"
    [ -z "$W" ] || rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP PIPE

# start_fz [PORT]: the fake printer (at most 50 jobs, 180 s), port in $PORT
start_fz() {
    rm -f "$W/port"
    "$TOOLS/fakezebra" "$W/port" "$W/cap" 50 180 "${1:-0}" 2>>"$W/fz.log" &
    FZ=$!
    i=0
    while [ ! -s "$W/port" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
    PORT=$(cat "$W/port" 2>/dev/null)
    [ -n "$PORT" ]
}

# ws OUT CMD...: runs wipstation, stdout+stderr to OUT, sets RC and MS
ws() {
    out=$1; shift
    t=$(now_ns)
    "$WIPSTATION" "$@" >"$out" 2>&1
    RC=$?
    MS=$(ms_since "$t")
}

# sql QUERY: one value from the throwaway database
sql() { "$PSQL" -X -At -v ON_ERROR_STOP=1 -c "$1" 2>/dev/null; }
last_job() {
    sql "SELECT concat_ws('|', label_type, queue, state, coalesce(cups_job_id::text, ''),
                          coalesce(error_text, ''))
         FROM wip_print_jobs ORDER BY id DESC LIMIT 1"
}
# record DESC GLOB: the newest print-job record, type|queue|state|job|error, matches GLOB
record() {
    r=$(last_job)
    # shellcheck disable=SC2254
    case "$r" in $2) ok "$1" ;; *) bad "$1 (record: '$r')" ;; esac
}

# write_cfg FILE QUEUE [WAIT_S [DPI [SERVER [CONNINFO]]]]
write_cfg() {
    cat >"$1" <<EOF
[database]
conninfo = ${6:-}
[station]
id = P3-01
process = 3
[printer]
queue = $2
server = ${5:-$CUPS_SOCK}
dpi = ${4:-203}
templates = $REPO/etc/labels
wait_s = ${3:-10}
EOF
}

W=$(mktemp -d "${TMPDIR:-/tmp}/wip-print.XXXXXX") || exit 1
chmod 755 "$W"
echo "print: starting a private cupsd, a fake Zebra and a throwaway PostgreSQL"
out=$(sh tests/print/cupsd-env.sh start) || { echo "print: cupsd did not start"; exit 1; }
eval "$out"
CUPSDIR=$CUPSD_TEST_DIR
CUPS_SOCK=$CUPS_SERVER
export CUPS_SERVER # lpadmin, lpstat, cupsdisable ... talk to the private cupsd
if out=$(sh tests/pg-env.sh start 2>"$W/pg.log"); then
    eval "$out"
    PGDIR=$PG_TEST_DIR
    PSQL=${PG_TEST_BIN:+$PG_TEST_BIN/}psql
    write_cfg "$W/db.ini" zebra
    check "wipstation migrate" to "$W/migrate.log" "$WIPSTATION" migrate -c "$W/db.ini"
    check "demo master data" to "$W/demo.log" \
        "$PSQL" -X -q -v ON_ERROR_STOP=1 -f tools/demo-master.sql
else
    bad "throwaway PostgreSQL: $(cat "$W/pg.log")"
    PSQL=false
fi
start_fz || { echo "print: fake printer did not start"; exit 1; }
lpadmin -p zebra -E -v "socket://127.0.0.1:$PORT/?contimeout=2" -o printer-error-policy=abort-job
check "raw queue created without -m" to "$W/lpstat.log" lpstat -p zebra
write_cfg "$W/ok.ini" zebra

# ---- bytes arrive exactly ------------------------------------------------------------
printf '^XA^CI28^FO20,20^A0N,30,30^FH^FD\355\225\234\352\270\200 _5E _7E^FS\n^XZ\n' >"$W/label.zpl"
head -c 4096 /dev/urandom >>"$W/label.zpl"
: >"$W/cap"
"$TOOLS/prnsend" -s "$CUPS_SOCK" zebra "$W/label.zpl" >"$W/send.out" 2>&1
check "prn_submit: job COMPLETED" has "$W/send.out" "state=COMPLETED"
check "prn_submit: the printer got exactly the bytes (incl. Hangul, binary)" \
    cmp -s "$W/label.zpl" "$W/cap"
SUBMIT_MS=$(sed -n 's/.*final_ms=\([0-9]*\).*/\1/p' "$W/send.out")
POLL_MS=$(sed -n 's/.*max_poll_ms=\([0-9]*\).*/\1/p' "$W/send.out")
check "one prn_job_poll step < 1000 ms (${POLL_MS:-?} ms)" lt "${POLL_MS:-9999}" 1000

# ---- print-test / print-commands / check -----------------------------------------------
: >"$W/cap"
ws "$W/pt.out" print-test -c "$W/db.ini"
TEST_MS=$MS
check "print-test: exit 0, COMPLETED" [ "$RC" -eq 0 ]
check "print-test: says COMPLETED" has "$W/pt.out" "COMPLETED"
bytes=$(sed -n 's/.*, \([0-9]*\) bytes:.*/\1/p' "$W/pt.out")
check "print-test: the printer got the label it reported (${bytes:-?} bytes)" \
    [ "$(wc -c <"$W/cap")" = "${bytes:-x}" ]
check "print-test: the label is ZPL for this station" has "$W/cap" '^XA.*\|P3-01'
job=$(sed -n 's/.*job \([0-9]*\),.*/\1/p' "$W/pt.out")
record "print-test: recorded TEST COMPLETED with the CUPS job id" "TEST|zebra|COMPLETED|$job|"

: >"$W/cap"
ws "$W/pc.out" print-commands -c "$W/db.ini"
check "print-commands: exit 0" [ "$RC" -eq 0 ]
missing=
for c in PASS FAIL OK CANCEL NEW REWORK SCRAP REPRINT TRACE BOARD LOGOUT YES NO NEXT PREV MENU HOLD RELEASE \
    DEFECT:SENSOR_5FTEMP_5FFAIL DEFECT:SENSOR_5FTOF_5FFAIL; do
    grep -q "\\^FDCMD:$c\\^FS" "$W/cap" || missing="$missing $c"
done
check "print-commands: every command and the defect codes${missing:+ (missing:$missing)}" \
    [ -z "$missing" ]
check "print-commands: two sheets (18 commands + 2 defects, 11 per sheet)" \
    [ "$(grep -c '^\^XA' "$W/cap")" -eq 2 ]
record "print-commands: recorded COMMANDS COMPLETED" "COMMANDS|zebra|COMPLETED|[0-9]*|"

write_cfg "$W/nodb.ini" zebra 10 203 "" "host=/nonexistent-wip-db connect_timeout=2"
ws "$W/nodb.out" print-commands -c "$W/nodb.ini"
check "print-commands without database: prints the commands (exit 0)" [ "$RC" -eq 0 ]
check "print-commands without database: says so" has "$W/nodb.out" "without defect codes"

ws "$W/check.out" check -c "$W/ok.ini"
check "check: printer ok line" has "$W/check.out" 'printer: ok: CUPS queue "zebra"'
write_cfg "$W/noq.ini" ""
ws "$W/check2.out" check -c "$W/noq.ini"
check "check: empty queue -> printer: not configured" has "$W/check2.out" "printer: not configured"

write_cfg "$W/300.ini" zebra 10 300
: >"$W/cap"
ws "$W/p300.out" print-test -c "$W/300.ini"
check "print-test at 300 dpi: COMPLETED, 40 mm = 480 dots" has "$W/cap" '\^PW480'

# ---- Korean text and fonts ----------------------------------------------------------------
# a station whose id is Korean: the test label's {{station}} field reaches the printer as a
# ^GF graphic drawn on the station (print/glyph.c), the rest as text
write_cfg "$W/ko.ini" zebra
sed -i 's/^id = P3-01$/id = P3-한국/' "$W/ko.ini"
: >"$W/cap"
ws "$W/ko.out" print-test -c "$W/ko.ini"
check "print-test, Korean station name: COMPLETED" sh -c "[ $RC -eq 0 ] && grep -q COMPLETED '$W/ko.out'"
check "print-test, Korean station name: the field is a ^GF graphic at its place" \
    has "$W/cap" '^\^FO20,44^GFA,[0-9]*,[0-9]*,[0-9]*,'
check "print-test, Korean station name: no Hangul bytes sent as text" lacks "$W/cap" '한국'
check "print-test, Korean station name: the rest stays text" has "$W/cap" '\^FDWIPSTATION TEST\^FS'
check "the binary does not link libfreetype (loaded only for such text)" \
    sh -c "! readelf -d '$WIPSTATION' | grep -q 'NEEDED.*libfreetype'"
printf 'bitmap_font = /nonexistent/font.ttf\n' >>"$W/ko.ini"
ws "$W/kofont.out" print-test -c "$W/ko.ini"
check "print-test, Korean text and no font: refused before printing, saying why (exit 2)" \
    sh -c "[ $RC -eq 2 ] && grep -q '/nonexistent/font.ttf' '$W/kofont.out'"
ws "$W/kocheck.out" check -c "$W/ko.ini"
check "check: the label font cannot be loaded -> labels: FAILED" \
    has "$W/kocheck.out" 'labels: FAILED.*/nonexistent/font.ttf'
ws "$W/okcheck.out" check -c "$W/ok.ini"
check "check: labels: ok, Korean text drawn with NanumGothic" \
    has "$W/okcheck.out" 'labels: ok: Korean text drawn on the station with .*NanumGothic.ttf'

# font-upload: ~DY (binary) by default, the name made from the file's
FONT=/usr/share/fonts/truetype/nanum/NanumGothic.ttf
: >"$W/cap"
ws "$W/fu.out" font-upload "$FONT" -c "$W/ok.ini"
check "font-upload: exit 0, COMPLETED ($MS ms)" sh -c "[ $RC -eq 0 ] && grep -q COMPLETED '$W/fu.out'"
check "font-upload: says which [printer] font to set" has "$W/fu.out" 'font = E:NANUMGOTHIC.TTF'
{ printf '~DYE:NANUMGOTHIC,B,T,%s,,' "$(wc -c <"$FONT")"; cat "$FONT"; printf '\n'; } >"$W/fu.want"
check "font-upload: the printer got ~DY and the font's bytes exactly" cmp -s "$W/fu.want" "$W/cap"
# ~DU (hex, .FNT) under the configured name
write_cfg "$W/du.ini" zebra
printf 'font = E:NANUMSQ.FNT\n' >>"$W/du.ini"
SQ=/usr/share/fonts/truetype/nanum/NanumSquareR.ttf
: >"$W/cap"
ws "$W/du.out" font-upload "$SQ" -c "$W/du.ini" --du
check "font-upload --du: exit 0" [ "$RC" -eq 0 ]
check "font-upload --du: ~DU under [printer] font, then the font in hex" \
    sh -c "head -c 64 '$W/cap' | grep -q '^~DUE:NANUMSQ.FNT,$(wc -c <"$SQ"),00010000' &&
           [ \$(wc -c <'$W/cap') -eq \$((\$(printf '~DUE:NANUMSQ.FNT,%s,' \$(wc -c <'$SQ') | wc -c) + 2 * \$(wc -c <'$SQ') + 1)) ]"
ws "$W/fu2.out" font-upload /nonexistent/x.ttf -c "$W/ok.ini"
check "font-upload: missing file: exit 1, says so" \
    sh -c "[ $RC -eq 1 ] && grep -q 'No such file' '$W/fu2.out'"
ws "$W/fu3.out" font-upload "$REPO/README.md" -c "$W/ok.ini"
check "font-upload: not a TrueType font: exit 2" \
    sh -c "[ $RC -eq 2 ] && grep -q 'not a TrueType font' '$W/fu3.out'"
ws "$W/fu4.out" font-upload "$SQ" -c "$W/du.ini"
check "font-upload: ~DY refuses a .FNT name (exit 2)" sh -c "[ $RC -eq 2 ] && grep -q '~DY' '$W/fu4.out'"
ws "$W/fu5.out" print-test -c "$W/ok.ini" --du
check "--du belongs to font-upload (exit 2)" [ "$RC" -eq 2 ]
ws "$W/fu6.out" font-upload -c "$W/ok.ini"
check "font-upload without FILE: exit 2" [ "$RC" -eq 2 ]

# ---- the printer dies ----------------------------------------------------------------
DEAD_PORT=$PORT
stop_fz
lpadmin -p zebra-retry -E -v "socket://127.0.0.1:$DEAD_PORT"
lpadmin -p zebra-stop -E -v "socket://127.0.0.1:$DEAD_PORT/?contimeout=2" \
    -o printer-error-policy=stop-printer
ws "$W/dead.out" print-test -c "$W/db.ini"
DEAD_MS=$MS
check "dead printer: print-test exit 1" [ "$RC" -eq 1 ]
check "dead printer: reported within 8 s ($DEAD_MS ms)" lt "$DEAD_MS" 8000
check "dead printer: CUPS's reason is shown" has "$W/dead.out" "FAILED.*not responding"
record "dead printer: the record says FAILED with the reason" \
    "TEST|zebra|FAILED|[0-9]*|*not responding*"

write_cfg "$W/retry.ini" zebra-retry 3
ws "$W/retry.out" print-test -c "$W/retry.ini"
check "queue retrying forever: our own bound ends it (TIMEOUT after 3 s: $MS ms)" \
    sh -c "[ $RC -eq 1 ] && [ $MS -lt 5000 ] && grep -q TIMEOUT '$W/retry.out'"
check "queue retrying forever: the job was canceled (no late label)" \
    [ -z "$(lpstat -o zebra-retry)" ]
record "queue retrying forever: TIMEOUT recorded" "TEST|zebra-retry|TIMEOUT|[0-9]*|no final state*"

t=$(now_ns)
"$TOOLS/prnsend" -s "$CUPS_SOCK" -w 15 zebra-stop "$W/label.zpl" >"$W/stop.out" 2>&1
STOPJOB_MS=$(ms_since "$t")
check "queue stopped by the failure (stop-printer): FAILED in $STOPJOB_MS ms, not after wait_s" \
    sh -c "grep -q 'state=FAILED.*is stopped' '$W/stop.out' && [ $STOPJOB_MS -lt 8000 ]"
check "queue stopped by the failure: job canceled" [ -z "$(lpstat -o zebra-stop)" ]

# ---- the printer is back: a reprint works ---------------------------------------------
: >"$W/cap"
start_fz "$DEAD_PORT" || bad "fake printer restarts on port $DEAD_PORT"
ws "$W/back.out" print-test -c "$W/db.ini"
check "printer back: reprint COMPLETED" sh -c "[ $RC -eq 0 ] && grep -q COMPLETED '$W/back.out'"
check "printer back: the label arrived" has "$W/cap" "P3-01"
check "printer back: nothing from the failed jobs came out late" \
    [ "$(grep -c '^\^XA' "$W/cap")" -eq 1 ]

# ---- a person's badge label (wipstation admin badge-label, as role wip_admin) -----------
write_cfg "$W/admin.ini" zebra 10 203 "" "user=wip_admin"
: >"$W/cap"
ws "$W/badge.out" admin badge-label op-0001 -c "$W/admin.ini"
check "admin badge-label: exit 0, COMPLETED" sh -c "[ $RC -eq 0 ] && grep -q COMPLETED '$W/badge.out'"
check "admin badge-label: a Code 128 of the badge" has "$W/cap" '\^BCN,100,N,N,N,A\^FH\^FDOP-0001\^FS'
check "admin badge-label: the name and the role" \
    sh -c "grep -q '\^FDKim Minsu\^FS' '$W/cap' && grep -q '\^FDOPERATOR   OP-0001\^FS' '$W/cap'"
record "admin badge-label: recorded BADGE COMPLETED with the CUPS job id" "BADGE|zebra|COMPLETED|[0-9]*|"
check "admin badge-label: audited as wip_admin" [ "$(sql "SELECT count(*) FROM wip_audit_log
    WHERE action = 'BADGE_LABEL' AND entity_key = 'OP-0001' AND db_role = 'wip_admin'")" = 1 ]
ws "$W/badge2.out" admin badge-label OP-0001 -c "$W/admin.ini" --queue nosuch-queue
check "admin badge-label, missing queue: exit 1 naming it" \
    sh -c "[ $RC -eq 1 ] && grep -q 'queue \"nosuch-queue\" does not exist' '$W/badge2.out'"
record "admin badge-label, missing queue: recorded FAILED" "BADGE|nosuch-queue|FAILED||*does not exist*"

# ---- queue problems -------------------------------------------------------------------
ws "$W/missing.out" print-test -c "$W/db.ini" --queue nosuch-queue
check "missing queue: exit 1 at once ($MS ms)" sh -c "[ $RC -eq 1 ] && [ $MS -lt 3000 ]"
check "missing queue: the error names the queue" \
    has "$W/missing.out" 'queue "nosuch-queue" does not exist'
record "missing queue: recorded FAILED" "TEST|nosuch-queue|FAILED||*does not exist*"
ws "$W/check3.out" check -c "$W/ok.ini" --queue nosuch-queue
check "check: missing queue -> printer: FAILED naming it" \
    sh -c "[ $RC -eq 1 ] && grep -q 'printer: FAILED.*nosuch-queue' '$W/check3.out'"

cupsdisable -r "Out of labels (test)" zebra
ws "$W/stopped.out" print-test -c "$W/db.ini"
check "stopped queue: exit 1 at once ($MS ms)" sh -c "[ $RC -eq 1 ] && [ $MS -lt 3000 ]"
check "stopped queue: says stopped, with CUPS's reason" \
    has "$W/stopped.out" 'is stopped: Out of labels (test)'
ws "$W/check4.out" check -c "$W/ok.ini"
check "check: stopped queue -> printer: FAILED" has "$W/check4.out" "printer: FAILED.*stopped"
cupsenable zebra
check "stopped queue: no job left behind" [ -z "$(lpstat -o zebra)" ]

cupsreject -r "Maintenance (test)" zebra
ws "$W/reject.out" print-test -c "$W/db.ini"
check "rejecting queue: exit 1 with CUPS's reason" \
    sh -c "[ $RC -eq 1 ] && grep -q 'not accepting jobs: Maintenance (test)' '$W/reject.out'"
cupsaccept zebra

write_cfg "$W/nocups.ini" zebra 10 203 /nonexistent-wip/cups.sock
ws "$W/nocups.out" print-test -c "$W/nocups.ini"
check "CUPS server unreachable: exit 1 within 4 s ($MS ms), names the server" \
    sh -c "[ $RC -eq 1 ] && [ $MS -lt 4000 ] &&
           grep -q 'CUPS server /nonexistent-wip/cups.sock' '$W/nocups.out'"

# a "CUPS server" that accepts the connection and never answers (fakezebra again)
"$TOOLS/fakezebra" "$W/sport" "$W/scap" 5 30 2>>"$W/fz.log" &
SFZ=$!
i=0
while [ ! -s "$W/sport" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
write_cfg "$W/silent.ini" zebra 10 203 "127.0.0.1:$(cat "$W/sport")"
ws "$W/silent.out" print-test -c "$W/silent.ini"
check "silent CUPS server: exit 1 within the 5 s submit bound ($MS ms)" \
    sh -c "[ $RC -eq 1 ] && [ $MS -lt 6000 ] && grep -q 'did not answer within 5 s' '$W/silent.out'"
stop_pid "$SFZ"
SFZ=''

ws "$W/usage.out" print-test -c "$W/noq.ini"
check "no queue configured: exit 2" [ "$RC" -eq 2 ]

# ---- libcups cannot be loaded (print/cups.c dlopen()s it on the first print) -------------
# The dynamic loader searches LD_LIBRARY_PATH first: a directory whose libcups.so.2 is an
# empty file makes dlopen fail; one whose libcups.so.2 is a library without CUPS's
# functions makes dlsym fail. Every print call must then fail with the loader's reason,
# the callers must show it, and nothing may crash (exit 1, not a signal).
check "the binary does not link libcups (loaded only to print)" \
    sh -c "! readelf -d '$WIPSTATION' | grep -q 'NEEDED.*libcups'"
mkdir -p "$W/nolib" "$W/nosym"
: >"$W/nolib/libcups.so.2"
${CC:-cc} -shared -o "$W/nosym/libcups.so.2" -x c /dev/null 2>"$W/nosym.log" ||
    bad "a library without CUPS's functions: $(cat "$W/nosym.log")"
: >"$W/cap"
LD_LIBRARY_PATH=$W/nolib "$TOOLS/prnsend" -s "$CUPS_SOCK" zebra "$W/label.zpl" >"$W/nolib.out" 2>&1
RC=$?
check "libcups unloadable: prn_submit refuses (exit 1), naming the loader's reason" \
    sh -c "[ $RC -eq 1 ] &&
           grep -q 'REFUSED.*printing unavailable: .*libcups.so.2: file too short' '$W/nolib.out'"
LD_LIBRARY_PATH=$W/nosym "$TOOLS/prnsend" -s "$CUPS_SOCK" zebra "$W/label.zpl" >"$W/nosym.out" 2>&1
RC=$?
check "libcups without its functions: prn_submit refuses (exit 1), naming the symbol" \
    sh -c "[ $RC -eq 1 ] &&
           grep -q 'REFUSED.*printing unavailable: libcups.so.2 has no cups' '$W/nosym.out'"
t=$(now_ns)
LD_LIBRARY_PATH=$W/nolib "$WIPSTATION" print-test -c "$W/db.ini" >"$W/nolib-pt.out" 2>&1
RC=$? MS=$(ms_since "$t")
check "libcups unloadable: print-test exit 1 at once ($MS ms), says why" \
    sh -c "[ $RC -eq 1 ] && [ $MS -lt 3000 ] &&
           grep -q 'FAILED.*printing unavailable: .*libcups.so.2' '$W/nolib-pt.out'"
record "libcups unloadable: recorded FAILED with the reason" \
    "TEST|zebra|FAILED||printing unavailable: *libcups.so.2*"
LD_LIBRARY_PATH=$W/nosym "$WIPSTATION" check -c "$W/ok.ini" >"$W/nolib-check.out" 2>&1
RC=$?
check "libcups unusable: check says printer: FAILED: printing unavailable (exit 1)" \
    sh -c "[ $RC -eq 1 ] && grep -q 'printer: FAILED: printing unavailable' '$W/nolib-check.out'"
check "libcups unloadable: nothing reached the printer" [ ! -s "$W/cap" ]

# ---- processes -------------------------------------------------------------------------
fzpid=$FZ
stop_fz
check "fake printer stopped (no zombie)" sh -c "! ps -o stat= -p $fzpid >/dev/null 2>&1"

echo "print: submit -> completed ${SUBMIT_MS:-?} ms (prnsend), ${TEST_MS:-?} ms (whole print-test);"
echo "print: dead printer reported in ${DEAD_MS:-?} ms, queue stopped by it in ${STOPJOB_MS:-?} ms"
echo "print: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
