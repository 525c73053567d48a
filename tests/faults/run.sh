#!/bin/sh
# tests/faults/run.sh [check|soak]: faults, races and hostile timing on a throwaway
# PostgreSQL (reliability): scripted stations (tests/tools/stationsim) work
# the same lots while the server is stopped -m immediate, backends are terminated, a
# station process is killed, and a primary fails over to its synchronous standby.
# After each: the stations reconnected by themselves and made progress, every
# transition they saw committed is in the database (and nothing beyond the ones whose
# outcome was unknown), and tests/faults/invariants.sql finds no violation.
#   check (default, make check-faults): about 110 s. Also: the last two units of a lot
#        finishing at once, a write waiting past lock_timeout, a backend that stops
#        answering, invariants.sql on planted violations.
#   soak (make soak): SOAK_SECONDS (300) of 16 stations with a fault every 20 s, then a
#        frozen station (SIGSTOP past idle_in_transaction_session_timeout).
#   only SCENARIO... (development): e.g. "only lot_race failover".
# Env: B (build dir), WIPSTATION, SIM and RACE (tests/tools/stationsim, faultrace),
#      SOAK_SECONDS, SOAK_STATIONS.
# Prints "N passed, M failed"; exit 1 on any failure. Loopback and unix sockets only.
set -u
cd "$(dirname "$0")/../.." || exit 2
PATH=$PATH:/usr/sbin:/sbin
export PATH
MODE=${1:-check}
B=${B:-build}
W=${WIPSTATION:-$B/asan/wipstation}
SIM=${SIM:-$B/asan/tests/tools/stationsim}
RACE=${RACE:-$B/asan/tests/tools/faultrace}
LOG=$B/asan/faults
mkdir -p "$LOG"
unset PGAPPNAME PGSERVICE PGTARGETSESSIONATTRS PGCONNECT_TIMEOUT
export PGOPTIONS='-c client_min_messages=warning' # psql only: core sets its own options
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
pass=0; fail=0
SIMPIDS=; SB=; SBPORT=; FROZEN=

ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
t() { d=$1; shift; if "$@"; then ok "$d"; else no "$d"; fi; }
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

for f in "$W" "$SIM" "$RACE"; do
    [ -x "$f" ] || { echo "faults: $f not built"; echo "0 passed, 1 failed"; exit 1; }
done

cleanup() {
    set +e
    [ -z "$FROZEN" ] || kill -CONT "$FROZEN" 2>/dev/null
    for p in $SIMPIDS; do kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    if [ -n "$SB" ] && [ -f "$SB/postmaster.pid" ]; then
        runuser -u postgres -- "$PG_TEST_BIN/pg_ctl" -D "$SB" -m immediate -w stop >/dev/null 2>&1
    fi
    [ -z "${PG_TEST_DIR:-}" ] || sh tests/pg-env.sh stop "$PG_TEST_DIR"
}

# The primary listens on 127.0.0.1 too (for the standby and the failover conninfo).
# synchronous_commit=on: a commit the server acknowledged survives an immediate stop.
eval "$(PG_TEST_TCP=1 PG_TEST_MAXCONN=120 PG_TEST_OPTS='-c synchronous_commit=on' \
        sh tests/pg-env.sh start)" || { echo "faults: cannot start PostgreSQL"; exit 1; }
trap cleanup EXIT
trap 'exit 1' INT TERM
export PGUSER=postgres PGDATABASE=postgres
P1=$PGPORT
INI=$LOG/wipstation.ini
printf '[database]\nconninfo =\n' >"$INI"

q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# newdb NAME: a fresh database with the schema and the master data.
newdb() {
    q postgres "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null &&
        q postgres "CREATE DATABASE $1" >/dev/null &&
        PGDATABASE=$1 "$W" migrate -c "$INI" >"$LOG/$1.migrate.log" 2>&1 &&
        psql -X -q -v ON_ERROR_STOP=1 -d "$1" -f tools/demo-master.sql >/dev/null
}

station_ci() { echo "host=$PGHOST port=$P1 dbname=$1 user=wip_station"; }

