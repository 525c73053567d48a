#!/bin/sh
# make demo: a station on an embedded throwaway PostgreSQL under ./demo/ (kept between
# runs; `make demo-clean` removes it), demo data, and labels going to a private cupsd
# whose fake Zebra printer keeps the ZPL in ./demo/labels/ (one file per label, named by
# station and time). Several demos may run at once, one per process: each has its own
# cupsd and printer and shares the database, which the last one to leave stops (each
# running demo holds a file demo/run/<pid>). The station's settings are in
# demo/P<n>.ini, written once and then left to you (language = ko ...).
#   sh tools/demo.sh run     (PROCESS=1..8 picks the station's process; default 1)
#   sh tools/demo.sh clean
# The terminal tests run it with DEMO_DIR (instead of ./demo) and DEMO_BIN (a directory
# holding wipstation and tools/ already built, so nothing is built here).
set -eu
cd "$(dirname "$0")/.."
PATH=$PATH:/usr/sbin:/sbin
export PATH
TOP=$PWD
B=${B:-build}
D=${DEMO_DIR:-$TOP/demo}
PROG=${DEMO_BIN:-$B/rel}
PROCESS=${PROCESS:-1}
DBNAME=wipstation_demo
say() { echo "demo: $*" >&2; }

deps() {
    sh "$TOP/tools/deps.sh" demo
}

pgbin() {
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && b=$d; done
    echo "$b"
}

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_up() {
    BIN=$(pgbin)
    mkdir -p "$D/pg"
    if [ ! -f "$D/pg/data/PG_VERSION" ]; then
        say "creating the demo database cluster in demo/pg"
        [ "$(id -u)" -ne 0 ] || chown postgres "$D/pg"
        as_owner "$BIN/initdb" -D "$D/pg/data" -U postgres -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --no-sync >"$D/initdb.log" 2>&1
    fi
    if ! as_owner "$BIN/pg_ctl" -D "$D/pg/data" status >/dev/null 2>&1; then
        as_owner "$BIN/pg_ctl" -D "$D/pg/data" -l "$D/pg/server.log" -w -t 30 -o \
            "-p 5432 -c listen_addresses='' -c unix_socket_directories='$D/pg' -c fsync=off -c synchronous_commit=off" \
            start >/dev/null 9>&- # the server must not inherit the lock of demo/run.lock
    fi
    export PGHOST="$D/pg" PGPORT=5432 PGUSER=postgres
}

# The demos running now: demo/run/<pid>, one per demo; files of demos that are gone
# (killed) are removed. Under demo/run.lock, so starting and stopping never interleave.
users() {
    for f in "$D"/run/[0-9]*; do
        [ -e "$f" ] || continue
        kill -0 "${f##*/}" 2>/dev/null || rm -f "$f"
    done
    ls "$D"/run 2>/dev/null | grep -c '^[0-9]*$'
}

lock() {
    exec 9>"$D/run.lock"
    if command -v flock >/dev/null 2>&1; then flock 9; fi
}

unlock() {
    exec 9>&-
}

