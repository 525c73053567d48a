#!/bin/sh
# tests/rig/run.sh — test rigs against a station (make check-rig): the rig simulator
# (tests/tools/rigsim) speaks the original protocol to a station without a screen
# (tests/tools/rigstation, the same rig service the terminal station runs) on a
# throwaway PostgreSQL, over a Unix socket and TCP and through the drop folder:
#   50 units START and COMPLETE with nobody typing, every message sent twice (the second
#   answered from its key, nothing recorded twice); COMPLETE without START; a unit at
#   another process; a message for another process; malformed frames (length 0, 2^31,
#   cut short, not JSON, wrong types, 10 MB, no length prefix); a rig sending one byte a
#   second and an idle one while others are served; nobody logged in; an operator who
#   confirms or cancels; drop-folder files good, malformed, duplicated, and written while
#   the database is stopped (each recorded exactly once after it returns); a run of rigs
#   while the server stops -m immediate and restarts, sent again; then
#   tests/faults/invariants.sql finds no violation.
# Env: B (build dir), RIGSIM, RIGSTATION. Prints "N passed, M failed"; exit 1 on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
PATH=$PATH:/usr/sbin:/sbin
B=${B:-build}
SIM=${RIGSIM:-$B/asan/tests/tools/rigsim}
STN=${RIGSTATION:-$B/asan/tests/tools/rigstation}
W=${WIPSTATION:-$B/asan/wipstation}
LOG=$(pwd)/$B/asan/rig-run # absolute: a socket path is one; not asan/rig, librig.a's objects
rm -rf "$LOG"
mkdir -p "$LOG"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
unset PGAPPNAME PGSERVICE PGTARGETSESSIONATTRS
pass=0; fail=0; PIDS=
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
t() { d=$1; shift; if "$@"; then ok "$d"; else no "$d"; fi; }

for f in "$SIM" "$STN" "$W"; do
    [ -x "$f" ] || { echo "rig: $f not built"; echo "0 passed, 1 failed"; exit 1; }
done

cleanup() {
    set +e
    for p in $PIDS; do kill -TERM "$p" 2>/dev/null; done
    sleep 0.3
    for p in $PIDS; do kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    [ -z "${PG_TEST_DIR:-}" ] || sh tests/pg-env.sh stop "$PG_TEST_DIR"
}
eval "$(PG_TEST_TCP=1 PG_TEST_OPTS='-c synchronous_commit=on' sh tests/pg-env.sh start)" ||
    { echo "rig: cannot start PostgreSQL"; echo "0 passed, 1 failed"; exit 1; }
trap cleanup EXIT
trap 'exit 1' INT TERM
export PGUSER=postgres PGDATABASE=postgres
DB=r_rig
CI="host=$PGHOST port=$PGPORT dbname=$DB user=wip_station"
SOCK=$LOG/rig.sock
SPOOL=$LOG/spool

q() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$DB" -c "$1"; }
units() { psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -v lot="$1" -v n="$2" -f tests/rig/units.sql >/dev/null; }
printf '[database]\nconninfo =\n' >"$LOG/wipstation.ini"
psql -X -q -d postgres -c "CREATE DATABASE $DB" >/dev/null &&
    PGDATABASE=$DB "$W" migrate -c "$LOG/wipstation.ini" >"$LOG/migrate.log" 2>&1 &&
    psql -X -q -v ON_ERROR_STOP=1 -d "$DB" -f tools/demo-master.sql >/dev/null &&
    units KR01PSA2512001 50 && units KR01PSA2512002 20 && units KR01PSA2512003 40 &&
    units KR01PSA2512004 5 ||
    { no "database setup"; echo "$pass passed, $fail failed"; exit 1; }

# station NAME ARGS...: a rigstation in the background, its pid in SPID, ready when it says so
station() {
    name=$1; shift
    "$STN" -c "$CI" -p 3 "$@" >"$LOG/$name.out" 2>"$LOG/$name.err" &
    SPID=$!
    PIDS="$PIDS $SPID"
    for _ in $(seq 100); do grep -q '^ready' "$LOG/$name.out" 2>/dev/null && return 0; sleep 0.05; done
    return 1
}
stop_station() { kill -TERM "$1" 2>/dev/null; wait "$1" 2>/dev/null; }
reply_code() { "$SIM" -a "$1" send "$2" 2>/dev/null | awk '{print $2}'; }
attempts() { # LOT RESULT: process-3 attempts of the lot's units with that result
    q "SELECT count(*) FROM wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id
       JOIN lots l ON l.id = w.lot_id WHERE l.lot_number = '$1' AND h.process_id = 3
       AND h.result IS NOT DISTINCT FROM $2"
}
wait_for() { # SECONDS CMD...: until CMD succeeds
    n=$(($1 * 10)); shift
    while [ "$n" -gt 0 ]; do "$@" && return 0; sleep 0.1; n=$((n - 1)); done
    return 1
}
files() { find "$SPOOL/$1" -maxdepth 1 -name '*.json' | wc -l; }
W1=KR01PSA2512001; W2=KR01PSA2512002; W3=KR01PSA2512003