# sim NAME ARGS...: runs stationsim in the background; its pid in SIMPID.
sim() {
    simname=$1; shift
    "$SIM" "$@" >"$LOG/$simname.out" 2>"$LOG/$simname.err" &
    SIMPID=$!
    SIMPIDS="$SIMPIDS $SIMPID"
}

# simwait NAME: waits for the background stationsim; prints its summary; its status.
simwait() {
    wait "$SIMPID"
    rc=$?
    SIMPIDS=$(echo "$SIMPIDS" | sed "s/ $SIMPID\$//; s/ $SIMPID / /")
    sed -n -e 's/^stationsim: /  sim: /p' -e 's/^kinds: /  kinds: /p' \
        -e 's/^refusals: /  refusals: /p' "$LOG/$1.out"
    grep -v '^$' "$LOG/$1.err" | head -n 20 | sed 's/^/  stderr: /'
    return $rc
}

# field NAME KEY: a key=value of the stationsim summary line.
field() {
    sed -n 's/^stationsim: //p' "$LOG/$1.out" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

field_is() { [ "$(field "$1" "$2")" = "$3" ]; }
field_gt() { v=$(field "$1" "$2"); [ -n "$v" ] && [ "$v" -gt "$3" ]; }
progressed() {
    r=$(field "$1" reconnected_stations); p=$(field "$1" progressed_after_reconnect)
    [ -n "$r" ] && [ "$r" -gt 0 ] && [ "$r" = "$p" ] && field_is "$1" gave_up 0
}

# counts NAME DB: everything the stations saw committed is there, nothing beyond what
# was committed or unknown ("expect KIND LO HI" lines of stationsim).
count_sql() {
    case $1 in
    lots) echo "SELECT count(*) FROM lots" ;;
    wip_items) echo "SELECT count(*) FROM wip_items" ;;
    attempts) echo "SELECT (SELECT count(*) FROM wip_process_history)
                     + (SELECT count(*) FROM process_data WHERE station_id IS NOT NULL)" ;;
    serials) echo "SELECT count(*) FROM serials" ;;
    passes|fails)
        r=PASS; [ "$1" = passes ] || r=FAIL
        echo "SELECT (SELECT count(*) FROM wip_process_history WHERE result = '$r')
                   + (SELECT count(*) FROM process_data
                       WHERE station_id IS NOT NULL AND result = '$r')" ;;
    dispositions) echo "SELECT count(*) FROM wip_dispositions" ;;
    reworks) echo "SELECT count(*) FROM wip_dispositions WHERE decision = 'REWORK'" ;;
    scrapped) echo "SELECT (SELECT count(*) FROM wip_items WHERE status = 'SCRAPPED')
                     + (SELECT count(*) FROM serials WHERE status = 'SCRAPPED')" ;;
    *) echo "SELECT -1" ;;
    esac
}

counts() {
    bad=0; n=0
    while read -r _ kind lo hi; do
        got=$(q "$2" "$(count_sql "$kind")") || got=-1
        n=$((n + 1))
        if [ "$got" -lt "$lo" ] || [ "$got" -gt "$hi" ]; then
            echo "  $kind: database has $got, stations saw $lo committed (+ $((hi - lo)) unknown)"
            bad=1
        fi
    done <<EOF
$(grep '^expect ' "$LOG/$1.out")
EOF
    [ "$n" -ge 9 ] && [ "$bad" -eq 0 ]
}

invariants() { sh tests/faults/check-invariants.sh "$1"; }

# sessions DB: backends of stations (application_name P...) still connected to DB.
sessions() {
    q postgres "SELECT count(*) FROM pg_stat_activity
                WHERE datname = '$1' AND application_name LIKE 'P%'"
}
idle_tx() {
    q postgres "SELECT count(*) FROM pg_stat_activity WHERE datname = '$1'
                AND application_name LIKE 'P%' AND state LIKE 'idle in transaction%'"
}

pg_stop_immediate() {
    runuser -u postgres -- "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop \
        >/dev/null 2>&1
}

# since DB TIME: work recorded after TIME
since() {
    test "$(q "$1" "SELECT count(*) FROM wip_process_history WHERE started_at > '$2'")" -gt 0
}