pg_down() {
    BIN=$(pgbin)
    [ -f "$D/pg/data/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$D/pg/data" -m fast -w stop >/dev/null 2>&1
    return 0
}

load() {
    if [ "$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$DBNAME'")" = 0 ]; then
        psql -X -q -d postgres -c "CREATE DATABASE $DBNAME" >/dev/null
    fi
    PGDATABASE=$DBNAME "$PROG/wipstation" migrate | sed 's/^/demo: /' >&2
    # people, equipment and criteria through `wipstation admin`, once per demo database
    if [ "$(psql -X -At -d "$DBNAME" -c "SELECT count(*) FROM users WHERE badge_code = 'OP-0001'")" = 0 ]; then
        PGDATABASE=$DBNAME WIPSTATION="$PROG/wipstation" sh tools/demo-admin.sh | sed 's/^/demo: /' >&2
    fi
    "$PROG/tools/demo-load" "host=$D/pg port=5432 dbname=$DBNAME user=wip_station" | sed 's/^/demo: /' >&2
}

# The labels are part of the demo: a printer that does not start stops it, with the
# reason, rather than a station that says "no printer queue configured".
cups_up() {
    command -v cupsd >/dev/null 2>&1 || { say "cupsd is not installed (apt-get install cups)"; exit 1; }
    if ! out=$(sh tests/print/cupsd-env.sh start 2>"$D/cupsd.err"); then
        say "the private cupsd did not start:"; sed 's/^/demo:   /' "$D/cupsd.err" >&2; exit 1
    fi
    eval "$out"
    PORT=$D/run/printer-$$.port
    rm -f "$PORT"
    "$PROG/tools/demo-printer" "$D/labels" "$PORT" "P$PROCESS-DEMO" >>"$D/printer.log" 2>&1 &
    PRINTER_PID=$!
    i=0; while [ ! -s "$PORT" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$PORT" ] || { say "the demo printer did not start (see demo/printer.log)"; exit 1; }
    lpadmin -p zebra -E -v "socket://127.0.0.1:$(cat "$PORT")/?contimeout=2" \
        -o printer-error-policy=abort-job || { say "lpadmin could not add the demo queue"; exit 1; }
    DEMO_QUEUE=zebra; DEMO_CUPS=$CUPS_SERVER
}

cups_down() {
    [ -z "${PRINTER_PID:-}" ] || { kill "$PRINTER_PID" 2>/dev/null; wait "$PRINTER_PID" 2>/dev/null; }
    [ -z "${CUPSD_TEST_DIR:-}" ] || sh tests/print/cupsd-env.sh stop "$CUPSD_TEST_DIR" 2>/dev/null
    rm -f "${PORT:-}"
    return 0
}

# Runs once on the way out; a closed terminal sends SIGHUP more than once, so the
# cleanup ignores further signals and never stops half-way.
cleanup() {
    trap '' INT TERM HUP
    set +e
    cups_down >/dev/null 2>&1
    # the database stays up while another demo station still runs
    lock
    rm -f "$D/run/$$"
    if [ "$(users)" -eq 0 ]; then pg_down >/dev/null 2>&1; fi
    unlock
}

# demo/P<n>.ini: written when absent, then yours (make demo never overwrites it). The
# printer's server is left empty: each run's private cupsd is passed as CUPS_SERVER.
config() {
    CFG=$D/P$PROCESS.ini
    [ -f "$CFG" ] && return 0
    cat >"$CFG" <<INI
; written by the first make demo PROCESS=$PROCESS; edit freely: make demo keeps it
; (language = ko for Korean screens; make demo-clean removes it)
[database]
host = $D/pg
dbname = $DBNAME
user = wip_station

[station]
id = P$PROCESS-DEMO
process = $PROCESS
; auto, en or ko
language = auto
pin_for_operators = no
quit_at_login = yes
login_hint = Badges: OP-0001, MG-0001 (PIN 1234), AD-0001 (PIN 9999). Demo lot: $DEMO_LOT. Ctrl-Q twice: quit

[printer]
queue = zebra
server =
dpi = 203
templates = $TOP/etc/labels
INI
}

run() {
    case $PROCESS in [1-8]) ;; *) say "PROCESS must be 1 to 8"; exit 2 ;; esac
    deps
    [ -n "${DEMO_BIN:-}" ] || make -s B="$B" all tools
    mkdir -p "$D/labels" "$D/run"
    trap cleanup EXIT
    trap 'exit 1' INT TERM HUP
    lock
    : >"$D/run/$$"
    pg_up
    unlock
    load
    cups_up
    DEMO_LOT=$(psql -X -At -d "$DBNAME" -c "SELECT lot_number FROM lots WHERE status <> 'CLOSED'
        ORDER BY id LIMIT 1")
    config
    cat >&2 <<TXT
demo: station P$PROCESS-DEMO (process $PROCESS). Badges to scan or type at the login screen:
demo:   OP-0001  operator    (no PIN)      MG-0001  supervisor  PIN 1234      AD-0001  admin  PIN 9999
demo: demo lot: $DEMO_LOT (scan it first at process 1)   |  labels: demo/labels/P$PROCESS-DEMO-*.zpl
demo: settings (language = ko ...): demo/P$PROCESS.ini, kept between runs
demo: leave: Ctrl-Q logs out, Ctrl-Q again at the badge prompt quits
demo: other processes: make demo PROCESS=3   |  remove everything: make demo-clean
TXT
    case $B in /*) LOCALES=$B/locale ;; *) LOCALES=$TOP/$B/locale ;; esac
    CUPS_SERVER=$DEMO_CUPS WIPSTATION_LOCALEDIR="$LOCALES" "$PROG/wipstation" -c "$CFG"
}

clean() {
    [ "$(users)" -eq 0 ] || { say "a demo station is still running: close it first"; exit 1; }
    pg_down
    rm -rf "$D"
    say "removed demo/"
}

case "${1:-run}" in
    run) run ;;
    clean) clean ;;
    *) echo "usage: $0 run | clean" >&2; exit 2 ;;
esac