# ---- 1. fifty units, nobody typing, every message twice ------------------------------------
station main -s P3-RIG -l "$SOCK" -d "$SPOOL" || no "station started"
"$SIM" -a "$SOCK" run -L $W1 -n 50 -F 10 -D >"$LOG/run50.out" 2>"$LOG/run50.err"
t "50 units: every START and COMPLETE answered OK, each repeat with the same reply" \
    grep -q ' ok=1 ' "$LOG/run50.out"
sed 's/^/  /' "$LOG/run50.out"
t "50 units: 45 PASS and 5 FAIL recorded at process 3 (the station's judgement)" \
    test "$(attempts $W1 "'PASS'")/$(attempts $W1 "'FAIL'")" = 45/5
t "50 units: 100 messages recorded under their keys, 100 repeats answered from them" \
    test "$(q "SELECT count(*) FROM wip_rig_messages")" = 100
t "50 units: the FAILs carry the process's defect code and the rig's data" \
    test "$(q "SELECT count(*) FROM wip_process_history WHERE process_id = 3 AND result = 'FAIL'
               AND process_data->>'defect' = 'SENSOR_TEMP_FAIL' AND process_data->'rig'->>'result' = 'FAIL'")" = 5

# ---- 2. refusals of the rules ------------------------------------------------------------------
C2="{\"message_type\":\"COMPLETE\",\"wip_id\":\"$W2-W0020\",\"result\":\"PASS\",\"measurements\":[{\"code\":\"measured_temp\",\"value\":60},{\"code\":\"tof_i2c\",\"value\":1}]}"
t "COMPLETE without START: NO_OPEN_ATTEMPT" test "$(reply_code "$SOCK" "$C2")" = NO_OPEN_ATTEMPT
t "... and nothing recorded" test "$(attempts $W2 "'PASS'")" = 0
q "UPDATE wip_process_history SET completed_at = NULL, result = NULL, process_data = NULL
   WHERE 1 = 0" >/dev/null
# a unit that passed only process 1 is at process 2: its own process waits for it
psql -X -q -d "$DB" -c "SET session_replication_role = replica;
    DELETE FROM wip_process_history h USING wip_items w WHERE w.id = h.wip_item_id
    AND w.wip_id = '$W2-W0019' AND h.process_id = 2" >/dev/null
C3="{\"message_type\":\"COMPLETE\",\"wip_id\":\"$W2-W0019\",\"result\":\"PASS\",\"measurements\":[]}"
S3="{\"message_type\":\"START\",\"wip_id\":\"$W2-W0019\"}"
t "COMPLETE for a unit at another process: NO_OPEN_ATTEMPT" test "$(reply_code "$SOCK" "$C3")" = NO_OPEN_ATTEMPT
t "START for a unit at another process: PREV_NOT_PASSED" test "$(reply_code "$SOCK" "$S3")" = PREV_NOT_PASSED
t "a message for process 4 at a process-3 station: WRONG_PROCESS" \
    test "$(reply_code "$SOCK" "{\"message_type\":\"START\",\"wip_id\":\"$W2-W0018\",\"process_id\":4}")" = WRONG_PROCESS
t "an unknown unit: UNKNOWN_UNIT" \
    test "$(reply_code "$SOCK" '{"message_type":"START","wip_id":"KR01PSA2512009-W0001"}')" = UNKNOWN_UNIT
t "a misspelt message_type is refused, never taken as COMPLETE: BAD_FIELD" \
    test "$(reply_code "$SOCK" "{\"message_type\":\"COMPLTE\",\"wip_id\":\"$W2-W0018\",\"result\":\"PASS\"}")" = BAD_FIELD
"$SIM" -a "$SOCK" send "{\"message_type\":\"START\",\"wip_id\":\"$W2-W0017\"}" >/dev/null
t "a value as a string is refused, never judged: BAD_VALUE" \
    test "$(reply_code "$SOCK" "$(echo "$C2" | sed "s/W0020/W0017/; s/\"value\":60/\"value\":\"60\"/")")" = BAD_VALUE