# fleet LABEL DB N SECONDS SEED [ARG...]: a fresh database DB and N stations working it
# for SECONDS (stationsim in the background, named DB); fails, as a failed check named
# LABEL, when the database cannot be made.
fleet() {
    fl_label=$1 fl_db=$2 fl_n=$3 fl_secs=$4 fl_seed=$5
    shift 5
    newdb "$fl_db" || { no "$fl_label: database setup"; return 1; }
    sim "$fl_db" -c "$(station_ci "$fl_db")" -n "$fl_n" -t "$fl_secs" -s "$fl_seed" "$@"
}

# intact LABEL DB [WHAT]: what the stations saw committed is in DB (WHAT says how it is
# put) and the invariants hold.
intact() {
    t "$1: ${3:-nothing committed lost, nothing beyond unknown outcomes}" counts "$2" "$2"
    t "$1: invariants hold" invariants "$2"
}

# recovered LABEL DB MARK EVENT: after faults, every station reconnected and went on, work
# was recorded after MARK (the time of the last EVENT), and DB is intact.
recovered() {
    t "$1: every station reconnected by itself and made progress" progressed "$2"
    t "$1: work recorded after the last $4" since "$2" "$3"
    intact "$1" "$2"
}

# ---- 1. short soak: many stations, no fault ---------------------------------------------
soak_short() {
    fleet soak f_soak 16 "${1:-20}" 11 || return
    t "soak: 16 stations ran to the time bound" simwait f_soak
    t "soak: stations made transitions (> 1000)" field_gt f_soak transitions 1000
    t "soak: every station logged in and worked to the end" \
        test "$(field f_soak login_failed)/$(field f_soak gave_up)" = 0/0
    t "soak: no connection or database error" field_is f_soak conn_errors 0
    t "soak: no unexpected database error" field_is f_soak db_errors 0
    t "soak: units went all the way through process 8 (> 10)" field_gt f_soak units_done 10
    intact soak f_soak "database holds exactly what the stations committed"
}

# ---- 1b. the last two units of a lot finish at the same moment -------------------------------
lot_race() {
    newdb f_race || { no "lot race: database setup"; return; }
    "$RACE" -c "$(station_ci f_race)" -r "${1:-100}" >"$LOG/f_race.out" 2>"$LOG/f_race.err"
    rc=$?
    sed 's/^/  /' "$LOG/f_race.out"; head -n 5 "$LOG/f_race.err" | sed 's/^/  stderr: /'
    t "lot race: every round ran" test $rc -eq 0 -a -n "$(grep 'errors=0$' "$LOG/f_race.out")"
    t "lot race: each lot whose last two units passed at once is COMPLETED" \
        grep -q ' stuck=0 ' "$LOG/f_race.out"
    t "lot race: invariants hold" invariants f_race
}

# ---- 1c. a write waits past lock_timeout; core rolls back and retries -------------------------
lock_wait() {
    newdb f_busy || { no "lock wait: database setup"; return; }
    "$RACE" -b -c "$(station_ci f_busy)" >"$LOG/f_busy.out" 2>"$LOG/f_busy.err"
    rc=$?
    sed 's/^/  /' "$LOG/f_busy.out"; head -n 5 "$LOG/f_busy.err" | sed 's/^/  stderr: /'
    t "lock wait: the completion is recorded on retry or refused as busy, never a database error" \
        grep -q -e 'busy rc=ok why=R_OK' -e 'busy rc=database busy, not recorded why=R_BUSY' \
        "$LOG/f_busy.out"
    t "lock wait: the station's next call works (no aborted transaction, prepares kept)" \
        test $rc -eq 0 -a -n "$(grep ' then=ok$' "$LOG/f_busy.out")"
    t "lock wait: invariants hold" invariants f_busy
}