t "... and nothing recorded" test "$(attempts $W2 "'PASS'")" = 0

# ---- 3. malformed frames and slow rigs -----------------------------------------------------
for k in zero:BAD_FRAME huge:FRAME_TOO_LARGE truncated:TIMEOUT notjson:BAD_JSON \
         wrongtypes:BAD_FIELD big:FRAME_TOO_LARGE bare:BAD_FRAME idle:TIMEOUT; do
    kind=${k%%:*}; want=${k#*:}
    "$SIM" -a "$SOCK" bad "$kind" >"$LOG/bad_$kind.out" 2>&1
    t "malformed ($kind): an ERROR reply with code $want" \
        test "$(awk '{print $2}' "$LOG/bad_$kind.out")" = "$want"
done
t "the station's bound ends a stalled frame within 3 s" test "$(awk '{print $3}' "$LOG/bad_truncated.out")" -lt 3000
"$SIM" -a "$SOCK" bad slow >"$LOG/bad_slow.out" 2>&1 &
SLOW=$!
sleep 0.3
s=$(date +%s%N)
"$SIM" -a "$SOCK" send "{\"message_type\":\"START\",\"wip_id\":\"$W2-W0016\"}" >"$LOG/beside_slow.out" 2>&1
ms=$(( ($(date +%s%N) - s) / 1000000 ))
t "a rig sending one byte a second holds up nobody ($ms ms for another rig's START)" \
    test "$ms" -lt 500 -a "$(awk '{print $2}' "$LOG/beside_slow.out")" = STARTED
wait "$SLOW"
t "the one-byte-a-second rig: TIMEOUT" test "$(awk '{print $2}' "$LOG/bad_slow.out")" = TIMEOUT
t "the station still answers after all that" \
    test "$(reply_code "$SOCK" "{\"message_type\":\"START\",\"wip_id\":\"$W2-W0016\"}")" = STARTED

# ---- 4. the drop folder --------------------------------------------------------------------
good() { # SEQ: a COMPLETE of lot 2's unit SEQ (in spec)
    printf '{"wip_id":"%s-W%04d","result":"PASS","process_id":"PROC-003","measurements":[{"code":"measured_temp","value":60.2},{"code":"tof_i2c","value":1}]}' "$W2" "$1"
}
start() { printf '{"message_type":"START","wip_id":"%s-W%04d"}' "$2" "$1"; }
complete() { # SEQ: the same over TCP, where message_type is required
    good "$1" | sed 's/^{/{"message_type":"COMPLETE",/'
}
"$SIM" spool "$SPOOL" a01.json "$(start 1 $W2)"
"$SIM" spool "$SPOOL" a02.json "$(good 1)"
"$SIM" spool "$SPOOL" a03.json "$(good 1)"            # the same content again
"$SIM" spool "$SPOOL" a04.json '{"wip_id": "'$W2'-W0002", "result": '
"$SIM" spool "$SPOOL" a05.json "$(good 3)"            # never started
"$SIM" spool "$SPOOL" a01.tmp.part "not ours"
wait_for 10 test "$(files pending)" -eq 0
t "drop folder: good files and the duplicate in completed/" \
    test -e "$SPOOL/completed/a01.json" -a -e "$SPOOL/completed/a02.json" -a -e "$SPOOL/completed/a03.json"
t "drop folder: the duplicate recorded nothing (one completion)" test "$(attempts $W2 "'PASS'")" = 1
t "drop folder: malformed file in error/ with BAD_JSON in its .why" grep -q '"code":"BAD_JSON"' "$SPOOL/error/a04.json.why"
t "drop folder: a COMPLETE never started in error/ (NO_OPEN_ATTEMPT)" grep -q '"code":"NO_OPEN_ATTEMPT"' "$SPOOL/error/a05.json.why"
t "drop folder: what is not NAME.json is left alone" test -e "$SPOOL/pending/a01.tmp.part"

# ---- 4b. wipstation submit: a command for rigs that can run one ----------------------------
W4=KR01PSA2512004
printf '[station]\nid = P3-RIG\nprocess = 3\n[rig]\nlisten = %s\n' "$SOCK" >"$LOG/submit.ini"
printf '[station]\nid = P3-RIG\nprocess = 3\n[rig]\nspool = %s\nauto_complete = yes\n' "$SPOOL" \
    >"$LOG/submit-spool.ini"
start 1 $W4 >"$LOG/s1.json"; complete_of() { good "$1" | sed "s/$W2/$W4/; s/^{/{\"message_type\":\"COMPLETE\",/"; }
complete_of 1 >"$LOG/c1.json"; complete_of 2 >"$LOG/c2.json"; good 2 | sed "s/$W2/$W4/" >"$LOG/f2.json"
"$W" submit "$LOG/s1.json" -c "$LOG/submit.ini" >"$LOG/submit1.out" 2>&1
t "submit: a START through the socket: exit 0 after COMMIT" grep -q '"code":"STARTED"' "$LOG/submit1.out"
t "submit: the same again: exit 0, the first reply" \
    sh -c '"$1" submit "$2" -c "$3" >/dev/null' - "$W" "$LOG/s1.json" "$LOG/submit.ini"
"$W" submit "$LOG/c2.json" -c "$LOG/submit.ini" >"$LOG/submit2.out" 2>&1; rc=$?
t "submit: a COMPLETE without START: exit 1 and the reason printed" \
    test "$rc" = 1 -a -n "$(grep '"code":"NO_OPEN_ATTEMPT"' "$LOG/submit2.out")"
t "submit: the COMPLETE: exit 0" \
    sh -c '"$1" submit "$2" -c "$3" >/dev/null' - "$W" "$LOG/c1.json" "$LOG/submit.ini"
"$SIM" -a "$SOCK" send "$(start 2 $W4)" >/dev/null
t "submit: through the drop folder (no socket): exit 0 once it is in completed/" \
    sh -c '"$1" submit "$2" -c "$3" >/dev/null' - "$W" "$LOG/f2.json" "$LOG/submit-spool.ini"
"$W" submit "$LOG/f2.json" -c "$LOG/submit-spool.ini" >"$LOG/submit3.out" 2>&1
t "submit: the same file again through the drop folder: recorded once" \
    test "$(attempts $W4 "'PASS'")" = 2
"$W" submit "$LOG/c2.json" -c "$LOG/submit.ini" >/dev/null 2>&1
echo '{"wip_id":"'$W4'-W0005","result":"PASS"}' >"$LOG/f5.json"
"$W" submit "$LOG/f5.json" -c "$LOG/submit-spool.ini" >"$LOG/submit4.out" 2>&1; rc=$?
t "submit: refused through the drop folder: exit 1 with the reply of its .why" \
    test "$rc" = 1 -a -n "$(grep '"code":"NO_OPEN_ATTEMPT"' "$LOG/submit4.out")"
"$W" submit "$LOG/s1.json" -c "$LOG/wipstation.ini" >/dev/null 2>&1; rc=$?
t "submit: no [rig] in the configuration: exit 2" test "$rc" = 2

# ---- 5. files written while the database is stopped -----------------------------------------
runuser -u postgres -- "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1
for i in 4 5 6 7 8 9 10 11 12 13; do
    "$SIM" spool "$SPOOL" "b$(printf %02d $i)-1.json" "$(start $i $W2)"
    "$SIM" spool "$SPOOL" "b$(printf %02d $i)-2.json" "$(good $i)"
done
"$SIM" spool "$SPOOL" b13-3.json "$(good 13)"  # and a duplicate among them
sleep 2
t "database stopped: the 21 files wait in pending/" test "$(files pending)" -eq 21
t "database stopped: a rig's message is refused DB_OFFLINE, not lost silently" \
    test "$(reply_code "$SOCK" "$(start 14 $W2)")" = DB_OFFLINE
sh tests/pg-env.sh restart "$PG_TEST_DIR"
wait_for 20 test "$(files pending)" -eq 0
t "database back: every waiting file processed" test "$(files pending)" -eq 0 -a "$(files work)" -eq 0
t "database back: each recorded exactly once (10 more completions, 20 more keys)" \
    test "$(attempts $W2 "'PASS'")/$(q "SELECT count(*) FROM wip_rig_messages m JOIN wip_items w
        ON w.id = m.wip_item_id JOIN lots l ON l.id = w.lot_id WHERE m.source = 'FILE'
        AND l.lot_number = '$W2'")" = 11/22
t "database back: all 21 in completed/" test "$(find "$SPOOL/completed" -name 'b*.json' | wc -l)" -eq 21
stop_station "$SPID"

# ---- 6. nobody logged in; an operator who confirms or cancels -------------------------------
station nobody -s P3-NOBODY -l "$LOG/nobody.sock" -d "$LOG/spool2" -b - || no "station without operator"
t "nobody logged in: NOT_LOGGED_IN" test "$(reply_code "$LOG/nobody.sock" "$(start 15 $W2)")" = NOT_LOGGED_IN
"$SIM" spool "$LOG/spool2" c01.json "$(start 15 $W2)"
sleep 1
t "nobody logged in: a file waits in pending/" test -e "$LOG/spool2/pending/c01.json"
stop_station "$SPID"
mkfifo "$LOG/op.fifo"
"$STN" -c "$CI" -p 3 -s P3-MANUAL -l "$LOG/manual.sock" -m <"$LOG/op.fifo" >"$LOG/manual.out" 2>&1 &
SPID=$!; PIDS="$PIDS $SPID"
exec 7>"$LOG/op.fifo"
wait_for 5 grep -q '^ready' "$LOG/manual.out"
"$SIM" -a "$LOG/manual.sock" send "$(start 15 $W2)" >/dev/null
"$SIM" -a "$LOG/manual.sock" send "$(complete 15)" >"$LOG/confirm.out" 2>&1 &
CP=$!
wait_for 5 grep -q '^event AWAITING' "$LOG/manual.out"
t "operator: the COMPLETE waits (nothing recorded yet)" test "$(attempts $W2 "'PASS'")" = 11
echo OK >&7
wait "$CP"
t "operator: CMD:OK records it and the rig gets COMPLETED" test "$(awk '{print $2}' "$LOG/confirm.out")" = COMPLETED
"$SIM" -a "$LOG/manual.sock" send "$(start 18 $W2)" >/dev/null
"$SIM" -a "$LOG/manual.sock" send "$(complete 18)" >"$LOG/cancel.out" 2>&1 &
CP=$!
wait_for 5 test "$(grep -c '^event AWAITING' "$LOG/manual.out")" -eq 2
t "operator: a second result meanwhile is refused BUSY" \
    test "$(reply_code "$LOG/manual.sock" "$(complete 19)")" = BUSY
echo CANCEL >&7
wait "$CP"
t "operator: CMD:CANCEL and the rig gets REJECTED" test "$(awk '{print $2}' "$LOG/cancel.out")" = REJECTED
t "operator: nothing recorded for the cancelled one" \
    test "$(q "SELECT count(*) FROM wip_process_history h JOIN wip_items w ON w.id = h.wip_item_id WHERE w.wip_id = '$W2-W0018' AND h.process_id = 3 AND h.completed_at IS NOT NULL")" = 0
exec 7>&-
stop_station "$SPID"

# ---- 7. rigs at work while the server stops -m immediate, then everything sent again ---------
station fault -s P3-FAULT -l "127.0.0.1:$((PGPORT + 100))" || no "station on TCP"
TCP="127.0.0.1:$((PGPORT + 100))"
"$SIM" -a "$TCP" run -L $W3 -n 40 -k -c 4 -w 30 -r 8 >"$LOG/fault1.out" 2>&1 &
RUN=$!
sleep 0.4
runuser -u postgres -- "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate -w stop >/dev/null 2>&1
sleep 1
sh tests/pg-env.sh restart "$PG_TEST_DIR"
wait "$RUN"
grep '^rigsim:' "$LOG/fault1.out" | sed 's/^/  first pass: /'
t "faulted run: the station lost the database and came back by itself" \
    grep -q '^db online' "$LOG/fault.out"
t "faulted run: the rigs, resending what was refused for a passing reason, got every answer" \
    grep -q ' ok=1 ' "$LOG/fault1.out"
"$SIM" -a "$TCP" run -L $W3 -n 40 -k -c 4 -r 8 >"$LOG/fault2.out" 2>&1
grep '^rigsim:' "$LOG/fault2.out" | sed 's/^/  sent again: /'
t "faulted run: everything sent again, every message answered OK from its key" \
    grep -q ' ok=1 .*codes=STARTED:40,COMPLETED:40$' "$LOG/fault2.out"
t "faulted run: every unit completed process 3 exactly once" \
    test "$(q "SELECT count(*) FROM (SELECT w.id FROM wip_items w JOIN lots l ON l.id = w.lot_id
               JOIN wip_process_history h ON h.wip_item_id = w.id AND h.process_id = 3
               WHERE l.lot_number = '$W3' AND h.completed_at IS NOT NULL GROUP BY w.id
               HAVING count(*) = 1) x")" = 40
t "faulted run: 80 keys, none twice" test "$(q "SELECT count(*) || '/' || count(DISTINCT msg_key) FROM wip_rig_messages WHERE station_id = 'P3-FAULT'")" = 80/80
stop_station "$SPID"
t "invariants hold after everything" sh tests/faults/check-invariants.sh "$DB"

echo "rig: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