# ---- 2. the server stops (-m immediate) twice while stations work ------------------------
restart_fault() {
    fleet restart f_restart 16 13 12 -v || return
    wait_sessions f_restart 16
    sleep 2
    pg_stop_immediate
    sleep 1
    t "restart: server up again after an immediate stop (crash recovery)" sh tests/pg-env.sh restart
    sleep 3
    pg_stop_immediate
    sleep 0.5
    t "restart: server up again after a second immediate stop" sh tests/pg-env.sh restart
    mark=$(q postgres "SELECT now()")
    t "restart: stationsim survived (no crash, no hang)" simwait f_restart
    t "restart: the faults reached the stations" field_gt f_restart conn_errors 0
    recovered restart f_restart "$mark" restart
}

# ---- 3. backends terminated under the stations --------------------------------------------
terminate_fault() {
    fleet terminate f_term 16 13 13 -v || return
    wait_sessions f_term 16
    sleep 1
    killed=0
    for _ in 1 2 3 4 5 6; do
        k=$(q postgres "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                        WHERE datname = 'f_term' AND application_name LIKE 'P%'") || k=0
        killed=$((killed + k))
        sleep 0.5
    done
    mark=$(q postgres "SELECT now()")
    echo "  terminate: $killed backends terminated in 6 rounds"
    t "terminate: stationsim survived" simwait f_term
    t "terminate: backends were terminated (> 16)" test "$killed" -gt 16
    recovered terminate f_term "$mark" termination
}

# ---- 3b. a backend stops answering (SIGSTOP: a frozen server process, a storage stall) -----
# Neither a unix socket nor TCP keepalives (the server's kernel answers them) notice it;
# core gives the connection up after 10 s without an answer and the station reconnects.
frozen_backend() {
    fleet "frozen backend" f_hung 8 16 19 -H 15 -v || return
    wait_sessions f_hung 8
    sleep 1
    FROZEN=$(q postgres "SELECT pid FROM pg_stat_activity
                         WHERE datname = 'f_hung' AND application_name = 'P2-S01'")
    kill -STOP "$FROZEN"
    sleep 12
    kill -CONT "$FROZEN"
    FROZEN=
    t "frozen backend: no station hung (watchdog 15 s)" simwait f_hung
    t "frozen backend: its station gave the connection up, reconnected and went on" \
        grep -q '^station P2-S01 .* conn_errors=[1-9].* ok_after_reconnect=[1-9]' "$LOG/f_hung.out"
    intact "frozen backend" f_hung
}

# ---- 4. a station process dies mid-transition (SIGKILL, SIGHUP) or is stopped (SIGTERM) --
wait_sessions() { # DB N: until DB has N station sessions (<= 10 s)
    for _ in $(seq 200); do [ "$(sessions "$1")" -ge "$2" ] && return 0; sleep 0.05; done
    return 1
}

gone_ms() { # DB: ms until no station session is left (<= 35 s), or fails
    s=$(date +%s%N)
    for _ in $(seq 700); do
        [ "$(sessions "$1")" -eq 0 ] && { ms "$s"; return 0; }
        sleep 0.05
    done
    return 1
}

kill_station() {
    newdb f_kill || { no "kill: database setup"; return; }
    for sig in KILL HUP; do
        sim "f_kill_$sig" -c "$(station_ci f_kill)" -n 8 -t 60 -s 15
        wait_sessions f_kill 8 && sleep 1
        kill "-$sig" "$SIMPID"
        simwait "f_kill_$sig"
        open=$(idle_tx f_kill)
        g=$(gone_ms f_kill) || g=never
        if [ "$g" != never ] && [ "$g" -lt 5000 ]; then
            ok "kill -$sig: the server ended the dead station's sessions in $g ms (< 5000)"
        else
            no "kill -$sig: the dead station's sessions ended after $g ms"
        fi
        echo "  kill -$sig: $open sessions idle in transaction right after the kill"
        t "kill -$sig: nothing idle in transaction left" test "$(idle_tx f_kill)" -eq 0
        t "kill -$sig: invariants hold (no half state)" invariants f_kill
    done
    sim f_kill_after -c "$(station_ci f_kill)" -n 8 -t 4 -s 16
    t "kill: stations started again on the same data" simwait f_kill_after
    t "kill: the new stations made transitions" field_gt f_kill_after transitions 10
    t "kill: invariants hold after the new stations" invariants f_kill
}

term_station() {
    fleet sigterm f_sigterm 8 60 17 || return
    wait_sessions f_sigterm 8 && sleep 1
    kill -TERM "$SIMPID"
    t "sigterm: stations stopped gracefully (exit 0, summary)" simwait f_sigterm
    t "sigterm: no session left" test "$(sessions f_sigterm)" -eq 0
    intact sigterm f_sigterm "database holds exactly what the stations committed"
}

# ---- 5. the invariant check finds planted violations -----------------------------------------
# tests/faults/planted.txt: one broken rule a line, planted together in a copy of the
# soak database; the check must name each.
planted() {
    q postgres "DROP DATABASE IF EXISTS f_planted WITH (FORCE)" >/dev/null
    if ! q postgres "CREATE DATABASE f_planted TEMPLATE f_soak" >/dev/null; then
        no "planted: copy of the soak database"; return
    fi
    grep -v '^#' tests/faults/planted.txt | while IFS='|' read -r _ sql; do
        printf 'SET session_replication_role = replica;\n%s;\n' "$sql"
    done | psql -X -q -v ON_ERROR_STOP=1 -d f_planted >"$LOG/planted.log" 2>&1 ||
        { no "planted: violations planted"; cat "$LOG/planted.log"; return; }
    psql -X -q -At -F '|' -d f_planted -f tests/faults/invariants.sql >"$LOG/planted.out" 2>&1
    grep -v '^#' tests/faults/planted.txt | while IFS='|' read -r name _; do
        if grep -q "^$name|" "$LOG/planted.out"; then
            echo "ok - invariants: a planted '$name' violation is found"
        else
            echo "not ok - invariants: a planted '$name' violation is not found"
        fi
    done >"$LOG/planted.tap"
    cat "$LOG/planted.tap"
    pass=$((pass + $(grep -c '^ok' "$LOG/planted.tap")))
    fail=$((fail + $(grep -c '^not ok' "$LOG/planted.tap")))
}

# ---- 6. failover: the primary dies, its synchronous standby is promoted -------------------
standby_start() {
    SB=$PG_TEST_DIR/standby
    runuser -u postgres -- mkdir -p "$PG_TEST_DIR/sbsock" || return 1
    runuser -u postgres -- "$PG_TEST_BIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres \
        -D "$SB" -R -X stream -c fast >"$LOG/basebackup.log" 2>&1 || return 1
    SBPORT=$((P1 + 1))
    maxconn=$(q postgres "SHOW max_connections")
    for _ in $(seq 20); do
        o="-p $SBPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_TEST_DIR/sbsock"
        o="$o -c fsync=off -c synchronous_commit=on -c synchronous_standby_names="
        o="$o -c max_connections=$maxconn"
        if runuser -u postgres -- "$PG_TEST_BIN/pg_ctl" -D "$SB" -l "$PG_TEST_DIR/standby.log" \
            -w -t 30 -o "$o" start >/dev/null 2>&1; then
            break
        fi
        grep -q -e 'could not bind' -e 'already in use' "$PG_TEST_DIR/standby.log" || return 1
        SBPORT=$((SBPORT + 1))
    done
    # commits wait until the standby has the WAL: nothing acknowledged is lost on failover
    q postgres "ALTER SYSTEM SET synchronous_standby_names = '*'" >/dev/null &&
        q postgres "SELECT pg_reload_conf()" >/dev/null || return 1
    for _ in $(seq 100); do
        n=$(q postgres "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'sync'")
        [ "$n" = 1 ] && return 0
        sleep 0.1
    done
    return 1
}

failover() {
    newdb f_fo || { no "failover: database setup"; return; }
    if ! standby_start; then
        no "failover: streaming standby set up"
        tail -n 20 "$LOG/basebackup.log" "$PG_TEST_DIR/standby.log" 2>/dev/null
        return
    fi
    ok "failover: synchronous streaming standby on 127.0.0.1:$SBPORT"
    ci="host=127.0.0.1,127.0.0.1 port=$P1,$SBPORT dbname=f_fo user=wip_station"
    sim f_fo -c "$ci target_session_attrs=read-write connect_timeout=2" -n 16 -t 13 -s 18 -v
    wait_sessions f_fo 16
    sleep 3
    pg_stop_immediate
    sleep 1
    s=$(date +%s%N)
    t "failover: standby promoted" \
        runuser -u postgres -- "$PG_TEST_BIN/pg_ctl" -D "$SB" -w -t 30 -s promote
    echo "  failover: promotion took $(ms "$s") ms"
    export PGHOST=127.0.0.1 PGPORT=$SBPORT
    mark=$(q postgres "SELECT now()")
    t "failover: stationsim survived" simwait f_fo
    t "failover: every station moved to the new primary and made progress" progressed f_fo
    t "failover: work recorded on the new primary" since f_fo "$mark"
    t "failover: nothing committed lost (synchronous standby)" counts f_fo f_fo
    t "failover: invariants hold on the new primary" invariants f_fo
}

# ---- soak mode -------------------------------------------------------------------------------
soak_long() {
    secs=${SOAK_SECONDS:-300}
    n=${SOAK_STATIONS:-16}
    fleet "long soak" f_long "$n" "$secs" 21 -v || return
    end=$(( $(date +%s) + secs )); k=0; killed=0; restarts=0
    while [ "$(date +%s)" -lt $((end - 25)) ] && kill -0 "$SIMPID" 2>/dev/null; do
        sleep 20
        k=$((k + 1))
        if [ $((k % 3)) -eq 0 ]; then
            pg_stop_immediate; sleep 1; sh tests/pg-env.sh restart && restarts=$((restarts + 1))
        else
            c=$(q postgres "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                            WHERE datname = 'f_long' AND application_name LIKE 'P%'") || c=0
            killed=$((killed + c))
        fi
    done
    echo "  long soak: $n stations, $secs s, $restarts immediate restarts," \
        "$killed backends terminated"
    t "long soak: stationsim survived" simwait f_long
    t "long soak: stations made transitions" field_gt f_long transitions 1000
    if [ $((restarts + killed)) -gt 0 ]; then
        t "long soak: every station reconnected and made progress" progressed f_long
    fi
    intact "long soak" f_long "nothing committed lost"
}

# A frozen station (SIGSTOP) caught inside a transaction: the server ends it after
# idle_in_transaction_session_timeout (5 s, set by core), the other work goes on, and the
# station reconnects when it thaws.
frozen() {
    fleet frozen f_frozen 8 75 22 -w 0 -v || return
    wait_sessions f_frozen 8 && sleep 2
    caught=0
    for _ in $(seq 400); do
        kill -STOP "$SIMPID"
        [ "$(idle_tx f_frozen)" -gt 0 ] && { caught=1; break; }
        kill -CONT "$SIMPID"
        sleep 0.02
    done
    if [ $caught -eq 1 ]; then
        s=$(date +%s%N)
        for _ in $(seq 450); do [ "$(idle_tx f_frozen)" -eq 0 ] && break; sleep 0.1; done
        g=$(ms "$s")
        kill -CONT "$SIMPID"
        t "frozen: the server ended the frozen transaction ($g ms, timeout 5 s)" \
            test "$g" -lt 15000
    else
        no "frozen: no station caught inside a transaction in 400 tries"
    fi
    t "frozen: stationsim carried on after thawing" simwait f_frozen
    [ $caught -eq 0 ] || t "frozen: the stations reconnected and made progress" progressed f_frozen
    intact frozen f_frozen "nothing committed lost"
}

# run SCENARIO [ARG]: one scenario, and how long it took
run() {
    s0=$(date +%s%N)
    "$@"
    echo "  ($1: $(ms "$s0") ms)"
}

case $MODE in
only) # run.sh only SCENARIO...: e.g. only frozen failover (for development)
    shift
    for f in "$@"; do run "$f"; done
    ;;
soak)
    run soak_long
    run frozen
    ;;
*)
    run soak_short 16
    run lot_race 100
    run lock_wait
    run restart_fault
    run terminate_fault
    run frozen_backend
    run kill_station
    run term_station
    run planted
    run failover
    ;;
esac
echo "faults: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
